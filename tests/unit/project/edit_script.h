#pragma once

// Edit scripts for the project tests: one edit operation per line, in a small command language
// (see tests/data/project/README.md), applied to a ProjectDocument. The golden and property tests
// share it so that a line of a .ops file names exactly one ProjectDocument call.

#include <string>
#include <vector>

#include "core/project/project_document.h"

namespace pindex::project::test {

struct EditOperation
{
    std::string verb;
    std::vector<std::string> arguments;
    std::string line; // as written
};

// Splits a line into words; "double quoted" words may hold spaces and single quotes.
[[nodiscard]] Result<EditOperation> parseOperation(const std::string& line);
// Non-empty lines that do not start with '#'.
[[nodiscard]] Result<std::vector<EditOperation>> parseOperations(const std::string& text);

[[nodiscard]] Status applyOperation(ProjectDocument& document, const EditOperation& operation);

// A file-name-friendly label: "add-index-private".
[[nodiscard]] std::string operationLabel(const EditOperation& operation);

// The key paths an operation may touch (for checks that nothing else changed).
[[nodiscard]] std::vector<std::vector<std::string>> operationScope(const EditOperation& operation);

} // namespace pindex::project::test
