#include "core/install/wheel_installer.h"

#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <array>
#include <cctype>
#include <cerrno>
#include <fcntl.h>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

#include "core/install/entry_points.h"
#include "core/install/file_transaction.h"
#include "core/install/installed.h"
#include "core/install/record.h"
#include "core/install/subprocess.h"
#include "core/standards/name.h"
#include "core/standards/wheel_name.h"
#include "core/util/file_io.h"

namespace pindex::install {

namespace fs = std::filesystem;

namespace {

struct ArchiveCloser
{
    void operator()(archive* handle) const { archive_read_free(handle); }
};

Error unsafe(const fs::path& wheel, const std::string& member, const std::string& why)
{
    auto err = makeError(ErrorCode::Invalid, "Refusing to install " + wheel.filename().string() +
                                                 ": member `" + member + "` " + why + ".");
    err.hint = "The wheel is malformed or malicious; it was not installed.";
    return err;
}

// Why a member path is unsafe, or nothing when it is fine.
std::optional<std::string> unsafePath(std::string_view path)
{
    if (path.empty())
        return "has an empty path";
    if (std::any_of(path.begin(), path.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return "has a control character in its path";
    if (path.front() == '/' || path.front() == '\\' ||
        (path.size() >= 2 && path[1] == ':' && std::isalpha(static_cast<unsigned char>(path[0])) != 0))
        return "has an absolute path";
    if (path.find('\\') != std::string_view::npos)
        return "has a backslash in its path";
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto part = path.substr(start, slash == std::string_view::npos ? path.npos : slash - start);
        if (part == "..")
            return "leaves the wheel through `..`";
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return std::nullopt;
}

bool escapes(const std::string& linkPath, const std::string& target)
{
    if (target.empty() || target.front() == '/')
        return true;
    const auto resolved = (fs::path(linkPath).parent_path() / target).lexically_normal();
    const auto first = resolved.begin();
    return first != resolved.end() && *first == "..";
}

Error ioError(const fs::path& path, const std::error_code& error, std::string_view what)
{
    return makeError(ErrorCode::Io,
                     "Cannot " + std::string(what) + " " + path.string() + ": " + error.message() + ".");
}

constexpr fs::perms kExecutable = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec;
constexpr fs::perms kRegular =
    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;

// Writes a file that does not exist yet (staging and cache trees: no temp file, no fsync; the
// tree as a whole becomes visible by a rename or not at all).
Status writeNewFile(const fs::path& path, std::string_view data, bool executable)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                          static_cast<mode_t>(executable ? kExecutable : kRegular));
    if (fd < 0)
        return std::unexpected(ioError(path, std::error_code(errno, std::generic_category()), "create"));
    std::size_t written = 0;
    while (written < data.size()) {
        const ssize_t step = ::write(fd, data.data() + written, data.size() - written);
        if (step < 0) {
            if (errno == EINTR)
                continue;
            const std::error_code error(errno, std::generic_category());
            ::close(fd);
            return std::unexpected(ioError(path, error, "write"));
        }
        written += static_cast<std::size_t>(step);
    }
    if (::close(fd) != 0)
        return std::unexpected(ioError(path, std::error_code(errno, std::generic_category()), "write"));
    return {};
}

fs::path uniqueStagingDirectory(const VenvLayout& venv, const std::string& name)
{
    std::random_device random;
    return venv.root / ".pindex-staging" /
           (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(random()) +
            std::to_string(random()));
}

// Reads the archive into `directory`, checking every member. Returns the members in archive order.
// `wheel` names the archive in messages; `archivePath` is the file read.
Result<std::vector<UnpackedMember>> unpackMembers(const fs::path& wheel, const fs::path& archivePath,
                                                  const fs::path& directory,
                                                  const WheelInstallOptions& options,
                                                  const std::stop_token& stop)
{
    std::unique_ptr<archive, ArchiveCloser> reader(archive_read_new());
    archive_read_support_format_zip(reader.get());
    if (archive_read_open_filename(reader.get(), archivePath.c_str(), 1 << 16) != ARCHIVE_OK)
        return std::unexpected(makeError(ErrorCode::Io, "Cannot open the wheel " + wheel.string() + ": " +
                                                            archive_error_string(reader.get()) + "."));
    std::vector<UnpackedMember> members;
    std::set<std::string> seen;
    std::set<fs::path> createdDirectories;
    std::uint64_t total = 0;
    std::string data;
    archive_entry* entry = nullptr;
    while (true) {
        if (stop.stop_requested())
            return std::unexpected(makeError(ErrorCode::Cancelled, "The installation was cancelled."));
        const int status = archive_read_next_header(reader.get(), &entry);
        if (status == ARCHIVE_EOF)
            break;
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
            return std::unexpected(
                makeError(ErrorCode::Invalid,
                          "The wheel " + wheel.filename().string() +
                              " is not a readable zip archive: " + archive_error_string(reader.get()) + "."));
        const char* rawName = archive_entry_pathname(entry);
        std::string name = rawName != nullptr ? rawName : "";
        if (auto why = unsafePath(name))
            return std::unexpected(unsafe(wheel, name, *why));
        const auto type = archive_entry_filetype(entry);
        if (type == AE_IFDIR)
            continue;
        if (archive_entry_hardlink(entry) != nullptr)
            return std::unexpected(unsafe(wheel, name, "is a hard link"));
        if (!seen.insert(name).second)
            return std::unexpected(unsafe(wheel, name, "appears twice"));
        UnpackedMember member;
        member.path = name;
        const fs::path target = directory / name;
        std::error_code error;
        if (createdDirectories.insert(target.parent_path()).second) {
            fs::create_directories(target.parent_path(), error);
            if (error)
                return std::unexpected(ioError(target.parent_path(), error, "create"));
        }
        if (type == AE_IFLNK) {
            const char* linkTarget = archive_entry_symlink(entry);
            const std::string text = linkTarget != nullptr ? linkTarget : "";
            if (escapes(name, text) || std::any_of(text.begin(), text.end(), [](char c) {
                    return static_cast<unsigned char>(c) < 0x20;
                }))
                return std::unexpected(
                    unsafe(wheel, name, "is a link pointing outside the wheel (`" + text + "`)"));
            member.linkTarget = text;
            members.push_back(std::move(member));
            continue;
        }
        if (type != AE_IFREG && type != 0)
            return std::unexpected(unsafe(wheel, name, "is not a regular file"));
        if (archive_entry_size_is_set(entry) != 0 &&
            static_cast<std::uint64_t>(archive_entry_size(entry)) > options.maxMemberSize)
            return std::unexpected(
                unsafe(wheel, name,
                       "is larger than the limit of " + std::to_string(options.maxMemberSize) + " bytes"));
        data.clear();
        std::array<char, 1 << 16> buffer{};
        while (true) {
            const la_ssize_t count = archive_read_data(reader.get(), buffer.data(), buffer.size());
            if (count < 0)
                return std::unexpected(makeError(
                    ErrorCode::Invalid, "Cannot read `" + name + "` from " + wheel.filename().string() +
                                            ": " + archive_error_string(reader.get()) + "."));
            if (count == 0)
                break;
            data.append(buffer.data(), static_cast<std::size_t>(count));
            if (data.size() > options.maxMemberSize)
                return std::unexpected(unsafe(wheel, name,
                                              "is larger than the limit of " +
                                                  std::to_string(options.maxMemberSize) + " bytes"));
        }
        total += data.size();
        if (total > options.maxTotalSize)
            return std::unexpected(unsafe(wheel, name,
                                          "brings the unpacked size over the limit of " +
                                              std::to_string(options.maxTotalSize) + " bytes"));
        member.hash = recordHash(data);
        member.size = data.size();
        member.executable = (archive_entry_perm(entry) & 0111) != 0;
        if (auto written = writeNewFile(target, data, member.executable); !written)
            return std::unexpected(written.error());
        members.push_back(std::move(member));
    }
    return members;
}

// Values of a `Key: value` file (WHEEL).
std::map<std::string, std::string> headerFields(std::string_view text)
{
    std::map<std::string, std::string> fields;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        auto line = text.substr(0, newline);
        const auto colon = line.find(':');
        if (colon != std::string_view::npos) {
            auto value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                value.remove_prefix(1);
            while (!value.empty() && (value.back() == '\r' || value.back() == ' '))
                value.remove_suffix(1);
            fields.emplace(std::string(line.substr(0, colon)), std::string(value));
        }
        if (newline == std::string_view::npos)
            break;
        text.remove_prefix(newline + 1);
    }
    return fields;
}

std::string relativeRecordPath(const fs::path& file, const VenvLayout& venv)
{
    return file.lexically_relative(venv.sitePackages).generic_string();
}

} // namespace

// Moves every file of an installed distribution aside (so that a replacement can be undone).
Status removeRecordedFiles(const fs::path& distInfo, const VenvLayout& venv, FileTransaction& transaction)
{
    auto files = recordedFiles(distInfo, venv);
    if (!files)
        return std::unexpected(files.error());
    return transaction.setAsideAll(*files);
}

Result<UnpackedWheel> unpackWheel(const fs::path& archivePath, const fs::path& directory,
                                  const WheelInstallOptions& limits, std::stop_token stop,
                                  std::string_view fileName)
{
    const fs::path wheelFile = fileName.empty() ? archivePath.filename() : fs::path(fileName);
    auto wheelName = standards::parseWheelName(wheelFile.filename().string());
    if (!wheelName)
        return std::unexpected(wheelName.error());
    auto members = unpackMembers(wheelFile, archivePath, directory, limits, stop);
    if (!members)
        return std::unexpected(members.error());

    // The one .dist-info directory at the top, named after the project.
    std::string distInfoName;
    for (const auto& member : *members) {
        const auto slash = member.path.find('/');
        if (slash == std::string::npos)
            continue;
        const std::string top = member.path.substr(0, slash);
        if (top.ends_with(".dist-info") && top != distInfoName) {
            const auto dash = top.find('-');
            if (dash == std::string::npos ||
                standards::canonicalizeName(top.substr(0, dash)) != wheelName->name)
                continue;
            if (!distInfoName.empty())
                return std::unexpected(unsafe(wheelFile, top, "is a second .dist-info directory"));
            distInfoName = top;
        }
    }
    if (distInfoName.empty())
        return std::unexpected(makeError(ErrorCode::Invalid, "The wheel " + wheelFile.filename().string() +
                                                                 " has no .dist-info directory for " +
                                                                 wheelName->name + "."));

    // WHEEL: a version we understand.
    auto wheelText = readFile(directory / distInfoName / "WHEEL");
    if (!wheelText)
        return std::unexpected(makeError(ErrorCode::Invalid, "The wheel " + wheelFile.filename().string() +
                                                                 " has no " + distInfoName + "/WHEEL file."));
    const auto wheelFields = headerFields(*wheelText);
    const auto wheelVersion = wheelFields.find("Wheel-Version");
    if (wheelVersion == wheelFields.end() || !wheelVersion->second.starts_with("1."))
        return std::unexpected(makeError(
            ErrorCode::Unsupported, "The wheel " + wheelFile.filename().string() + " has Wheel-Version `" +
                                        (wheelVersion == wheelFields.end() ? "" : wheelVersion->second) +
                                        "`; Pindex installs version 1 wheels."));

    // RECORD must list every file with its hash.
    const std::string recordName = distInfoName + "/RECORD";
    auto recordText = readFile(directory / recordName);
    if (!recordText)
        return std::unexpected(makeError(ErrorCode::Invalid, "The wheel " + wheelFile.filename().string() +
                                                                 " has no " + recordName + " file."));
    auto record = parseRecord(*recordText, recordName);
    if (!record)
        return std::unexpected(record.error());
    std::map<std::string, const RecordEntry*> recorded;
    for (const auto& entry : *record)
        recorded.emplace(entry.path, &entry);
    const auto isRecordFile = [&](const std::string& path) {
        return path == recordName || path == recordName + ".jws" || path == recordName + ".p7s";
    };
    for (const auto& member : *members) {
        if (isRecordFile(member.path) || member.linkTarget)
            continue;
        const auto found = recorded.find(member.path);
        if (found == recorded.end())
            return std::unexpected(unsafe(wheelFile, member.path, "is not listed in RECORD"));
        if (found->second->hash != member.hash)
            return std::unexpected(unsafe(wheelFile, member.path,
                                          "does not match its RECORD hash (RECORD says `" +
                                              found->second->hash + "`, the file has `" + member.hash +
                                              "`)"));
        if (found->second->size && *found->second->size != member.size)
            return std::unexpected(unsafe(wheelFile, member.path, "does not have the size RECORD gives"));
    }
    std::erase_if(*members, [&](const UnpackedMember& member) { return isRecordFile(member.path); });

    UnpackedWheel unpacked;
    unpacked.root = directory;
    unpacked.fileName = wheelFile.filename().string();
    unpacked.name = wheelName->name;
    unpacked.version = wheelName->version.str();
    unpacked.distInfoName = distInfoName;
    unpacked.members = std::move(*members);
    return unpacked;
}

Result<InstalledWheel> installUnpacked(const UnpackedWheel& wheel, const VenvLayout& venv,
                                       const WheelInstallOptions& options, PlaceMode mode,
                                       std::stop_token stop)
{
    const fs::path wheelFile = wheel.fileName;
    const std::string& distInfoName = wheel.distInfoName;
    const std::string distInfoStem =
        distInfoName.substr(0, distInfoName.size() - std::string(".dist-info").size());
    const std::string dataPrefix = distInfoStem + ".data/";
    const std::string projectName = distInfoStem.substr(0, distInfoStem.find('-'));
    const std::set<std::string> replacedByInstaller{distInfoName + "/INSTALLER", distInfoName + "/REQUESTED",
                                                    distInfoName + "/direct_url.json",
                                                    distInfoName + "/provenance_url.json"};

    // Where each member goes.
    struct Placement
    {
        const UnpackedMember* member;
        fs::path destination;
        bool script = false;
    };
    std::vector<Placement> placements;
    placements.reserve(wheel.members.size());
    for (const auto& member : wheel.members) {
        if (replacedByInstaller.contains(member.path))
            continue;
        if (!member.path.starts_with(dataPrefix)) {
            placements.push_back({&member, venv.sitePackages / member.path});
            continue;
        }
        const std::string rest = member.path.substr(dataPrefix.size());
        const auto slash = rest.find('/');
        const std::string scheme = rest.substr(0, slash);
        const std::string inside = slash == std::string::npos ? "" : rest.substr(slash + 1);
        if (inside.empty())
            return std::unexpected(unsafe(wheelFile, member.path, "is not inside a .data scheme directory"));
        if (scheme == "purelib" || scheme == "platlib")
            placements.push_back({&member, venv.sitePackages / inside});
        else if (scheme == "scripts")
            placements.push_back({&member, venv.bin / inside, true});
        else if (scheme == "headers")
            placements.push_back({&member, venv.include / projectName / inside});
        else if (scheme == "data")
            placements.push_back({&member, venv.root / inside});
        else
            return std::unexpected(
                unsafe(wheelFile, member.path, "uses the unknown .data directory `" + scheme + "`"));
    }

    const fs::path staging = uniqueStagingDirectory(venv, wheel.name);
    struct Cleanup
    {
        fs::path directory;
        ~Cleanup()
        {
            std::error_code error;
            fs::remove_all(directory, error);
            if (fs::is_directory(directory.parent_path(), error))
                fs::remove(directory.parent_path(), error); // only when empty
        }
    } cleanup{staging};

    // Files written for this venv (rewritten scripts, launchers, installer metadata), staged.
    struct Generated
    {
        fs::path staged;
        fs::path destination;
        std::string hash;
        std::uint64_t size = 0;
    };
    std::vector<Generated> generated;
    std::map<const UnpackedMember*, std::size_t> rewrittenScripts; // member -> generated index
    std::error_code ignored;
    bool stagingCreated = false;
    auto stage = [&](const std::string& name, const std::string& content, const fs::path& destination,
                     bool executable) -> Status {
        if (!stagingCreated) {
            std::error_code error;
            fs::create_directories(staging, error);
            if (error)
                return std::unexpected(ioError(staging, error, "create"));
            stagingCreated = true;
        }
        const auto staged = staging / (std::to_string(generated.size()) + "-" + name);
        if (auto written = writeNewFile(staged, content, executable); !written)
            return written;
        generated.push_back({staged, destination, recordHash(content), content.size()});
        return {};
    };

    // Scripts: `#!python` becomes the venv's interpreter.
    for (const auto& placement : placements) {
        if (!placement.script || placement.member->linkTarget)
            continue;
        auto content = readFile(wheel.root / placement.member->path);
        if (!content)
            return std::unexpected(content.error());
        std::string text = std::move(*content);
        for (const std::string_view prefix : {"#!pythonw", "#!python"}) {
            if (text.starts_with(prefix)) {
                const auto newline = text.find('\n');
                const std::string arguments =
                    text.substr(prefix.size(),
                                newline == std::string::npos ? std::string::npos : newline - prefix.size());
                text = "#!" + venv.python.string() + arguments +
                       (newline == std::string::npos ? "\n" : text.substr(newline));
                break;
            }
        }
        rewrittenScripts.emplace(placement.member, generated.size());
        if (auto staged = stage(placement.destination.filename().string(), text, placement.destination, true);
            !staged)
            return std::unexpected(staged.error());
    }

    // Launchers and installer metadata.
    const fs::path distInfo = venv.sitePackages / distInfoName;
    if (auto entryPoints = readFile(wheel.root / distInfoName / "entry_points.txt")) {
        auto points = parseLauncherEntryPoints(*entryPoints, distInfoName + "/entry_points.txt");
        if (!points)
            return std::unexpected(points.error());
        for (const auto& point : *points)
            if (auto staged =
                    stage(point.name, launcherScript(point, venv.python), venv.bin / point.name, true);
                !staged)
                return std::unexpected(staged.error());
    }
    if (auto staged = stage("INSTALLER", options.installer + "\n", distInfo / "INSTALLER", false); !staged)
        return std::unexpected(staged.error());
    if (options.requested)
        if (auto staged = stage("REQUESTED", "", distInfo / "REQUESTED", false); !staged)
            return std::unexpected(staged.error());
    if (options.directUrlJson)
        if (auto staged =
                stage("direct_url.json", *options.directUrlJson, distInfo / "direct_url.json", false);
            !staged)
            return std::unexpected(staged.error());
    if (options.provenanceJson)
        if (auto staged = stage("provenance_url.json", *options.provenanceJson,
                                distInfo / "provenance_url.json", false);
            !staged)
            return std::unexpected(staged.error());

    if (stop.stop_requested())
        return std::unexpected(makeError(ErrorCode::Cancelled, "The installation was cancelled."));

    // Commit: old files aside, new files in, RECORD last.
    FileTransaction transaction(staging / "backup");
    auto fail = [&](Error error) -> Result<InstalledWheel> {
        transaction.rollBack();
        return std::unexpected(std::move(error));
    };
    if (options.replaces)
        if (auto removed = removeRecordedFiles(*options.replaces, venv, transaction); !removed)
            return fail(removed.error());
    InstalledWheel installed;
    installed.name = wheel.name;
    installed.version = wheel.version;
    installed.distInfo = distInfo;
    installed.files.reserve(placements.size() + generated.size() + 1);
    std::vector<RecordEntry> newRecord;
    newRecord.reserve(placements.size() + generated.size() + 1);
    for (const auto& placement : placements) {
        if (rewrittenScripts.contains(placement.member))
            continue;
        if (stop.stop_requested())
            return fail(makeError(ErrorCode::Cancelled, "The installation was cancelled."));
        std::error_code error;
        if (placement.member->linkTarget) {
            if (auto prepared = transaction.prepare(placement.destination); !prepared)
                return fail(prepared.error());
            fs::create_symlink(*placement.member->linkTarget, placement.destination, error);
            if (error)
                return fail(ioError(placement.destination, error, "create the link"));
            newRecord.push_back({relativeRecordPath(placement.destination, venv), "", std::nullopt});
        } else {
            const fs::path source = wheel.root / placement.member->path;
            auto placed = mode == PlaceMode::Link ? transaction.link(source, placement.destination)
                                                  : transaction.place(source, placement.destination);
            if (!placed)
                return fail(placed.error());
            newRecord.push_back({relativeRecordPath(placement.destination, venv), placement.member->hash,
                                 placement.member->size});
        }
        installed.files.push_back(placement.destination);
    }
    for (const auto& file : generated) {
        if (auto placed = transaction.place(file.staged, file.destination); !placed)
            return fail(placed.error());
        newRecord.push_back({relativeRecordPath(file.destination, venv), file.hash, file.size});
        installed.files.push_back(file.destination);
    }
    if (options.compileBytecode) {
        std::vector<std::string> argv{venv.python.string(), "-I", "-c",
                                      "import importlib.util, py_compile, sys\n"
                                      "for path in sys.argv[1:]:\n"
                                      "    try:\n"
                                      "        print(py_compile.compile(path, doraise=True))\n"
                                      "    except Exception:\n"
                                      "        pass\n"};
        for (const auto& file : installed.files)
            if (file.extension() == ".py" && file.string().starts_with(venv.sitePackages.string()))
                argv.push_back(file.string());
        if (argv.size() > 4) {
            auto output = runProgram(argv);
            if (output && output->exitCode == 0) {
                std::string_view lines = output->out;
                while (!lines.empty()) {
                    const auto newline = lines.find('\n');
                    const fs::path compiled(std::string(lines.substr(0, newline)));
                    if (auto content = readFile(compiled)) {
                        newRecord.push_back(
                            {relativeRecordPath(compiled, venv), recordHash(*content), content->size()});
                        installed.files.push_back(compiled);
                        transaction.adopt(compiled);
                    }
                    if (newline == std::string_view::npos)
                        break;
                    lines.remove_prefix(newline + 1);
                }
            }
        }
    }
    newRecord.push_back({distInfoName + "/RECORD", "", std::nullopt});
    installed.files.push_back(distInfo / "RECORD");
    if (stop.stop_requested())
        return fail(makeError(ErrorCode::Cancelled, "The installation was cancelled."));
    // RECORD is staged and renamed in last, after a flush of everything before it (a power loss
    // never leaves it beside empty files); the journal's commit mark makes it final.
    if (auto staged = stage("RECORD", formatRecord(newRecord), distInfo / "RECORD", false); !staged)
        return fail(staged.error());
    if (auto placed = transaction.placeLast(generated.back().staged, distInfo / "RECORD"); !placed)
        return fail(placed.error());
    if (auto committed = transaction.commit(); !committed)
        return fail(committed.error());
    return installed;
}

Result<InstalledWheel> installWheel(const fs::path& wheelFile, const VenvLayout& venv,
                                    const WheelInstallOptions& options, std::stop_token stop)
{
    auto wheelName = standards::parseWheelName(wheelFile.filename().string());
    if (!wheelName)
        return std::unexpected(wheelName.error());
    const fs::path staging = uniqueStagingDirectory(venv, wheelName->name);
    struct Cleanup
    {
        fs::path directory;
        ~Cleanup()
        {
            std::error_code error;
            fs::remove_all(directory, error);
            if (fs::is_directory(directory.parent_path(), error))
                fs::remove(directory.parent_path(), error); // only when empty
        }
    } cleanup{staging};
    auto unpacked = unpackWheel(wheelFile, staging / "wheel", options, stop);
    if (!unpacked)
        return std::unexpected(unpacked.error());
    return installUnpacked(*unpacked, venv, options, PlaceMode::Move, stop);
}

} // namespace pindex::install
