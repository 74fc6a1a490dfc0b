// pindex show [--project DIR]: the headless view of a project (what the window shows).

#include <ostream>

#include "app/arguments.h"
#include "app/commands.h"
#include "core/project/pyproject.h"
#include "core/project/uv_config.h"

namespace pindex::app {

int runShow(CommandContext& context)
{
    const auto arguments = Arguments::parse(context.arguments, {.flags = {"help"}, .valued = {"project"}});
    if (!arguments) {
        context.err << "pindex show: " << arguments.error().describe() << '\n';
        return 2;
    }
    if (arguments->has("help")) {
        context.out << "usage: pindex show [--project DIR]\n";
        return 0;
    }
    // The project holding --project (or the current directory), found upwards as uv finds it.
    const auto location = project::findProject(arguments->valueOr("project", "."));
    if (!location) {
        context.err << "pindex show: " << location.error().describe() << '\n';
        return 2;
    }
    const auto project = project::loadPyProject(location->pyproject());
    if (!project) {
        context.err << "pindex show: " << project.error().describe() << '\n';
        return 2;
    }
    auto& out = context.out;
    out << project->name;
    if (!project->version.empty())
        out << ' ' << project->version;
    out << '\n';
    if (!project->requiresPython.empty())
        out << "requires-python " << project->requiresPython << '\n';
    out << "\nDependencies:\n";
    if (project->dependencies.empty())
        out << "  (none)\n";
    for (const auto& dependency : project->dependencies) {
        out << "  "
            << (dependency.includeGroup.empty() ? dependency.requirement
                                                : "(include-group " + dependency.includeGroup + ")");
        if (dependency.kind == project::DependencyEntry::Kind::Extra)
            out << "  [extra: " << dependency.group << ']';
        else if (dependency.kind == project::DependencyEntry::Kind::Group)
            out << "  [group: " << dependency.group << ']';
        out << '\n';
    }
    out << "\nIndexes (in search order):\n";
    if (project->indexes.empty())
        out << "  (none: PyPI only)\n";
    for (const auto& index : project->indexes) {
        out << "  " << index.name << "  " << maskUrlCredentials(index.url);
        if (index.isDefault)
            out << "  (default)";
        if (index.isExplicit)
            out << "  (explicit)";
        if (index.format != "simple")
            out << "  (" << index.format << ')';
        out << '\n';
    }
    return 0;
}

} // namespace pindex::app
