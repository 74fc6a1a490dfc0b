#pragma once

// Reading a wheel's METADATA without downloading the wheel: the last 64 KiB (one suffix range
// request) hold the end of central directory record and usually the whole central directory; one
// more range request fetches just the METADATA member. When the server ignores ranges (answers 200
// with the whole file), the metadata is read from that download instead and the caller is told, so
// it can keep the artifact.

#include <functional>
#include <optional>
#include <string>

#include "core/index/http_client.h"
#include "core/util/error.h"

namespace pindex::index {

// Fetches one range of the wheel ("start-end" or "-N", as HttpRequest::range).
using RangeFetcher = std::function<Result<HttpResponse>(const std::string& range)>;

struct RemoteWheelMetadata
{
    std::string metadata;
    int requests = 0;
    std::optional<std::string> fullWheel; // set when the server ignored ranges
};

[[nodiscard]] Result<RemoteWheelMetadata> readRemoteWheelMetadata(const RangeFetcher& fetch);

// "bytes 100-199/1000" -> {100, 1000}; nullopt if malformed or the total is unknown ("*").
struct ContentRange
{
    std::uint64_t first = 0;
    std::uint64_t total = 0;
};
[[nodiscard]] std::optional<ContentRange> parseContentRange(std::string_view header);

} // namespace pindex::index
