#include "core/resolver/candidate_source.h"
#include "core/standards/name.h"

namespace pindex::resolver {

Dependency Dependency::fromRequirement(const standards::Requirement& requirement)
{
    Dependency dependency;
    dependency.name = standards::canonicalizeName(requirement.name);
    for (const auto& extra : requirement.extras) {
        dependency.extras.push_back(standards::normalizeExtra(extra));
    }
    dependency.specifier = requirement.specifier;
    dependency.marker = requirement.marker;
    dependency.text = requirement.str();
    return dependency;
}

Result<Dependency> Dependency::parse(std::string_view text)
{
    auto requirement = standards::parseRequirement(text);
    if (!requirement) {
        return std::unexpected(std::move(requirement.error()));
    }
    if (requirement->url) {
        return std::unexpected(makeError(ErrorCode::Unsupported, "The requirement '" + std::string(text) +
                                                                     "' names a URL; direct URL requirements "
                                                                     "are not resolved yet."));
    }
    return fromRequirement(*requirement);
}

} // namespace pindex::resolver
