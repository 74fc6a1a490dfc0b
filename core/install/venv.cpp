#include "core/install/venv.h"

#include <cerrno>
#include <csignal>
#include <random>
#include <system_error>
#include <unistd.h>

#include "core/util/file_io.h"

namespace pindex::install {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kActivateTemplate = R"SH(# Source this file from bash or zsh: . bin/activate
deactivate () {
    if [ -n "${_PINDEX_OLD_PATH:-}" ]; then
        PATH="$_PINDEX_OLD_PATH"
        export PATH
        unset _PINDEX_OLD_PATH
    fi
    if [ -n "${_PINDEX_OLD_PS1+set}" ]; then
        PS1="$_PINDEX_OLD_PS1"
        export PS1
        unset _PINDEX_OLD_PS1
    fi
    unset VIRTUAL_ENV
    unset VIRTUAL_ENV_PROMPT
    hash -r 2> /dev/null
    if [ "${1:-}" != "nondestructive" ]; then
        unset -f deactivate
    fi
}
deactivate nondestructive
VIRTUAL_ENV="@ROOT@"
export VIRTUAL_ENV
_PINDEX_OLD_PATH="$PATH"
PATH="$VIRTUAL_ENV/bin:$PATH"
export PATH
VIRTUAL_ENV_PROMPT="(@PROMPT@) "
export VIRTUAL_ENV_PROMPT
if [ -z "${VIRTUAL_ENV_DISABLE_PROMPT:-}" ]; then
    _PINDEX_OLD_PS1="${PS1:-}"
    PS1="$VIRTUAL_ENV_PROMPT${PS1:-}"
    export PS1
fi
hash -r 2> /dev/null
)SH";

std::string replaceAll(std::string text, std::string_view from, std::string_view to)
{
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

Error ioError(const fs::path& path, const std::error_code& error, std::string_view what)
{
    return makeError(ErrorCode::Io,
                     "Cannot " + std::string(what) + " " + path.string() + ": " + error.message() + ".");
}

constexpr char kBuildInfix[] = ".pindex-tmp-";

// Removes `<root>.pindex-tmp-<pid>-*` directories whose process no longer runs.
void removeAbandonedBuilds(const fs::path& root)
{
    const std::string prefix = root.filename().string() + std::string(kBuildInfix);
    std::error_code error;
    for (fs::directory_iterator it(root.parent_path(), error), end; !error && it != end;
         it.increment(error)) {
        const auto name = it->path().filename().string();
        if (!name.starts_with(prefix))
            continue;
        const auto dash = name.find('-', prefix.size());
        const auto digits = name.substr(prefix.size(), dash == std::string::npos ? 0 : dash - prefix.size());
        if (digits.empty() || digits.size() > 9 ||
            digits.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const auto pid = static_cast<pid_t>(std::stol(digits));
        if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno == EPERM)
            continue;
        std::error_code ignored;
        fs::remove_all(it->path(), ignored);
    }
}

} // namespace

VenvLayout venvLayout(const fs::path& root, const std::string& pythonVersion)
{
    VenvLayout layout;
    layout.root = root;
    layout.bin = root / "bin";
    layout.python = layout.bin / "python";
    layout.sitePackages = root / "lib" / ("python" + pythonVersion) / "site-packages";
    layout.include = root / "include" / "site" / ("python" + pythonVersion);
    layout.pythonVersion = pythonVersion;
    return layout;
}

bool isVenv(const fs::path& root)
{
    std::error_code error;
    return fs::is_regular_file(root / "pyvenv.cfg", error);
}

Result<std::string> venvPythonVersion(const fs::path& root)
{
    auto content = readFile(root / "pyvenv.cfg");
    if (!content)
        return std::unexpected(content.error());
    std::string_view text = *content;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        const auto equals = line.find('=');
        if (equals != std::string_view::npos) {
            auto key = line.substr(0, equals);
            auto value = line.substr(equals + 1);
            while (!key.empty() && key.back() == ' ')
                key.remove_suffix(1);
            while (!value.empty() && value.front() == ' ')
                value.remove_prefix(1);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\r'))
                value.remove_suffix(1);
            if (key == "version" || key == "version_info") {
                const auto first = value.find('.');
                const auto second = value.find('.', first == std::string_view::npos ? 0 : first + 1);
                return std::string(value.substr(0, second));
            }
        }
        if (newline == std::string_view::npos)
            break;
        text.remove_prefix(newline + 1);
    }
    return std::unexpected(makeFileError(ErrorCode::Parse, "pyvenv.cfg records no Python version.",
                                         (root / "pyvenv.cfg").string()));
}

Result<VenvLayout> createVenv(const fs::path& root, const InterpreterInfo& base, const VenvOptions& options)
{
    const auto version = base.pythonVersion();
    if (isVenv(root)) {
        auto existing = venvPythonVersion(root);
        if (!existing)
            return std::unexpected(existing.error());
        return venvLayout(root, *existing);
    }
    std::error_code error;
    if (fs::exists(root, error)) {
        if (!fs::is_directory(root, error) || !fs::is_empty(root, error)) {
            auto err =
                makeError(ErrorCode::Conflict, root.string() + " exists and is not a virtual environment "
                                                               "(no pyvenv.cfg); Pindex leaves it alone.");
            err.hint = "Remove it or choose another venv directory.";
            return std::unexpected(std::move(err));
        }
    }
    // The real interpreter: a venv's python links to its base; follow the links to the binary.
    fs::path executable = fs::canonical(base.executable, error);
    if (error)
        return std::unexpected(ioError(base.executable, error, "resolve"));
    auto absoluteRoot = fs::absolute(root).lexically_normal();
    if (absoluteRoot.filename().empty())
        absoluteRoot = absoluteRoot.parent_path();
    // Built beside its place and renamed in: a process killed midway leaves a temporary directory
    // (removed by the next creation), never a half venv that would block the path.
    removeAbandonedBuilds(absoluteRoot);
    std::random_device random;
    const fs::path building =
        absoluteRoot.parent_path() / (absoluteRoot.filename().string() + kBuildInfix +
                                      std::to_string(::getpid()) + "-" + std::to_string(random()));
    struct Cleanup
    {
        fs::path directory;
        ~Cleanup()
        {
            std::error_code ignored;
            if (!directory.empty())
                fs::remove_all(directory, ignored);
        }
    } cleanup{building};
    const auto layout = venvLayout(building, version);
    for (const auto& directory : {layout.bin, layout.sitePackages, layout.include})
        if (fs::create_directories(directory, error); error)
            return std::unexpected(ioError(directory, error, "create"));
    if (sizeof(void*) == 8) {
        fs::create_directory_symlink("lib", building / "lib64", error);
        if (error)
            return std::unexpected(ioError(building / "lib64", error, "create"));
    }
    fs::create_symlink(executable, layout.python, error);
    if (error)
        return std::unexpected(ioError(layout.python, error, "create"));
    for (const std::string& name : {std::string("python3"), "python" + version}) {
        fs::create_symlink("python", layout.bin / name, error);
        if (error)
            return std::unexpected(ioError(layout.bin / name, error, "create"));
    }
    std::string prompt = options.prompt;
    if (prompt.empty())
        prompt = absoluteRoot.parent_path().filename().string();
    std::string activate = replaceAll(std::string(kActivateTemplate), "@ROOT@", absoluteRoot.string());
    activate = replaceAll(std::move(activate), "@PROMPT@", prompt);
    if (auto written = writeFileAtomic(layout.bin / "activate", activate); !written)
        return std::unexpected(written.error());
    const std::string config =
        "home = " + executable.parent_path().string() + "\ninclude-system-site-packages = false\nversion = " +
        base.markers.pythonFullVersion.value_or(version) + "\nexecutable = " + executable.string() +
        "\nprompt = " + prompt + "\ncreator = pindex\n";
    if (auto written = writeFileAtomic(building / "pyvenv.cfg", config); !written)
        return std::unexpected(written.error());
    // An empty directory at `root` is replaced by the rename.
    fs::rename(building, absoluteRoot, error);
    if (error)
        return std::unexpected(ioError(root, error, "create"));
    cleanup.directory.clear();
    return venvLayout(root, version);
}

} // namespace pindex::install
