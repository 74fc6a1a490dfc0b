// pindex import-poetry [--project DIR] [--dry-run]: Poetry sources and source dependencies become
// [[tool.uv.index]] tables and [tool.uv.sources] pins (see docs/POETRY_IMPORT.md).

#include <ostream>

#include "app/arguments.h"
#include "app/commands.h"
#include "core/project/poetry_import.h"

namespace pindex::app {

int runImportPoetry(CommandContext& context)
{
    const auto arguments =
        Arguments::parse(context.arguments, {.flags = {"dry-run", "help"}, .valued = {"project"}});
    if (!arguments || !arguments->positional().empty() || arguments->has("help")) {
        auto& stream = arguments && arguments->has("help") ? context.out : context.err;
        if (!arguments)
            stream << "pindex import-poetry: " << arguments.error().describe() << '\n';
        stream << "Usage: pindex import-poetry [--dry-run] [--project DIR]\n";
        return arguments && arguments->has("help") ? 0 : 2;
    }
    const std::filesystem::path file =
        std::filesystem::path(arguments->valueOr("project", ".")) / "pyproject.toml";
    auto document = project::ProjectDocument::open(file);
    if (!document) {
        context.err << "pindex import-poetry: " << document.error().describe() << '\n';
        return 1;
    }
    const auto report = project::importPoetry(*document);
    if (!report) {
        context.err << "pindex import-poetry: " << report.error().describe() << '\n';
        return 1;
    }
    for (const auto& index : report->addedIndexes)
        context.out << "index  " << index << '\n';
    for (const auto& [package, index] : report->pins)
        context.out << "pin    " << package << " -> " << index << '\n';
    for (const auto& warning : report->warnings)
        context.out << "warning: " << warning << '\n';
    if (report->addedIndexes.empty() && report->pins.empty()) {
        context.out << "Nothing to import.\n";
        return 0;
    }
    if (arguments->has("dry-run")) {
        context.out << "\n" << document->text();
        return 0;
    }
    if (auto saved = document->save(); !saved) {
        context.err << "pindex import-poetry: " << saved.error().describe() << '\n';
        return 1;
    }
    context.out << "Wrote " << file.string() << '\n';
    return 0;
}

} // namespace pindex::app
