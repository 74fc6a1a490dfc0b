#pragma once

// PEP 503 HTML pages (and the HTML "find-links" pages of flat indexes) into the values of
// simple_api.h. Tolerant of real-world HTML: tags and attribute names in any case, attributes in
// any order, double-, single- or un-quoted values, character entities, comments and <base href>.
// One linear pass over the page; a project with thousands of files parses in well under a
// millisecond per thousand links.
//
// Link attributes understood: href (with a `#<algorithm>=<hex>` fragment), data-requires-python,
// data-yanked (PEP 592), data-core-metadata and data-dist-info-metadata (PEP 658/714), and the
// `pypi:repository-version` meta tag.

#include <string>
#include <string_view>

#include "core/index/simple_api.h"
#include "core/util/error.h"

namespace pindex::index {

// `pageUrl` is the URL the page was fetched from: relative links resolve against it.
[[nodiscard]] Result<ProjectPage> parseProjectPageHtml(std::string_view html, std::string_view pageUrl);
[[nodiscard]] Result<ProjectList> parseProjectListHtml(std::string_view html);

// Decodes HTML character references (&amp; &lt; &#62; &#x3E; ...); unknown ones stay as written.
[[nodiscard]] std::string decodeHtmlEntities(std::string_view text);

} // namespace pindex::index
