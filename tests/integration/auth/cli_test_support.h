#pragma once

// Helpers for the tests that run the built `pindex` executable against a real nginx: a project
// whose index is the generated private index, and a child environment isolated from the user's
// cache, configuration, netrc and keychain.

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

namespace pindex::test {

inline std::string readText(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void writeText(const std::filesystem::path& file, const std::string& text)
{
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

// The child reads nothing of the real user's: cache, config and HOME under `dir`, a netrc that
// does not exist. `keychain` false also points D-Bus at nothing, so no OS keychain is reachable.
inline std::map<std::string, std::string> isolatedEnvironment(const std::filesystem::path& dir,
                                                              bool keychain = false)
{
    std::map<std::string, std::string> environment{{"XDG_CACHE_HOME", (dir / "cache").string()},
                                                   {"XDG_CONFIG_HOME", (dir / "config").string()},
                                                   {"NETRC", (dir / "no-netrc").string()}};
    if (!keychain) {
        environment["HOME"] = (dir / "home").string();
        environment["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + (dir / "no-bus").string();
    }
    return environment;
}

inline ProcessResult runPindex(std::vector<std::string> arguments,
                               const std::map<std::string, std::string>& environment,
                               const std::string& input = {})
{
    arguments.insert(arguments.begin(), kPindexExecutable.string());
    return runProcess(arguments, {.input = input, .environment = environment});
}

// A project locking `alpha` from one index named "private" at `url` (extra TOML lines appended to
// the index table).
inline void writePrivateProject(const std::filesystem::path& project, const std::string& url,
                                const std::string& indexExtra = {})
{
    writeText(project / "pyproject.toml", "[project]\nname = \"private-app\"\nversion = \"1.0\"\n"
                                          "requires-python = \">=3.9\"\ndependencies = [\"alpha>=1\"]\n\n"
                                          "[[tool.uv.index]]\nname = \"private\"\nurl = \"" +
                                              url + "\"\ndefault = true\n" + indexExtra);
}

inline std::vector<std::string> lockArguments(const std::filesystem::path& project)
{
    return {"lock", "--project", project.string(), "--python", "3.11", "--platform", "linux-x86_64"};
}

// Replaces the first "http://" of a URL by "http://USER:PASSWORD@".
inline std::string withCredentials(std::string url, const std::string& user, const std::string& password)
{
    url.replace(0, 7, "http://" + user + ":" + password + "@");
    return url;
}

} // namespace pindex::test
