// The Debian package end to end: cpack on this build tree, the .deb extracted with dpkg-deb into a
// scratch root, its files, its control fields, and the extracted pindex, keyring shim, desktop
// entry, AppStream metadata, manual page and completions each put to work, and the window program
// and keychain module found beside the extracted pindex.

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

namespace fs = std::filesystem;
using namespace pindex;

namespace {

const std::string kAppId = "io.github.pindex.Pindex";
constexpr std::array kIconSizes{16, 22, 24, 32, 48, 64, 128, 256};

std::string readText(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> result;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        result.push_back(line);
    return result;
}

std::string trim(std::string text)
{
    const auto first = text.find_first_not_of(" \t\n");
    const auto last = text.find_last_not_of(" \t\n");
    return first == std::string::npos ? std::string{} : text.substr(first, last - first + 1);
}

// A program by name, looked up on PATH as a shell would (runProcess takes a path).
std::string programPath(const std::string& name)
{
    if (name.find('/') != std::string::npos)
        return name;
    const char* path = std::getenv("PATH"); // NOLINT(concurrency-mt-unsafe): read-only
    std::istringstream directories(path != nullptr ? path : "/usr/bin:/bin");
    for (std::string directory; std::getline(directories, directory, ':');) {
        const fs::path candidate = fs::path(directory) / name;
        if (!directory.empty() && ::access(candidate.c_str(), X_OK) == 0)
            return candidate.string();
    }
    FAIL("the program " << name << " is not on PATH (installer/debian-deps.sh installs it)");
    return name;
}

test::ProcessResult run(std::vector<std::string> argv, const test::ProcessOptions& options = {})
{
    argv.front() = programPath(argv.front());
    auto result = test::runProcess(argv, options);
    UNSCOPED_INFO("$ " << argv.front() << " ... -> " << result.exitCode << "\n" << result.out << result.err);
    return result;
}

bool isExecutable(const fs::path& file)
{
    return fs::is_regular_file(file) &&
           (fs::status(file).permissions() & fs::perms::owner_exec) != fs::perms::none;
}

// Width and height from a PNG's IHDR chunk.
std::pair<std::uint32_t, std::uint32_t> pngSize(const fs::path& file)
{
    const std::string bytes = readText(file);
    REQUIRE(bytes.size() > 24);
    REQUIRE(bytes.compare(1, 3, "PNG") == 0);
    auto be32 = [&](std::size_t at) {
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < 4; ++i)
            value = (value << 8U) | static_cast<unsigned char>(bytes[at + i]);
        return value;
    };
    return {be32(16), be32(20)};
}

// Text as it appears in roff source, where every hyphen is written \-.
std::string roffEscaped(std::string text)
{
    for (auto at = text.find('-'); at != std::string::npos; at = text.find('-', at + 2))
        text.replace(at, 1, "\\-");
    return text;
}

// The package names in a Depends field, version constraints and alternatives' tails dropped.
std::set<std::string> dependsNames(const std::string& field)
{
    std::set<std::string> names;
    std::istringstream in(field);
    for (std::string item; std::getline(in, item, ',');) {
        item = trim(item);
        names.insert(item.substr(0, item.find_first_of(" (|")));
    }
    return names;
}

// The commands of `pindex --help` and the long options of each command's help.
std::map<std::string, std::set<std::string>> commandsAndOptions(const fs::path& pindex)
{
    std::map<std::string, std::set<std::string>> result;
    const auto help = run({pindex.string(), "--help"});
    REQUIRE(help.exitCode == 0);
    bool inCommands = false;
    for (const auto& line : lines(help.out)) {
        if (line == "Commands:") {
            inCommands = true;
        } else if (inCommands && line.starts_with("  ")) {
            const std::string name = trim(line).substr(0, trim(line).find(' '));
            const auto commandHelp = run({pindex.string(), name, "--help"});
            REQUIRE(commandHelp.exitCode == 0);
            auto& options = result[name];
            const std::string& text = commandHelp.out;
            for (auto at = text.find("--"); at != std::string::npos; at = text.find("--", at + 2)) {
                auto end = at + 2;
                while (end < text.size() &&
                       (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-'))
                    ++end;
                if (end > at + 2)
                    options.insert(text.substr(at, end - at));
                at = end - 2;
            }
        } else if (inCommands) {
            inCommands = false;
        }
    }
    REQUIRE(result.size() >= 5);
    return result;
}

} // namespace

TEST_CASE("the Debian package installs the application, its desktop integration, manual, "
          "completions and keyring shim",
          "[packaging]")
{
    test::TempDir scratch("pindex-packaging");
    const auto out = scratch / "out";

    // The version: project(VERSION), as the build tree's pindex reports it.
    const auto builtVersion = run({test::kPindexExecutable.string(), "--version"});
    REQUIRE(builtVersion.exitCode == 0);
    const std::string version = lines(builtVersion.out).front().substr(std::string("pindex ").size());
    const std::string arch = trim(run({"dpkg", "--print-architecture"}).out);

    const auto cpack = run({PINDEX_CPACK, "-G", "DEB", "--config",
                            (test::kBinaryDir / "CPackConfig.cmake").string(), "-B", out.string()});
    REQUIRE(cpack.exitCode == 0);
    const fs::path deb = out / ("pindex_" + version + "_" + arch + ".deb");
    REQUIRE(fs::is_regular_file(deb));

    test::TempDir root("pindex-packaging-root");
    REQUIRE(run({"dpkg-deb", "-x", deb.string(), root.path().string()}).exitCode == 0);
    const auto usr = root / "usr";

    // Control fields: name, version, and Depends covering debian-deps.sh's runtime list and every
    // library the binary links.
    {
        CHECK(trim(run({"dpkg-deb", "-f", deb.string(), "Package"}).out) == "pindex");
        CHECK(trim(run({"dpkg-deb", "-f", deb.string(), "Version"}).out) == version);
        CHECK(trim(run({"dpkg-deb", "-f", deb.string(), "Architecture"}).out) == arch);
        const auto info = run({"dpkg-deb", "-I", deb.string()});
        REQUIRE(info.exitCode == 0);
        const auto depends = dependsNames(run({"dpkg-deb", "-f", deb.string(), "Depends"}).out);

        const auto runtime =
            run({"bash", (test::kSourceDir / "installer/debian-deps.sh").string(), "--list", "runtime"});
        REQUIRE(runtime.exitCode == 0);
        REQUIRE(lines(runtime.out).size() >= 5);
        for (const auto& package : lines(runtime.out)) {
            INFO("runtime package " << package);
            CHECK(depends.contains(package));
        }

        // Every shared library that pindex, the window program and the keychain module need
        // directly comes from a package in Depends; pindex itself links no Qt library.
        const auto binary = usr / "bin/pindex";
        int needed = 0;
        for (const auto& file :
             {binary, usr / "libexec/pindex/pindex-window", usr / "lib/pindex/pindex-keychain.so"}) {
            INFO("file " << file);
            REQUIRE(fs::is_regular_file(file));
            const auto fileDynamic = run({"objdump", "-p", file.string()});
            REQUIRE(fileDynamic.exitCode == 0);
            const auto resolved = run({"ldd", file.string()});
            REQUIRE(resolved.exitCode == 0);
            for (const auto& line : lines(fileDynamic.out)) {
                const auto at = line.find("NEEDED");
                if (at == std::string::npos)
                    continue;
                ++needed;
                const std::string library = trim(line.substr(at + 6));
                if (file == binary) {
                    INFO("pindex links " << library);
                    CHECK_FALSE(
                        (library.starts_with("libQt") || library.find("keychain") != std::string::npos));
                }
                std::string path;
                for (const auto& mapping : lines(resolved.out)) {
                    if (trim(mapping).starts_with(library + " => "))
                        path = trim(mapping).substr(library.size() + 4,
                                                    trim(mapping).find(" (") - library.size() - 4);
                }
                INFO("library " << library << " at " << path);
                REQUIRE_FALSE(path.empty());
                auto owner = run({"dpkg-query", "-S", fs::canonical(path).string()});
                if (owner.exitCode != 0) // merged /usr: dpkg knows the file under /lib
                    owner =
                        run({"dpkg-query", "-S",
                             "/lib" + fs::canonical(path).string().substr(std::string("/usr/lib").size())});
                REQUIRE(owner.exitCode == 0);
                const std::string package = owner.out.substr(0, owner.out.find_first_of(":,"));
                INFO("package " << package);
                CHECK(depends.contains(package));
            }
        }
        CHECK(needed >= 10);
        const auto dynamic = run({"objdump", "-p", binary.string()});
        REQUIRE(dynamic.exitCode == 0);

        // The libraries pindex opens on first use (core/util/lazy_library.h) are no NEEDED entries;
        // their sonames are strings in the binary: every soname it holds that it does not link.
        std::set<std::string> linked;
        for (const auto& line : lines(dynamic.out)) {
            if (const auto at = line.find("NEEDED"); at != std::string::npos)
                linked.insert(trim(line.substr(at + 6)));
        }
        const auto strings = run({"strings", binary.string()});
        REQUIRE(strings.exitCode == 0);
        std::set<std::string> opened;
        const std::regex soname("lib[A-Za-z0-9_+-]+\\.so\\.[0-9.]+");
        for (const auto& line : lines(strings.out)) {
            if (std::regex_match(line, soname) && !linked.contains(line))
                opened.insert(line);
        }
        for (const auto& library : opened) {
            const auto owner = run({"dpkg-query", "-S", "*/" + library});
            INFO("library " << library << ", opened on first use");
            REQUIRE(owner.exitCode == 0);
            const std::string package = owner.out.substr(0, owner.out.find_first_of(":,"));
            INFO("package " << package);
            CHECK(depends.contains(package));
        }
        CHECK(opened.contains("libcurl.so.4"));
    }

    // Files, and each of them at work.
    {
        // Only pindex lands on PATH; the keyring shim waits in a directory of its own.
        std::vector<std::string> onPath;
        for (const auto& entry : fs::directory_iterator(usr / "bin"))
            onPath.push_back(entry.path().filename().string());
        CHECK(onPath == std::vector<std::string>{"pindex"});
        CHECK(isExecutable(usr / "bin/pindex"));
        CHECK(isExecutable(usr / "libexec/pindex/pindex-window"));
        CHECK(fs::is_regular_file(usr / "lib/pindex/pindex-keychain.so"));
        const auto shim = usr / "lib/pindex/keyring-shim/keyring";
        CHECK(isExecutable(shim));
        CHECK(std::distance(fs::directory_iterator(shim.parent_path()), fs::directory_iterator{}) == 1);

        const auto desktop = usr / "share/applications" / (kAppId + ".desktop");
        const auto metainfo = usr / "share/metainfo" / (kAppId + ".metainfo.xml");
        const auto manpage = usr / "share/man/man1/pindex.1.gz";
        const auto bashCompletion = usr / "share/bash-completion/completions/pindex";
        const auto zshCompletion = usr / "share/zsh/vendor-completions/_pindex";
        for (const auto& file : {desktop, metainfo, manpage, bashCompletion, zshCompletion,
                                 usr / "share/icons/hicolor/scalable/apps" / (kAppId + ".svg"),
                                 usr / "share/doc/pindex/copyright"}) {
            INFO(file);
            CHECK(fs::is_regular_file(file));
        }
        for (const int size : kIconSizes) {
            const auto png = usr / "share/icons/hicolor" /
                             (std::to_string(size) + "x" + std::to_string(size)) / "apps" / (kAppId + ".png");
            INFO(png);
            REQUIRE(fs::is_regular_file(png));
            CHECK(pngSize(png) ==
                  std::pair{static_cast<std::uint32_t>(size), static_cast<std::uint32_t>(size)});
        }

        // The extracted pindex runs: its version, and a lock of the demo project (local flat index).
        const auto pindex = usr / "bin/pindex";
        const auto versionOutput = run({pindex.string(), "--version"});
        CHECK(versionOutput.exitCode == 0);
        CHECK(versionOutput.out.starts_with("pindex " + version + "\n"));
        CHECK(versionOutput.out.find("  libcurl ") != std::string::npos);

        const auto project = scratch / "demo";
        test::copyTree(test::kDemoProjectDir, project);
        std::error_code ignored;
        fs::remove(project / "pylock.toml", ignored);
        const auto lock = run({pindex.string(), "lock", "--project", project.string(), "--python", "3.11",
                               "--platform", "linux-x86_64", "--offline"},
                              {.environment = {{"XDG_CACHE_HOME", (scratch / "cache").string()},
                                               {"XDG_CONFIG_HOME", (scratch / "config").string()}}});
        CHECK(lock.exitCode == 0);
        const std::string pylock = readText(project / "pylock.toml");
        CHECK(pylock.find("name = \"tinyjson\"") != std::string::npos);
        CHECK(pylock.find("name = \"acme-utils\"") != std::string::npos);

        // The extracted pindex reaches the parts installed beside it: the keychain module (which
        // finds no keychain service here and says so) and the window program (offscreen, on a
        // project it cannot read: it saves each tab and quits).
        const auto keychainLookup =
            run({pindex.string(), "keyring", "get", "https://pypi.example.invalid/simple/", "alice"},
                {.environment = {{"DBUS_SESSION_BUS_ADDRESS", "unix:path=" + (scratch / "no-bus").string()},
                                 {"HOME", (scratch / "home").string()}}});
        CHECK(keychainLookup.exitCode == 1);
        CHECK(keychainLookup.err.find("no OS keychain service is reachable") != std::string::npos);
        const auto shots = scratch / "screenshots";
        fs::create_directories(scratch / "broken");
        std::ofstream(scratch / "broken" / "pyproject.toml") << "[project\n";
        const auto window = run(
            {pindex.string(), "--project", (scratch / "broken").string(), "--screenshots", shots.string()},
            {.environment = {{"QT_QPA_PLATFORM", "offscreen"},
                             {"XDG_CONFIG_HOME", (scratch / "config").string()},
                             {"XDG_CACHE_HOME", (scratch / "cache").string()}}});
        CHECK(window.exitCode == 0);
        CHECK(fs::is_regular_file(shots / "window-dependenciesPane.png"));

        // The shim finds the pindex installed next to it, also through a symlink on PATH.
        const auto link = scratch / "bin/keyring";
        fs::create_directories(link.parent_path());
        fs::create_symlink(shim, link);
        for (const auto& keyring : {shim, link}) {
            const auto help = run({keyring.string(), "--help"}, {.environment = {{"PATH", "/usr/bin:/bin"}}});
            INFO(keyring);
            CHECK(help.exitCode == 0);
            CHECK(help.out.find("pindex keyring") != std::string::npos);
        }

        // The desktop entry and the AppStream metadata pass the freedesktop validators and agree.
        const auto desktopCheck = run({"desktop-file-validate", desktop.string()});
        CHECK(desktopCheck.exitCode == 0);
        CHECK(desktopCheck.out.empty());
        const std::string desktopText = readText(desktop);
        CHECK(desktopText.find("\nIcon=" + kAppId + "\n") != std::string::npos);
        CHECK(desktopText.find("\nExec=pindex") != std::string::npos);
        const auto appstream = run({"appstreamcli", "validate", "--no-net", "--explain", metainfo.string()});
        CHECK(appstream.exitCode == 0);
        const std::string metainfoText = readText(metainfo);
        CHECK(metainfoText.find("<launchable type=\"desktop-id\">" + kAppId + ".desktop</launchable>") !=
              std::string::npos);
        CHECK(metainfoText.find("<release version=\"" + version + "\"") != std::string::npos);

        // The manual documents every command and every long option their help lists.
        const auto man = run({"gzip", "-dc", manpage.string()});
        REQUIRE(man.exitCode == 0);
        CHECK(man.out.find(".TH PINDEX 1") != std::string::npos);
        CHECK(man.out.find(roffEscaped(shim.string().substr(root.path().string().size()))) !=
              std::string::npos);
        for (const auto& [command, options] : commandsAndOptions(pindex)) {
            INFO("command " << command);
            CHECK(man.out.find(".SS \"pindex " + roffEscaped(command) + "\"") != std::string::npos);
            for (const auto& option : options) {
                INFO("option " << option);
                CHECK(man.out.find(roffEscaped(option)) != std::string::npos);
            }
        }

        // The completions parse, and bash completes commands, subcommands and option values.
        CHECK(run({"bash", "-n", bashCompletion.string()}).exitCode == 0);
        CHECK(run({"zsh", "-n", zshCompletion.string()}).exitCode == 0);
        const std::string script = R"(
            source /usr/share/bash-completion/bash_completion
            source "$1"
            complete_words() {
                COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                COMPREPLY=(); _pindex pindex "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '; echo
            }
            complete_words pindex lo
            complete_words pindex index ''
            complete_words pindex index add --authenticate ''
            complete_words pindex diff --format ''
            complete_words pindex lock --up
        )";
        const auto completion = run({"bash", "-c", script, "completion", bashCompletion.string()},
                                    {.workingDirectory = scratch.path()});
        REQUIRE(completion.exitCode == 0);
        CHECK(lines(completion.out) == std::vector<std::string>{
                                           "lock ",
                                           "add list move remove rename set test ",
                                           "always auto never ",
                                           "json markdown text ",
                                           "--upgrade --upgrade-package ",
                                       });
    }
}
