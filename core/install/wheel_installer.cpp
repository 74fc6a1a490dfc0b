#include "core/install/wheel_installer.h"

#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <random>
#include <set>
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

struct StagedMember
{
    std::string archivePath;
    fs::path staged;
    std::string hash;
    std::uint64_t size = 0;
    bool executable = false;
    std::optional<std::string> linkTarget; // a symbolic link inside the wheel
};

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
    if (path.find('\0') != std::string_view::npos)
        return "has a NUL byte in its path";
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

fs::path uniqueStagingDirectory(const VenvLayout& venv, const std::string& name)
{
    std::random_device random;
    return venv.root / ".pindex-staging" /
           (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(random()) +
            std::to_string(random()));
}

// Reads the archive into `staging`, checking every member. Returns the members in archive order.
Result<std::vector<StagedMember>> unpack(const fs::path& wheel, const fs::path& staging,
                                         const WheelInstallOptions& options, const std::stop_token& stop)
{
    std::unique_ptr<archive, ArchiveCloser> reader(archive_read_new());
    archive_read_support_format_zip(reader.get());
    if (archive_read_open_filename(reader.get(), wheel.c_str(), 1 << 16) != ARCHIVE_OK)
        return std::unexpected(makeError(ErrorCode::Io, "Cannot open the wheel " + wheel.string() + ": " +
                                                            archive_error_string(reader.get()) + "."));
    std::vector<StagedMember> members;
    std::set<std::string> seen;
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
        StagedMember member;
        member.archivePath = name;
        member.staged = staging / name;
        std::error_code error;
        fs::create_directories(member.staged.parent_path(), error);
        if (error)
            return std::unexpected(ioError(member.staged.parent_path(), error, "create"));
        if (type == AE_IFLNK) {
            const char* target = archive_entry_symlink(entry);
            const std::string linkTarget = target != nullptr ? target : "";
            if (escapes(name, linkTarget))
                return std::unexpected(
                    unsafe(wheel, name, "is a link pointing outside the wheel (`" + linkTarget + "`)"));
            member.linkTarget = linkTarget;
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
        WriteOptions write;
        if (member.executable)
            write.newFileMode = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec;
        if (auto written = writeFileAtomic(member.staged, data, write); !written)
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
    for (const auto& file : *files)
        if (auto aside = transaction.setAside(file); !aside)
            return aside;
    return {};
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
            fs::remove(directory.parent_path(), error); // only when empty
        }
    } cleanup{staging};
    const fs::path unpacked = staging / "wheel";
    auto members = unpack(wheelFile, unpacked, options, stop);
    if (!members)
        return std::unexpected(members.error());

    // The one .dist-info directory at the top, named after the project.
    std::string distInfoName;
    for (const auto& member : *members) {
        const auto slash = member.archivePath.find('/');
        if (slash == std::string::npos)
            continue;
        const std::string top = member.archivePath.substr(0, slash);
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
    const std::string distInfoStem =
        distInfoName.substr(0, distInfoName.size() - std::string(".dist-info").size());
    const std::string dataPrefix = distInfoStem + ".data/";
    const std::string projectName = distInfoStem.substr(0, distInfoStem.find('-'));

    // WHEEL: a version we understand.
    auto wheelText = readFile(unpacked / distInfoName / "WHEEL");
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
    auto recordText = readFile(unpacked / recordName);
    if (!recordText)
        return std::unexpected(makeError(ErrorCode::Invalid, "The wheel " + wheelFile.filename().string() +
                                                                 " has no " + recordName + " file."));
    auto record = parseRecord(*recordText, recordName);
    if (!record)
        return std::unexpected(record.error());
    std::map<std::string, const RecordEntry*> recorded;
    for (const auto& entry : *record)
        recorded.emplace(entry.path, &entry);
    for (const auto& member : *members) {
        if (member.archivePath == recordName || member.archivePath == recordName + ".jws" ||
            member.archivePath == recordName + ".p7s" || member.linkTarget)
            continue;
        const auto found = recorded.find(member.archivePath);
        if (found == recorded.end())
            return std::unexpected(unsafe(wheelFile, member.archivePath, "is not listed in RECORD"));
        if (found->second->hash != member.hash)
            return std::unexpected(unsafe(wheelFile, member.archivePath,
                                          "does not match its RECORD hash (RECORD says `" +
                                              found->second->hash + "`, the file has `" + member.hash +
                                              "`)"));
        if (found->second->size && *found->second->size != member.size)
            return std::unexpected(
                unsafe(wheelFile, member.archivePath, "does not have the size RECORD gives"));
    }

    // Where each member goes.
    struct Placement
    {
        const StagedMember* member;
        fs::path destination;
        bool script = false;
    };
    std::vector<Placement> placements;
    for (const auto& member : *members) {
        if (member.archivePath == recordName || member.archivePath == recordName + ".jws" ||
            member.archivePath == recordName + ".p7s")
            continue;
        if (!member.archivePath.starts_with(dataPrefix)) {
            placements.push_back({&member, venv.sitePackages / member.archivePath});
            continue;
        }
        const std::string rest = member.archivePath.substr(dataPrefix.size());
        const auto slash = rest.find('/');
        const std::string scheme = rest.substr(0, slash);
        const std::string inside = slash == std::string::npos ? "" : rest.substr(slash + 1);
        if (inside.empty())
            return std::unexpected(
                unsafe(wheelFile, member.archivePath, "is not inside a .data scheme directory"));
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
                unsafe(wheelFile, member.archivePath, "uses the unknown .data directory `" + scheme + "`"));
    }

    // Scripts: `#!python` becomes the venv's interpreter.
    for (auto& placement : placements) {
        if (!placement.script || placement.member->linkTarget)
            continue;
        auto content = readFile(placement.member->staged);
        if (!content)
            return std::unexpected(content.error());
        std::string text = std::move(*content);
        bool rewritten = false;
        for (const std::string_view prefix : {"#!pythonw", "#!python"}) {
            if (text.starts_with(prefix)) {
                const auto newline = text.find('\n');
                const std::string arguments =
                    text.substr(prefix.size(),
                                newline == std::string::npos ? std::string::npos : newline - prefix.size());
                text = "#!" + venv.python.string() + arguments +
                       (newline == std::string::npos ? "\n" : text.substr(newline));
                rewritten = true;
                break;
            }
        }
        WriteOptions write;
        write.newFileMode = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec;
        std::error_code error;
        fs::remove(placement.member->staged, error);
        if (auto written = writeFileAtomic(placement.member->staged, text, write); !written)
            return std::unexpected(written.error());
        (void)rewritten;
    }

    // Launchers and installer metadata, staged next to the rest.
    const fs::path extras = staging / "generated";
    std::vector<std::pair<fs::path, fs::path>> generated; // staged, destination
    auto writeGenerated = [&](const std::string& name, const std::string& content,
                              const fs::path& destination, bool executable) -> Status {
        WriteOptions write;
        if (executable)
            write.newFileMode = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec;
        std::error_code error;
        fs::create_directories(extras, error);
        const auto staged = extras / std::to_string(generated.size()) += "-" + name;
        if (auto written = writeFileAtomic(staged, content, write); !written)
            return written;
        generated.emplace_back(staged, destination);
        return {};
    };
    const fs::path distInfo = venv.sitePackages / distInfoName;
    if (auto entryPoints = readFile(unpacked / distInfoName / "entry_points.txt")) {
        auto points = parseLauncherEntryPoints(*entryPoints, distInfoName + "/entry_points.txt");
        if (!points)
            return std::unexpected(points.error());
        for (const auto& point : *points)
            if (auto written = writeGenerated(point.name, launcherScript(point, venv.python),
                                              venv.bin / point.name, true);
                !written)
                return std::unexpected(written.error());
    }
    for (const auto& file :
         {std::string("INSTALLER"), std::string("REQUESTED"), std::string("direct_url.json")}) {
        std::error_code error;
        fs::remove(unpacked / distInfoName / file, error);
    }
    std::erase_if(placements, [&](const Placement& placement) {
        const auto& path = placement.member->archivePath;
        return path == distInfoName + "/INSTALLER" || path == distInfoName + "/REQUESTED" ||
               path == distInfoName + "/direct_url.json";
    });
    if (auto written = writeGenerated("INSTALLER", options.installer + "\n", distInfo / "INSTALLER", false);
        !written)
        return std::unexpected(written.error());
    if (options.requested)
        if (auto written = writeGenerated("REQUESTED", "", distInfo / "REQUESTED", false); !written)
            return std::unexpected(written.error());
    if (options.directUrlJson)
        if (auto written = writeGenerated("direct_url.json", *options.directUrlJson,
                                          distInfo / "direct_url.json", false);
            !written)
            return std::unexpected(written.error());

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
    installed.name = wheelName->name;
    installed.version = wheelName->version.str();
    installed.distInfo = distInfo;
    std::vector<RecordEntry> newRecord;
    for (const auto& placement : placements) {
        if (stop.stop_requested())
            return fail(makeError(ErrorCode::Cancelled, "The installation was cancelled."));
        std::error_code error;
        if (placement.member->linkTarget) {
            if (auto aside = transaction.setAside(placement.destination); !aside)
                return fail(aside.error());
            fs::create_directories(placement.destination.parent_path(), error);
            fs::create_symlink(*placement.member->linkTarget, placement.destination, error);
            if (error)
                return fail(ioError(placement.destination, error, "create the link"));
            if (auto placed = transaction.place(placement.destination, placement.destination); !placed)
                return fail(placed.error());
            newRecord.push_back({relativeRecordPath(placement.destination, venv), "", std::nullopt});
        } else {
            std::string hash = placement.member->hash;
            std::uint64_t size = placement.member->size;
            if (placement.script) {
                auto content = readFile(placement.member->staged);
                if (!content)
                    return fail(content.error());
                hash = recordHash(*content);
                size = content->size();
            }
            if (auto placed = transaction.place(placement.member->staged, placement.destination); !placed)
                return fail(placed.error());
            newRecord.push_back({relativeRecordPath(placement.destination, venv), hash, size});
        }
        installed.files.push_back(placement.destination);
    }
    for (const auto& [staged, destination] : generated) {
        auto content = readFile(staged);
        if (!content)
            return fail(content.error());
        if (auto placed = transaction.place(staged, destination); !placed)
            return fail(placed.error());
        newRecord.push_back({relativeRecordPath(destination, venv), recordHash(*content), content->size()});
        installed.files.push_back(destination);
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
    if (stop.stop_requested()) {
        for (std::size_t i = 0; i + 1 < installed.files.size(); ++i) // compiled files too
            if (installed.files[i].extension() == ".pyc") {
                std::error_code error;
                fs::remove(installed.files[i], error);
            }
        return fail(makeError(ErrorCode::Cancelled, "The installation was cancelled."));
    }
    if (auto written = writeFileAtomic(distInfo / "RECORD", formatRecord(newRecord)); !written)
        return fail(written.error());
    return installed;
}

} // namespace pindex::install
