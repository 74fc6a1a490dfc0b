#include "core/index/flat_index.h"

#include <algorithm>

#include "core/index/sha256.h"
#include "core/index/url.h"
#include "core/standards/name.h"
#include "core/util/file_io.h"

namespace pindex::index {
namespace {

constexpr std::string_view kSdistSuffixes[] = {".tar.gz", ".zip", ".tar.bz2", ".tgz"};

std::optional<std::pair<std::string, std::string>> splitFilename(std::string_view filename)
{
    if (filename.ends_with(".whl")) {
        const std::string_view stem = filename.substr(0, filename.size() - 4);
        const auto first = stem.find('-');
        if (first == std::string_view::npos)
            return std::nullopt;
        const auto second = stem.find('-', first + 1);
        if (second == std::string_view::npos)
            return std::nullopt;
        return std::pair{std::string(stem.substr(0, first)),
                         std::string(stem.substr(first + 1, second - first - 1))};
    }
    for (const auto suffix : kSdistSuffixes) {
        if (filename.ends_with(suffix)) {
            const std::string_view stem = filename.substr(0, filename.size() - suffix.size());
            const auto dash = stem.rfind('-');
            if (dash == std::string_view::npos || dash == 0)
                return std::nullopt;
            return std::pair{std::string(stem.substr(0, dash)), std::string(stem.substr(dash + 1))};
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> projectNameOfFile(std::string_view filename)
{
    const auto parts = splitFilename(filename);
    if (!parts)
        return std::nullopt;
    return standards::canonicalizeName(parts->first);
}

std::optional<std::string> versionOfFile(std::string_view filename)
{
    const auto parts = splitFilename(filename);
    if (!parts)
        return std::nullopt;
    return parts->second;
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
