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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"

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

// How much of each file a page reader fills in. A resolver needs every file's name (its version),
// requires-python and yank state, and whether a metadata file exists; the URL, hashes, size and
// upload time only of the few files it picks. Summary reads those four fields at once and keeps
// the page's text to read the rest from when a file is completed (PageText::complete): on a page
// of a thousand files, about a third of the work and none of the per-file strings and maps.
// Only PEP 691 JSON pages are read in summary; HTML and flat listings are always read whole.
enum class PageDetail { Full, Summary };

// Where one file's entry lies in its page's text.
struct PageEntry
{
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    std::uint32_t position = 0; // its index in the page's `files` list (named in errors)
};

// The text of a page read in summary, shared by the files read from it.
class PageText
{
public:
    PageText(std::string text, std::string pageUrl)
        : m_text(std::move(text))
        , m_url(std::move(pageUrl))
    {}
    [[nodiscard]] std::string_view text() const { return m_text; }
    [[nodiscard]] const std::string& url() const { return m_url; }
    // The whole file of `entry`, exactly as the full reader (parseProjectPageJson) reads it.
    [[nodiscard]] Result<DistributionFile> complete(const PageEntry& entry) const;

private:
    std::string m_text;
    std::string m_url; // the page's URL: relative links resolve against it
};

struct ProjectPage
{
    std::string name;       // as the page names it (may be empty for HTML pages)
    std::string apiVersion; // "1.0", "1.1", ... (empty when the page does not say)
    ApiFormat format = ApiFormat::Html;
    // Read in summary (`text` set), each file has only `filename`, `requiresPython`, `yanked`,
    // `yankedReason` and `hasCoreMetadata`; `entries[i]` completes `files[i]` from `text`.
    std::vector<DistributionFile> files;
    std::vector<std::string> versions; // PEP 700 `versions` (JSON 1.1 only)
    std::shared_ptr<const PageText> text;
    std::vector<PageEntry> entries;
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
