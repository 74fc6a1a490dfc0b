#include "core/install/unpacked_cache.h"

#include <random>
#include <system_error>
#include <unistd.h>

#include "core/util/file_io.h"

namespace pindex::install {

namespace fs = std::filesystem;

namespace {

// One line per member: `f <mode> <size> <hash> <path>` or `l <target length> <target><path>`;
// the first line names the wheel: `wheel <file name> <name> <version> <dist-info>`.
std::string formatManifest(const UnpackedWheel& wheel)
{
    std::string text = "wheel\t" + wheel.fileName + "\t" + wheel.name + "\t" + wheel.version + "\t" +
                       wheel.distInfoName + "\n";
    for (const auto& member : wheel.members) {
        if (member.linkTarget)
            text += "l\t" + *member.linkTarget + "\t" + member.path + "\n";
        else
            text += std::string("f\t") + (member.executable ? "x" : "-") + "\t" +
                    std::to_string(member.size) + "\t" + member.hash + "\t" + member.path + "\n";
    }
    return text;
}

std::vector<std::string_view> splitTabs(std::string_view line)
{
    std::vector<std::string_view> fields;
    while (true) {
        const auto tab = line.find('\t');
        fields.push_back(line.substr(0, tab));
        if (tab == std::string_view::npos)
            return fields;
        line.remove_prefix(tab + 1);
    }
}

std::optional<UnpackedWheel> parseManifest(std::string_view text, const fs::path& tree)
{
    UnpackedWheel wheel;
    wheel.root = tree;
    bool first = true;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        if (newline == std::string_view::npos)
            return std::nullopt; // torn
        const auto fields = splitTabs(text.substr(0, newline));
        text.remove_prefix(newline + 1);
        if (first) {
            if (fields.size() != 5 || fields[0] != "wheel")
                return std::nullopt;
            wheel.fileName = fields[1];
            wheel.name = fields[2];
            wheel.version = fields[3];
            wheel.distInfoName = fields[4];
            first = false;
            continue;
        }
        UnpackedMember member;
        if (fields.size() == 3 && fields[0] == "l") {
            member.linkTarget = std::string(fields[1]);
            member.path = fields[2];
        } else if (fields.size() == 5 && fields[0] == "f") {
            member.executable = fields[1] == "x";
            try {
                member.size = std::stoull(std::string(fields[2]));
            } catch (...) {
                return std::nullopt;
            }
            member.hash = fields[3];
            member.path = fields[4];
        } else {
            return std::nullopt;
        }
        wheel.members.push_back(std::move(member));
    }
    if (first)
        return std::nullopt;
    return wheel;
}

} // namespace

UnpackedWheelCache::UnpackedWheelCache(fs::path root)
    : m_root(std::move(root))
{}

fs::path UnpackedWheelCache::entryPath(std::string_view sha256) const
{
    return m_root / "wheels-v1" / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

std::optional<UnpackedWheel> UnpackedWheelCache::find(std::string_view sha256) const
{
    if (sha256.size() < 2)
        return std::nullopt;
    const auto entry = entryPath(sha256);
    auto manifest = readFile(entry / "manifest");
    if (!manifest)
        return std::nullopt;
    return parseManifest(*manifest, entry / "tree");
}

Result<UnpackedWheel> UnpackedWheelCache::add(std::string_view sha256, const fs::path& archivePath,
                                              const std::string& fileName, const WheelInstallOptions& limits,
                                              std::stop_token stop) const
{
    if (auto found = find(sha256))
        return std::move(*found);
    const auto entry = entryPath(sha256);
    std::random_device random;
    const fs::path work = m_root / "wheels-v1" / ".tmp" /
                          (std::string(sha256.substr(0, 16)) + "-" + std::to_string(::getpid()) + "-" +
                           std::to_string(random()));
    struct Cleanup
    {
        fs::path directory;
        ~Cleanup()
        {
            std::error_code error;
            fs::remove_all(directory, error);
        }
    } cleanup{work};
    auto unpacked = unpackWheel(archivePath, work / "tree", limits, std::move(stop), fileName);
    if (!unpacked)
        return std::unexpected(unpacked.error());
    if (auto written = writeFileAtomic(work / "manifest", formatManifest(*unpacked), {.durable = false});
        !written)
        return std::unexpected(written.error());
    std::error_code error;
    fs::create_directories(entry.parent_path(), error);
    fs::rename(work, entry, error);
    if (error) {
        // Another process may have added the same wheel meanwhile.
        if (auto found = find(sha256))
            return std::move(*found);
        return std::unexpected(makeError(ErrorCode::Io, "Cannot add " + fileName + " to the wheel cache " +
                                                            entry.string() + ": " + error.message() + "."));
    }
    unpacked->root = entry / "tree";
    return std::move(*unpacked);
}

} // namespace pindex::install
