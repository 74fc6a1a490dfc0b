#include "core/index/flat_index.h"

#include <algorithm>

#include "core/index/sha256.h"
#include "core/index/url.h"
#include "core/standards/name.h"
#include "core/util/file_io.h"

namespace pindex::index {
namespace {

// Archive suffixes of old sdists that standards::parseSdistName (.tar.gz and .zip) does not take.
constexpr std::string_view kLegacySdistSuffixes[] = {".tar.bz2", ".tar.xz", ".tgz", ".tbz", ".txz"};

} // namespace

std::optional<standards::SdistName> distributionNameOf(std::string_view filename)
{
    standards::WheelNameReader wheels;
    return distributionNameOf(filename, wheels);
}

std::optional<standards::SdistName> distributionNameOf(std::string_view filename,
                                                       standards::WheelNameReader& wheels)
{
    if (filename.ends_with(".whl")) {
        auto wheel = wheels.nameAndVersion(filename);
        return wheel ? std::optional(std::move(*wheel)) : std::nullopt;
    }
    if (filename.ends_with(".tar.gz") || filename.ends_with(".zip")) {
        auto sdist = standards::parseSdistName(filename);
        return sdist ? std::optional(std::move(*sdist)) : std::nullopt;
    }
    for (const auto suffix : kLegacySdistSuffixes) {
        if (filename.ends_with(suffix)) {
            std::string asTarGz(filename.substr(0, filename.size() - suffix.size()));
            asTarGz += ".tar.gz";
            auto sdist = standards::parseSdistName(asTarGz);
            return sdist ? std::optional(std::move(*sdist)) : std::nullopt;
        }
    }
    return std::nullopt;
}

std::optional<std::string> projectNameOfFile(std::string_view filename)
{
    auto parsed = distributionNameOf(filename);
    if (!parsed)
        return std::nullopt;
    return std::move(parsed->name);
}

std::optional<std::filesystem::path> pathOfFileUrl(std::string_view url)
{
    if (!url.starts_with("file://"))
        return std::nullopt;
    url.remove_prefix(7);
    if (url.starts_with("localhost/"))
        url.remove_prefix(9);
    if (!url.starts_with('/'))
        return std::nullopt;
    return std::filesystem::path(percentDecode(url));
}

std::string fileUrlOf(const std::filesystem::path& path)
{
    std::string url = "file://";
    for (const char c : path.string()) {
        if (c == '%' || c == '#' || c == '?' || c == ' ') {
            static constexpr std::string_view kHex = "0123456789ABCDEF";
            url += '%';
            url += kHex[static_cast<unsigned char>(c) >> 4];
            url += kHex[static_cast<unsigned char>(c) & 0x0F];
        } else {
            url += c;
        }
    }
    return url;
}

Result<std::vector<DistributionFile>> listFlatDirectory(const std::filesystem::path& directory)
{
    std::error_code error;
    std::filesystem::directory_iterator iterator(directory, error);
    if (error)
        return std::unexpected(makeFileError(ErrorCode::NotFound,
                                             "the flat index directory cannot be read: " + error.message(),
                                             directory.string()));
    std::vector<DistributionFile> files;
    for (const auto& entry : iterator) {
        if (!entry.is_regular_file(error))
            continue;
        const std::string filename = entry.path().filename().string();
        if (!projectNameOfFile(filename))
            continue;
        auto content = readFile(entry.path());
        if (!content)
            return std::unexpected(content.error());
        DistributionFile file;
        file.filename = filename;
        file.url = fileUrlOf(std::filesystem::absolute(entry.path()));
        file.hashes["sha256"] = sha256Hex(*content);
        file.size = content->size();
        files.push_back(std::move(file));
    }
    std::ranges::sort(files, {}, &DistributionFile::filename);
    return files;
}

std::vector<DistributionFile> filesForProject(const std::vector<DistributionFile>& listing,
                                              std::string_view canonicalName)
{
    std::vector<DistributionFile> files;
    for (const auto& file : listing) {
        const auto name = projectNameOfFile(file.filename);
        if (name && *name == canonicalName)
            files.push_back(file);
    }
    return files;
}

} // namespace pindex::index
