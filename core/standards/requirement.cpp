#include "core/standards/requirement.h"

#include <algorithm>

#include "core/standards/dependency_parser.h"
#include "core/standards/name.h"

namespace pindex::standards {

std::string Requirement::str() const
{
    std::string out = name;
    if (!extras.empty()) {
        out += '[';
        for (std::size_t i = 0; i < extras.size(); ++i) {
            if (i > 0)
                out += ',';
            out += extras[i];
        }
        out += ']';
    }
    out += specifier.str();
    if (url) {
        out += " @ ";
        out += *url;
        if (marker)
            out += ' ';
    }
    if (marker) {
        out += "; ";
        out += marker->str();
    }
    return out;
}

bool Requirement::operator==(const Requirement& other) const
{
    auto normalizedExtras = [](const std::vector<std::string>& names) {
        std::vector<std::string> result;
        for (const auto& extra : names)
            result.push_back(normalizeExtra(extra));
        std::sort(result.begin(), result.end());
        result.erase(std::unique(result.begin(), result.end()), result.end());
        return result;
    };
    return canonicalizeName(name) == canonicalizeName(other.name) &&
           normalizedExtras(extras) == normalizedExtras(other.extras) && specifier == other.specifier &&
           url == other.url && marker == other.marker;
}

Result<Requirement> parseRequirement(std::string_view text)
{
    auto parsed = detail::parseRequirementSyntax(text);
    if (!parsed)
        return std::unexpected(
            makeError(ErrorCode::Parse, "Invalid requirement '" + std::string(text) +
                                            "': " + detail::describeSyntaxError(text, parsed.error())));
    Requirement requirement;
    requirement.name = std::move(parsed->name);
    requirement.extras = std::move(parsed->extras);
    std::sort(requirement.extras.begin(), requirement.extras.end());
    requirement.extras.erase(std::unique(requirement.extras.begin(), requirement.extras.end()),
                             requirement.extras.end());
    auto specifier = SpecifierSet::parse(parsed->specifier);
    if (!specifier)
        return std::unexpected(makeError(ErrorCode::Parse, "Invalid requirement '" + std::string(text) +
                                                               "': " + specifier.error().message));
    requirement.specifier = std::move(*specifier);
    if (!parsed->url.empty())
        requirement.url = std::move(parsed->url);
    if (parsed->marker) {
        detail::normalizeExtraValues(*parsed->marker);
        requirement.marker = Marker::fromRoot(std::move(*parsed->marker));
    }
    return requirement;
}

} // namespace pindex::standards
