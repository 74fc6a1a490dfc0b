#include "core/index/remote_wheel.h"

#include <charconv>

#include "core/index/zip_reader.h"

namespace pindex::index {
namespace {

constexpr std::uint64_t kTailBytes = 64 * 1024;

Error statusError(const HttpResponse& response)
{
    Error error = makeError(response.status == 401 || response.status == 403 ? ErrorCode::Unauthorized
                                                                             : ErrorCode::Http,
                            "the wheel could not be read: HTTP " + std::to_string(response.status));
    error.httpStatus = static_cast<int>(response.status);
    error.url = response.effectiveUrl;
    return error;
}

} // namespace

std::optional<ContentRange> parseContentRange(std::string_view header)
{
    if (!header.starts_with("bytes "))
        return std::nullopt;
    header.remove_prefix(6);
    const auto dash = header.find('-');
    const auto slash = header.find('/');
    if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash)
        return std::nullopt;
    ContentRange range;
    const auto first = header.substr(0, dash);
    const auto total = header.substr(slash + 1);
    if (std::from_chars(first.data(), first.data() + first.size(), range.first).ec != std::errc() ||
        std::from_chars(total.data(), total.data() + total.size(), range.total).ec != std::errc())
        return std::nullopt;
    return range;
}

Result<RemoteWheelMetadata> readRemoteWheelMetadata(const RangeFetcher& fetch)
{
    RemoteWheelMetadata result;
    auto tail = fetch("-" + std::to_string(kTailBytes));
    ++result.requests;
    if (!tail)
        return std::unexpected(tail.error());
    if (tail->status == 200) {
        auto metadata = readWheelMetadata(tail->body);
        if (!metadata)
            return std::unexpected(metadata.error());
        result.metadata = std::move(*metadata);
        result.fullWheel = std::move(tail->body);
        return result;
    }
    if (tail->status != 206)
        return std::unexpected(statusError(*tail));
    const auto range = parseContentRange(tail->header("content-range"));
    if (!range)
        return std::unexpected(makeError(ErrorCode::Parse, "the server answered a range request without a "
                                                           "usable Content-Range header"));
    const auto end = findZipEndRecord(tail->body, range->first);
    if (!end)
        return std::unexpected(end.error());
    if (end->centralDirectoryOffset + end->centralDirectorySize > range->total)
        return std::unexpected(
            makeError(ErrorCode::Parse, "the wheel's central directory lies outside the file"));

    std::string directoryBytes;
    if (end->centralDirectoryOffset >= range->first) {
        directoryBytes =
            tail->body.substr(static_cast<std::size_t>(end->centralDirectoryOffset - range->first),
                              static_cast<std::size_t>(end->centralDirectorySize));
    } else {
        auto directory = fetch(std::to_string(end->centralDirectoryOffset) + "-" +
                               std::to_string(end->centralDirectoryOffset + end->centralDirectorySize - 1));
        ++result.requests;
        if (!directory)
            return std::unexpected(directory.error());
        if (directory->status != 206)
            return std::unexpected(statusError(*directory));
        directoryBytes = std::move(directory->body);
    }
    const auto entries = parseZipCentralDirectory(directoryBytes, end->entryCount);
    if (!entries)
        return std::unexpected(entries.error());
    const ZipEntry* entry = findWheelMetadata(*entries);
    if (entry == nullptr)
        return std::unexpected(makeError(ErrorCode::Parse, "the wheel has no .dist-info/METADATA member"));

    const std::uint64_t first = entry->localHeaderOffset;
    const std::uint64_t last = std::min(range->total, first + zipEntrySpan(*entry)) - 1;
    Result<std::string> metadata;
    if (first >= range->first) {
        // Already in the tail we have.
        metadata = extractZipEntry(
            std::string_view(tail->body).substr(static_cast<std::size_t>(first - range->first)), *entry);
    } else {
        auto member = fetch(std::to_string(first) + "-" + std::to_string(last));
        ++result.requests;
        if (!member)
            return std::unexpected(member.error());
        if (member->status != 206)
            return std::unexpected(statusError(*member));
        metadata = extractZipEntry(member->body, *entry);
    }
    if (!metadata)
        return std::unexpected(metadata.error());
    result.metadata = std::move(*metadata);
    return result;
}

} // namespace pindex::index
