#pragma once

// Internal to core/project: reads uv's settings table ([tool.uv] in pyproject.toml, the root of a
// uv.toml) from a toml++ tree into model values. Only core/project's .cpp files include this, so
// toml++ types stay inside the module.
//
// Invariants: reading never fails; values of the wrong type are skipped and reported in `problems`.

#include <toml++/toml.h>

#include "core/project/pyproject.h"

namespace pindex::project::detail {

struct UvSettings
{
    std::vector<IndexEntry> indexes;
    std::string indexStrategy;
    ValueOrigin indexStrategyOrigin;
    std::vector<SourceEntry> sources;
    std::vector<DependencyEntry> devDependencies;
    std::vector<Error> problems;
};

void readUvSettings(const toml::table& uv, const std::string& file, ValueOrigin::Scope scope,
                    UvSettings& out);

// Refuses the same index name twice and names that break uv's rule; appends to `problems`.
void checkIndexNames(const std::vector<IndexEntry>& indexes, std::vector<Error>& problems);

// parsePyProject without the check that pins name known indexes (the caller checks them against
// the whole configuration).
[[nodiscard]] Result<PyProject> parsePyProjectUnchecked(const std::string& text,
                                                        const std::filesystem::path& file);

// Reports index pins whose index is not in `sourceIndexes` (the indexes uv lets [tool.uv.sources]
// name) and pattern pins whose index is in neither list.
void checkPins(const std::vector<SourceEntry>& sources, const std::vector<PatternPin>& patterns,
               const std::vector<IndexEntry>& sourceIndexes, const std::vector<IndexEntry>& allIndexes,
               std::vector<Error>& problems);

// File order of two values of the same file.
[[nodiscard]] bool before(const ValueOrigin& a, const ValueOrigin& b);

[[nodiscard]] ValueOrigin originOf(const toml::node& node, const std::string& file, ValueOrigin::Scope scope);

} // namespace pindex::project::detail
