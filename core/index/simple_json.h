#pragma once

// PEP 691 JSON pages (application/vnd.pypi.simple.v1+json) into the values of simple_api.h,
// including PEP 700 (`versions`, `size`, `upload-time`), PEP 714 (`core-metadata`, falling back to
// `dist-info-metadata`) and PEP 592 yanked reasons. Errors name the page URL and what was wrong.

#include <optional>
#include <string>
#include <string_view>

#include "core/index/simple_api.h"
#include "core/util/error.h"

namespace pindex::index {

// `pageUrl` is the URL the page was fetched from: relative file URLs resolve against it.
[[nodiscard]] Result<ProjectPage> parseProjectPageJson(std::string_view json, std::string_view pageUrl);
// The same page read in summary (PageDetail): the page's text moves into the result's `text`.
// Every check of the full reader that concerns the page's shape, a file's `filename` or its `url`
// is made at once, with the same error; values the summary does not read are checked when their
// file is completed.
[[nodiscard]] Result<ProjectPage> summarizeProjectPageJson(std::string json, std::string_view pageUrl);
[[nodiscard]] Result<ProjectList> parseProjectListJson(std::string_view json, std::string_view pageUrl);

// The links of one page resolved against its URL, as resolveUrl(pageUrl, link) does, without
// resolving the same directory again for each file (both page parsers use it).
class LinkResolver
{
public:
    explicit LinkResolver(std::string_view pageUrl)
        : m_base(pageUrl)
    {}
    [[nodiscard]] Result<std::string> resolve(std::string_view link);
    // Whether resolve(link) would succeed, without building the URL where the directory is known.
    [[nodiscard]] Status check(std::string_view link);

private:
    // The name of a plain "directory/name" link, its directory resolved and remembered; nullopt
    // for a link resolved whole (no directory, a dot segment, a query or a fragment).
    [[nodiscard]] Result<std::optional<std::string_view>> plainName(std::string_view link);

    std::string_view m_base;
    std::string m_directory;               // the directory part of the last link resolved
    std::optional<std::string> m_resolved; // and its resolution
};

} // namespace pindex::index
