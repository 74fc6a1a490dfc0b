#pragma once

// PEP 691 JSON pages (application/vnd.pypi.simple.v1+json) into the values of simple_api.h,
// including PEP 700 (`versions`, `size`, `upload-time`), PEP 714 (`core-metadata`, falling back to
// `dist-info-metadata`) and PEP 592 yanked reasons. Errors name the page URL and what was wrong.

#include <string_view>

#include "core/index/simple_api.h"
#include "core/util/error.h"

namespace pindex::index {

// `pageUrl` is the URL the page was fetched from: relative file URLs resolve against it.
[[nodiscard]] Result<ProjectPage> parseProjectPageJson(std::string_view json, std::string_view pageUrl);
[[nodiscard]] Result<ProjectList> parseProjectListJson(std::string_view json, std::string_view pageUrl);

} // namespace pindex::index
