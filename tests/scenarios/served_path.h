#pragma once

// The URL path of a directory that make_index.py --per-scenario wrote (OUT/<file>/<index>/): every
// byte but RFC 3986's unreserved ones percent-encoded ('/' kept when `keepSlashes`), since file
// and index names may hold spaces, '#' or '?'. nginx decodes the path before it maps it to a file.

#include <string>
#include <string_view>

namespace pindex::scenarios {

[[nodiscard]] std::string encodePath(std::string_view text, bool keepSlashes);

} // namespace pindex::scenarios
