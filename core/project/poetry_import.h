#pragma once

// Poetry import: turns a project's [[tool.poetry.source]] tables and `source = "..."` on Poetry
// dependencies into the equivalent [[tool.uv.index]] tables and [tool.uv.sources] pins, written
// into a ProjectDocument with its format-preserving edits. The mapping, and what has no exact
// equivalent, is documented in docs/POETRY_IMPORT.md; every such case adds a warning.
//
// Invariants: the Poetry tables themselves are never changed; an index that already exists in
// [[tool.uv.index]] with the same name is kept as it is; nothing is saved (the caller decides).

#include <string>
#include <utility>
#include <vector>

#include "core/project/project_document.h"

namespace pindex::project {

struct PoetryImportReport
{
    std::vector<std::string> addedIndexes;
    std::vector<std::pair<std::string, std::string>> pins; // package, index
    std::vector<std::string> warnings;
};

[[nodiscard]] Result<PoetryImportReport> importPoetry(ProjectDocument& document);

} // namespace pindex::project
