#include "core/index/http_cache.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <limits>

#include "core/index/cache_writer.h"
#include "core/index/http_date.h"
#include "core/index/sha256.h"
#include "core/util/file_io.h"

namespace pindex::index {
namespace {

std::string lowerCopy(std::string_view text)
{
    std::string result(text);
    std::ranges::transform(result, result.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

// The value of a Cache-Control directive ("max-age" in "public, max-age=600"); nullopt if absent.
std::optional<std::string> directive(std::string_view cacheControl, std::string_view name)
{
    const std::string lower = lowerCopy(cacheControl);
    std::string_view rest = lower;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        const auto equals = item.find('=');
        if (item.substr(0, equals) == name)
            return equals == std::string_view::npos ? std::string() : std::string(item.substr(equals + 1));
    }
    return std::nullopt;
}

std::string oneLine(std::string_view value)
{
    std::string result(value);
    std::ranges::replace(result, '\n', ' ');
    std::ranges::replace(result, '\r', ' ');
    return result;
}

} // namespace

std::int64_t unixNow()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

HttpCache::HttpCache(std::filesystem::path root, HttpCacheOptions options)
    : m_root(std::move(root))
    , m_writer(options.backgroundWrites ? std::make_unique<CacheWriter>() : nullptr)
{}

HttpCache::~HttpCache() = default;
HttpCache::HttpCache(HttpCache&&) noexcept = default;
HttpCache& HttpCache::operator=(HttpCache&&) noexcept = default;

void HttpCache::flush() const
{
    if (m_writer)
        m_writer->flush();
}

std::filesystem::path HttpCache::defaultDirectory()
{
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/')
        return std::filesystem::path(xdg) / "pindex";
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
        return std::filesystem::path(home) / ".cache" / "pindex";
    std::error_code error;
    return std::filesystem::temp_directory_path(error) / "pindex-cache";
}

std::string HttpCache::keyFor(std::string_view url, std::string_view accept)
{
    std::string material = maskUrlCredentials(url);
    material += '\n';
    material += accept;
    return sha256Hex(material);
}

std::filesystem::path HttpCache::entryPath(std::string_view bucket, std::string_view key) const
{
    return m_root / bucket / std::string(key);
}

namespace {

// Fills `response` from an entry's header lines; false unless they name this cache's format.
bool readHeaders(std::string_view headers, CachedResponse& response)
{
    bool sawFormat = false;
    while (!headers.empty()) {
        const auto newline = headers.find('\n');
        const std::string_view line = headers.substr(0, newline);
        headers = newline == std::string_view::npos ? std::string_view() : headers.substr(newline + 1);
        const auto colon = line.find(": ");
        if (colon == std::string_view::npos)
            continue;
        const std::string_view name = line.substr(0, colon);
        const std::string value(line.substr(colon + 2));
        if (name == "format")
            sawFormat = value == "pindex-cache-1";
        else if (name == "url")
            response.url = value;
        else if (name == "content-type")
            response.contentType = value;
        else if (name == "etag")
            response.etag = value;
        else if (name == "last-modified")
            response.lastModified = value;
        else if (name == "cache-control")
            response.cacheControl = value;
        else if (name == "stored-at")
            std::from_chars(value.data(), value.data() + value.size(), response.storedAt);
        else if (name == "date")
            response.date = value;
        else if (name == "expires")
            response.expires = value;
        else if (name == "age")
            std::from_chars(value.data(), value.data() + value.size(), response.age);
    }
    return sawFormat;
}

} // namespace

std::optional<CachedResponse> HttpCache::load(std::string_view bucket, std::string_view key) const
{
    const auto path = entryPath(bucket, key);
    std::string text;
    if (auto queued = m_writer ? m_writer->pending(path) : std::nullopt) {
        if (!*queued)
            return std::nullopt; // being removed
        text = **queued;
    } else if (auto read = readFile(path)) {
        text = std::move(*read);
    } else {
        return std::nullopt;
    }
    const auto split = text.find("\n\n");
    if (split == std::string::npos)
        return std::nullopt;
    CachedResponse response;
    if (!readHeaders(std::string_view(text).substr(0, split), response))
        return std::nullopt;
    text.erase(0, split + 2); // the body in place: no second copy of a large page
    response.body = std::move(text);
    return response;
}

std::optional<CachedResponse> HttpCache::loadHeaders(std::string_view bucket, std::string_view key) const
{
    const auto path = entryPath(bucket, key);
    CachedResponse response;
    if (auto queued = m_writer ? m_writer->pending(path) : std::nullopt) {
        if (!*queued)
            return std::nullopt;
        const std::string_view text = **queued;
        const auto split = text.find("\n\n");
        if (split == std::string_view::npos || !readHeaders(text.substr(0, split), response))
            return std::nullopt;
        return response;
    }
    std::ifstream file(path, std::ios::binary);
    std::string text;
    std::array<char, 4096> chunk{};
    std::size_t split = std::string::npos;
    while (split == std::string::npos && file) {
        file.read(chunk.data(), chunk.size());
        const auto searchFrom = text.empty() ? 0 : text.size() - 1; // a "\n\n" across two chunks
        text.append(chunk.data(), static_cast<std::size_t>(file.gcount()));
        split = text.find("\n\n", searchFrom);
    }
    if (split == std::string::npos || !readHeaders(std::string_view(text).substr(0, split), response))
        return std::nullopt;
    return response;
}

Status HttpCache::store(std::string_view bucket, std::string_view key, const CachedResponse& response) const
{
    return store(bucket, key, response, response.body);
}

Status HttpCache::store(std::string_view bucket, std::string_view key, const CachedResponse& response,
                        std::string_view body) const
{
    std::string text;
    text.reserve(body.size() + 1024);
    text += "format: pindex-cache-1\n";
    text += "url: " + oneLine(maskUrlCredentials(response.url)) + '\n';
    text += "content-type: " + oneLine(response.contentType) + '\n';
    text += "etag: " + oneLine(response.etag) + '\n';
    text += "last-modified: " + oneLine(response.lastModified) + '\n';
    text += "cache-control: " + oneLine(response.cacheControl) + '\n';
    text += "date: " + oneLine(response.date) + '\n';
    text += "expires: " + oneLine(response.expires) + '\n';
    text += "age: " + std::to_string(response.age) + '\n';
    text += "stored-at: " + std::to_string(response.storedAt) + "\n\n";
    text += body;
    const auto path = entryPath(bucket, key);
    if (m_writer) {
        m_writer->put(path, std::make_shared<const std::string>(std::move(text)));
        return {};
    }
    return writeCacheFile(path, text);
}

std::filesystem::path HttpCache::artifactPath(std::string_view sha256) const
{
    return m_root / kArtifactBucket / "sha256" / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

std::optional<std::string> HttpCache::loadArtifact(std::string_view sha256) const
{
    auto content = readFile(artifactPath(sha256));
    if (!content || sha256Hex(*content) != sha256)
        return std::nullopt;
    return std::move(*content);
}

Status HttpCache::storeArtifact(std::string_view sha256, const std::string& content) const
{
    return writeCacheFile(artifactPath(sha256), content);
}

std::int64_t HttpCache::freshnessLifetime(const CachedResponse& response,
                                          std::string_view cacheControlOverride)
{
    const bool overridden = !cacheControlOverride.empty();
    const std::string_view policy =
        overridden ? cacheControlOverride : std::string_view(response.cacheControl);
    if (directive(policy, "no-cache") || directive(policy, "no-store"))
        return 0;
    if (const auto maxAge = directive(policy, "max-age")) {
        std::string_view digits = *maxAge;
        if (digits.size() >= 2 && digits.front() == '"' && digits.back() == '"')
            digits = digits.substr(1, digits.size() - 2);
        std::int64_t seconds = 0;
        const auto [end, parseError] = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
        if (parseError == std::errc::result_out_of_range)
            return std::numeric_limits<std::int32_t>::max(); // RFC 9111 5.2.1.1: "infinity"
        if (parseError != std::errc() || end != digits.data() + digits.size() || seconds < 0)
            return 0;
        return seconds;
    }
    if (overridden || response.expires.empty())
        return 0;
    const auto expires = parseHttpDate(response.expires, response.storedAt);
    if (!expires)
        return 0; // an invalid Expires (such as "0") means "already expired"
    const auto date = parseHttpDate(response.date, response.storedAt);
    const std::int64_t base = date ? *date : response.storedAt;
    return std::max<std::int64_t>(0, *expires - base);
}

bool HttpCache::isFresh(const CachedResponse& response, std::string_view cacheControlOverride,
                        std::int64_t now)
{
    const std::int64_t lifetime = freshnessLifetime(response, cacheControlOverride);
    if (lifetime <= 0)
        return false;
    std::int64_t initialAge = std::max<std::int64_t>(0, response.age);
    if (const auto date = parseHttpDate(response.date, response.storedAt); date && *date < response.storedAt)
        initialAge = std::max(initialAge, response.storedAt - *date);
    const std::int64_t currentAge = initialAge + std::max<std::int64_t>(0, now - response.storedAt);
    return currentAge < lifetime;
}

void HttpCache::remove(std::string_view bucket, std::string_view key) const
{
    if (m_writer) {
        m_writer->put(entryPath(bucket, key), nullptr);
        return;
    }
    std::error_code ignored;
    std::filesystem::remove(entryPath(bucket, key), ignored);
}

bool HttpCache::mayStore(std::string_view cacheControl)
{
    return !directive(cacheControl, "no-store").has_value();
}

} // namespace pindex::index
