#include "core/index/sdist_metadata.h"

#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <charconv>
#include <memory>

#include "core/standards/metadata.h"

namespace pindex::index {
namespace {

constexpr std::size_t kMaxPkgInfoBytes = 16 * 1024 * 1024;

struct ArchiveDeleter
{
    void operator()(archive* handle) const { archive_read_free(handle); }
};

// "foo-1.0/PKG-INFO" (one directory deep), also "./foo-1.0/PKG-INFO".
bool isTopLevelPkgInfo(std::string_view path)
{
    if (path.starts_with("./"))
        path.remove_prefix(2);
    const auto slash = path.find('/');
    return slash != std::string_view::npos && slash > 0 && path.substr(slash + 1) == "PKG-INFO";
}

// (major, minor) of "2.2"; nullopt when malformed.
std::optional<std::pair<int, int>> versionPair(std::string_view text)
{
    int major = 0;
    int minor = 0;
    const char* end = text.data() + text.size();
    auto [afterMajor, majorError] = std::from_chars(text.data(), end, major);
    if (majorError != std::errc())
        return std::nullopt;
    if (afterMajor != end) {
        if (*afterMajor != '.')
            return std::nullopt;
        auto [afterMinor, minorError] = std::from_chars(afterMajor + 1, end, minor);
        if (minorError != std::errc())
            return std::nullopt;
    }
    return std::pair{major, minor};
}

Error archiveError(std::string_view filename, archive* handle)
{
    const char* text = archive_error_string(handle);
    return makeError(ErrorCode::Parse, "the source distribution " + std::string(filename) +
                                           " cannot be read: " + (text != nullptr ? text : "unknown error"));
}

} // namespace

Result<SdistMetadata> readSdistMetadata(std::string_view bytes, std::string_view filename)
{
    std::unique_ptr<archive, ArchiveDeleter> handle(archive_read_new());
    archive_read_support_filter_all(handle.get());
    archive_read_support_format_tar(handle.get());
    archive_read_support_format_zip(handle.get());
    if (archive_read_open_memory(handle.get(), bytes.data(), bytes.size()) != ARCHIVE_OK)
        return std::unexpected(archiveError(filename, handle.get()));

    std::optional<std::string> pkgInfo;
    archive_entry* entry = nullptr;
    while (true) {
        const int status = archive_read_next_header(handle.get(), &entry);
        if (status == ARCHIVE_EOF)
            break;
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
            return std::unexpected(archiveError(filename, handle.get()));
        const char* path = archive_entry_pathname(entry);
        if (path == nullptr || !isTopLevelPkgInfo(path) || archive_entry_filetype(entry) != AE_IFREG)
            continue;
        const auto size = archive_entry_size(entry);
        if (size < 0 || static_cast<std::size_t>(size) > kMaxPkgInfoBytes)
            return std::unexpected(makeError(ErrorCode::Invalid, "the PKG-INFO of " + std::string(filename) +
                                                                     " is larger than 16 MiB"));
        std::string text(static_cast<std::size_t>(size), '\0');
        const auto read = archive_read_data(handle.get(), text.data(), text.size());
        if (read < 0 || static_cast<std::size_t>(read) != text.size())
            return std::unexpected(archiveError(filename, handle.get()));
        pkgInfo = std::move(text);
        break;
    }
    if (!pkgInfo)
        return SdistMetadata{std::nullopt, std::string(filename) + " has no PKG-INFO"};

    const std::string source = std::string(filename) + "/PKG-INFO";
    auto parsed = standards::parseCoreMetadata(*pkgInfo, source);
    if (!parsed)
        return SdistMetadata{std::nullopt, "its PKG-INFO cannot be used: " + parsed.error().describe()};
    const auto version = versionPair(parsed->metadataVersion);
    if (!version || *version < std::pair{2, 2})
        return SdistMetadata{std::nullopt, "its PKG-INFO has Metadata-Version " + parsed->metadataVersion +
                                               "; only 2.2 and later say which fields are final (PEP 643)"};
    if (std::ranges::find(parsed->dynamic, "requires-dist") != parsed->dynamic.end())
        return SdistMetadata{
            std::nullopt, "its PKG-INFO lists Requires-Dist as Dynamic: the build decides the dependencies"};
    if (std::ranges::find(parsed->dynamic, "requires-python") != parsed->dynamic.end())
        return SdistMetadata{std::nullopt, "its PKG-INFO lists Requires-Python as Dynamic: the build decides "
                                           "which Pythons it supports"};
    return SdistMetadata{std::move(pkgInfo), {}};
}

} // namespace pindex::index
