#pragma once

// The values the Simple Repository API (PEP 503 HTML, PEP 691 JSON) describes: a project list and
// a project page with its distribution files. Both parsers (simple_html.h, simple_json.h) and flat
// indexes (flat_index.h) produce these, so later stages never know which flavour an index speaks.
//
// Invariants: `DistributionFile::url` is absolute and carries no fragment (the hash from a
// `#sha256=` fragment is in `hashes`); hash algorithm names and hex values are lower-case;
// `requiresPython` and `yankedReason` are already HTML-unescaped.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pindex::index {

enum class ApiFormat { Html, Json, Flat };

struct DistributionFile
{
    std::string filename;
    std::string url;
    std::map<std::string, std::string> hashes; // algorithm -> hex digest
    std::string requiresPython;                // empty: no constraint
    bool yanked = false;                       // PEP 592; "yanked" is a result, not an error
    std::string yankedReason;
    bool hasCoreMetadata = false; // PEP 658/714: a `<url>.metadata` file exists
    std::map<std::string, std::string> coreMetadataHashes;
    std::optional<std::uint64_t> size; // PEP 700
    std::string uploadTime;            // PEP 700, ISO 8601 as served

    [[nodiscard]] std::string metadataUrl() const { return url + ".metadata"; }
    [[nodiscard]] std::optional<std::string> sha256() const;
    [[nodiscard]] bool isWheel() const;
};

struct ProjectPage
{
    std::string name;       // as the page names it (may be empty for HTML pages)
    std::string apiVersion; // "1.0", "1.1", ... (empty when the page does not say)
    ApiFormat format = ApiFormat::Html;
    std::vector<DistributionFile> files;
    std::vector<std::string> versions; // PEP 700 `versions` (JSON 1.1 only)
};

struct ProjectList
{
    std::string apiVersion;
    ApiFormat format = ApiFormat::Html;
    std::vector<std::string> names; // as listed (not canonicalized)
};

// The media types of PEP 691, and the Accept header that prefers JSON and falls back to HTML.
inline constexpr const char* kSimpleJsonMediaType = "application/vnd.pypi.simple.v1+json";
inline constexpr const char* kSimpleHtmlMediaType = "application/vnd.pypi.simple.v1+html";
inline constexpr const char* kSimpleAcceptHeader =
    "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";

} // namespace pindex::index
