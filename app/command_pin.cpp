// pindex pin PACKAGE INDEX [--marker M] / pindex unpin PACKAGE [--marker M]: index pins in
// [tool.uv.sources] of the project's pyproject.toml (found from --project or the current directory
// upwards, as uv finds it). A PACKAGE with glob characters (* ? [) is a pattern pin in
// [tool.pindex.pin-patterns] instead. A pin may name an index of the workspace root's pyproject.toml;
// a pattern pin any index of the configuration (uv.toml files included).

#include <ostream>

#include "app/arguments.h"
#include "app/commands.h"
#include "core/project/project_document.h"
#include "core/project/uv_config.h"

namespace pindex::app {
namespace {

bool isPattern(const std::string& package)
{
    return package.find_first_of("*?[") != std::string::npos;
}

int runPinCommand(CommandContext& context, bool pin)
{
    const char* command = pin ? "pin" : "unpin";
    const auto arguments =
        Arguments::parse(context.arguments, {.flags = {"help"}, .valued = {"project", "marker"}});
    const std::size_t expected = pin ? 2 : 1;
    if (!arguments || arguments->positional().size() != expected || arguments->has("help")) {
        auto& stream = arguments && arguments->has("help") ? context.out : context.err;
        if (!arguments)
            stream << "pindex " << command << ": " << arguments.error().describe() << '\n';
        stream << (pin ? "Usage: pindex pin PACKAGE INDEX [--marker MARKER] [--project DIR]\n"
                       : "Usage: pindex unpin PACKAGE [--marker MARKER] [--project DIR]\n")
               << "A PACKAGE with * ? [ is a pattern pin ([tool.pindex.pin-patterns]).\n"
               << (pin ? "With --marker the pin holds where the marker does (uv's list form for several).\n"
                       : "With --marker only the pin for that marker goes.\n");
        return arguments && arguments->has("help") ? 0 : 2;
    }
    const auto& words = arguments->positional();
    const std::string marker = arguments->valueOr("marker", {});
    if (!marker.empty() && isPattern(words[0])) {
        context.err << "pindex " << command << ": pattern pins take no marker\n";
        return 2;
    }
    const auto configuration = project::loadProjectConfiguration(arguments->valueOr("project", "."),
                                                                 project::UserDirectories::fromEnvironment());
    if (!configuration) {
        context.err << "pindex " << command << ": " << configuration.error().describe() << '\n';
        return 1;
    }
    const auto file = configuration->location.pyproject();
    auto document = project::ProjectDocument::open(file);
    if (!document) {
        context.err << "pindex " << command << ": " << document.error().describe() << '\n';
        return 1;
    }
    std::vector<project::IndexEntry> others = configuration->indexes;
    if (configuration->workspace)
        others.insert(others.end(), configuration->workspace->indexes.begin(),
                      configuration->workspace->indexes.end());
    document->setOtherIndexes(std::move(others));
    Status status;
    if (isPattern(words[0]))
        status = pin ? document->addPatternPin(words[0], words[1]) : document->removePatternPin(words[0]);
    else
        status =
            pin ? document->pinPackage(words[0], words[1], marker) : document->unpinPackage(words[0], marker);
    if (status)
        status = document->save();
    if (!status) {
        context.err << "pindex " << command << ": " << status.error().describe() << '\n';
        return 1;
    }
    if (pin)
        context.out << "Pinned '" << words[0] << "' to the index '" << words[1] << "'";
    else
        context.out << "Unpinned '" << words[0] << "'";
    if (!marker.empty())
        context.out << " where " << marker;
    context.out << " (" << file.string() << ")\n";
    if (pin) {
        if (const auto other = document->otherIndex(words[1]))
            context.out << "The index '" << words[1] << "' is defined in " << other->origin.file << ':'
                        << other->origin.line << " (" << project::toString(other->origin.scope) << ").\n";
    }
    return 0;
}

} // namespace

int runPin(CommandContext& context)
{
    return runPinCommand(context, true);
}

int runUnpin(CommandContext& context)
{
    return runPinCommand(context, false);
}

} // namespace pindex::app
