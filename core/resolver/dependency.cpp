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
    if (requirement.url) {
        dependency.url = *requirement.url;
    }
    return dependency;
}

Result<Dependency> Dependency::parse(std::string_view text)
{
    auto requirement = standards::parseRequirement(text);
    if (!requirement) {
        return std::unexpected(std::move(requirement.error()));
    }
    if (requirement->url) {
        auto error = makeError(ErrorCode::Unsupported, "The requirement '" + std::string(text) +
                                                           "' names a URL; direct URL requirements "
                                                           "are not resolved yet.");
        error.hint = "Put the file on an index or in a flat index directory the project uses "
                     "([[tool.uv.index]] with format = \"flat\"), and require " +
                     requirement->name + " by name.";
        return std::unexpected(std::move(error));
    }
    return fromRequirement(*requirement);
}

} // namespace pindex::resolver
