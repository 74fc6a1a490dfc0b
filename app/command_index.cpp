// pindex index list|add|remove|rename|move|set|test: the project's package indexes. Edits go to the
// project's uv.toml when there is one (uv then ignores [tool.uv]), otherwise to pyproject.toml, and
// change only the lines they must.

#include <ostream>

#include "app/arguments.h"
#include "app/commands.h"
#include "core/project/project_document.h"
#include "core/project/uv_config.h"
#include "core/util/quoted_string.h"

namespace pindex::app {
namespace {

constexpr const char* kUsage =
    "Usage: pindex index list [--json] [--project DIR]\n"
    "       pindex index add NAME URL [--explicit] [--default] [--authenticate auto|always|never]\n"
    "                                 [--format simple|flat] [--before OTHER] [--project DIR]\n"
    "       pindex index remove NAME [--project DIR]\n"
    "       pindex index rename NAME NEW [--project DIR]\n"
    "       pindex index move NAME --up|--down|--before OTHER [--project DIR]\n"
    "       pindex index set NAME [--url URL] [--default|--no-default] [--explicit|--no-explicit]\n"
    "                             [--authenticate VALUE|--no-authenticate] [--format VALUE|--no-format]\n"
    "                             [--project DIR]\n"
    "       pindex index test NAME [--project DIR]\n";

int fail(CommandContext& context, const std::string& action, const Error& error, int code = 1)
{
    context.err << "pindex index " << action << ": " << error.describe() << '\n';
    return code;
}

int list(CommandContext& context, const Arguments& arguments, const std::filesystem::path& directory)
{
    const auto configuration =
        project::loadProjectConfiguration(directory, project::UserDirectories::fromEnvironment());
    if (!configuration)
        return fail(context, "list", configuration.error());
    const auto order = project::searchOrder(configuration->indexes);
    auto& out = context.out;
    if (arguments.has("json")) {
        out << "{\n  \"project\": " << quoteString(configuration->location.directory.string())
            << ",\n  \"workspace-root\": " << quoteString(configuration->location.workspaceRoot.string())
            << ",\n  \"index-strategy\": "
            << quoteString(configuration->indexStrategy.empty() ? "first-index"
                                                                : configuration->indexStrategy)
            << ",\n  \"indexes\": [";
        for (std::size_t i = 0; i < order.size(); ++i) {
            const auto& index = order[i];
            out << (i == 0 ? "\n" : ",\n") << "    {\"name\": " << quoteString(index.name)
                << ", \"url\": " << quoteString(maskUrlCredentials(index.url))
                << ", \"default\": " << (index.isDefault ? "true" : "false")
                << ", \"explicit\": " << (index.isExplicit ? "true" : "false")
                << ", \"format\": " << quoteString(index.format)
                << ", \"authenticate\": " << quoteString(index.authenticate)
                << ", \"implicit\": " << (index.isImplicit ? "true" : "false")
                << ", \"legacy\": " << (index.isLegacy ? "true" : "false")
                << ", \"origin\": {\"scope\": " << quoteString(project::toString(index.origin.scope))
                << ", \"file\": " << quoteString(index.origin.file) << ", \"line\": " << index.origin.line
                << "}}";
        }
        out << "\n  ],\n  \"problems\": [";
        for (std::size_t i = 0; i < configuration->problems.size(); ++i)
            out << (i == 0 ? "\n" : ",\n") << "    " << quoteString(configuration->problems[i].describe());
        out << "\n  ]\n}\n";
        return 0;
    }
    out << "Project: " << configuration->location.directory.string();
    if (configuration->location.isWorkspaceMember())
        out << " (member of the workspace " << configuration->location.workspaceRoot.string() << ')';
    out << "\nIndexes in search order (strategy: "
        << (configuration->indexStrategy.empty() ? "first-index" : configuration->indexStrategy) << "):\n";
    for (const auto& index : order) {
        out << "  " << (index.name.empty() ? std::string("(unnamed)") : index.name) << "  "
            << maskUrlCredentials(index.url);
        if (index.isImplicit)
            out << "  (default, implicit)";
        else if (index.isDefault)
            out << "  (default)";
        if (index.isExplicit)
            out << "  (explicit)";
        if (index.format != "simple")
            out << "  (" << index.format << ')';
        if (index.authenticate != "auto")
            out << "  (authenticate: " << index.authenticate << ')';
        if (!index.isImplicit)
            out << "  [" << project::toString(index.origin.scope) << ": " << index.origin.file << ':'
                << index.origin.line << ']';
        out << '\n';
    }
    for (const auto& problem : configuration->problems)
        out << "warning: " << problem.describe() << '\n';
    return 0;
}

// Applies `edit` to the file that holds the project's indexes and saves it: the uv.toml of the
// workspace root (the project itself when it is no member) when there is one, else its
// pyproject.toml.
template <typename Edit>
int editIndexes(CommandContext& context, const std::string& action, const std::filesystem::path& directory,
                Edit&& edit, const std::string& done)
{
    const auto location = project::findProject(directory);
    if (!location)
        return fail(context, action, location.error());
    const auto uvToml = location->workspaceRoot / "uv.toml";
    std::error_code error;
    const auto file =
        std::filesystem::is_regular_file(uvToml, error) ? uvToml : location->workspaceRoot / "pyproject.toml";
    auto document = project::ProjectDocument::open(file);
    if (!document)
        return fail(context, action, document.error());
    if (auto status = edit(*document); !status)
        return fail(context, action, status.error());
    if (auto saved = document->save(); !saved)
        return fail(context, action, saved.error());
    context.out << done << " (" << file.string() << ")\n";
    return 0;
}

} // namespace

int runIndex(CommandContext& context)
{
    const auto arguments = Arguments::parse(
        context.arguments, {.flags = {"json", "explicit", "default", "up", "down", "no-default",
                                      "no-explicit", "no-authenticate", "no-format", "help"},
                            .valued = {"project", "authenticate", "format", "before", "url"}});
    if (!arguments) {
        context.err << "pindex index: " << arguments.error().describe() << '\n' << kUsage;
        return 2;
    }
    const auto& words = arguments->positional();
    if (arguments->has("help") || words.empty()) {
        (words.empty() && !arguments->has("help") ? context.err : context.out) << kUsage;
        return arguments->has("help") ? 0 : 2;
    }
    const std::string action = words.front();
    const std::filesystem::path directory = arguments->valueOr("project", ".");
    auto needs = [&](std::size_t count) {
        if (words.size() == count + 1)
            return true;
        context.err << "pindex index " << action << ": expected " << count << " argument"
                    << (count == 1 ? "" : "s") << "\n"
                    << kUsage;
        return false;
    };

    if (action == "list")
        return needs(0) ? list(context, *arguments, directory) : 2;
    if (action == "test") {
        // The connection test lives in its own command; it takes the rest of the words.
        CommandContext testContext{
            {context.arguments.begin() + 1, context.arguments.end()}, context.out, context.err};
        return runIndexTest(testContext);
    }
    if (action == "add") {
        if (!needs(2))
            return 2;
        project::NewIndex index{.name = words[1],
                                .url = words[2],
                                .isDefault = arguments->has("default"),
                                .isExplicit = arguments->has("explicit"),
                                .format = arguments->valueOr("format", {}),
                                .authenticate = arguments->valueOr("authenticate", {}),
                                .before = arguments->value("before")};
        return editIndexes(
            context, action, directory,
            [&](project::ProjectDocument& document) { return document.addIndex(index); },
            "Added the index '" + index.name + "'");
    }
    if (action == "remove") {
        if (!needs(1))
            return 2;
        return editIndexes(
            context, action, directory,
            [&](project::ProjectDocument& document) { return document.removeIndex(words[1]); },
            "Removed the index '" + words[1] + "'");
    }
    if (action == "rename") {
        if (!needs(2))
            return 2;
        return editIndexes(
            context, action, directory,
            [&](project::ProjectDocument& document) { return document.renameIndex(words[1], words[2]); },
            "Renamed the index '" + words[1] + "' to '" + words[2] + "'");
    }
    if (action == "move") {
        if (!needs(1))
            return 2;
        const auto before = arguments->value("before");
        const int choices =
            (arguments->has("up") ? 1 : 0) + (arguments->has("down") ? 1 : 0) + (before ? 1 : 0);
        if (choices != 1) {
            context.err << "pindex index move: give exactly one of --up, --down, --before OTHER\n";
            return 2;
        }
        return editIndexes(
            context, action, directory,
            [&](project::ProjectDocument& document) {
                if (arguments->has("up"))
                    return document.moveIndexUp(words[1]);
                if (arguments->has("down"))
                    return document.moveIndexDown(words[1]);
                return document.moveIndexBefore(words[1], *before);
            },
            "Moved the index '" + words[1] + "'");
    }
    if (action == "set") {
        if (!needs(1))
            return 2;
        const std::string& name = words[1];
        return editIndexes(
            context, action, directory,
            [&](project::ProjectDocument& document) -> Status {
                if (const auto url = arguments->value("url"))
                    if (auto status = document.setIndexUrl(name, *url); !status)
                        return status;
                if (arguments->has("default") || arguments->has("no-default"))
                    if (auto status = document.setIndexDefault(name, arguments->has("default")); !status)
                        return status;
                if (arguments->has("explicit") || arguments->has("no-explicit"))
                    if (auto status = document.setIndexExplicit(name, arguments->has("explicit")); !status)
                        return status;
                if (const auto value = arguments->value("authenticate"))
                    if (auto status = document.setIndexAuthenticate(name, *value); !status)
                        return status;
                if (arguments->has("no-authenticate"))
                    if (auto status = document.setIndexAuthenticate(name, std::nullopt); !status)
                        return status;
                if (const auto value = arguments->value("format"))
                    if (auto status = document.setIndexFormat(name, *value); !status)
                        return status;
                if (arguments->has("no-format"))
                    if (auto status = document.setIndexFormat(name, std::nullopt); !status)
                        return status;
                return {};
            },
            "Updated the index '" + name + "'");
    }
    context.err << "pindex index: unknown action '" << action << "'\n" << kUsage;
    return 2;
}

} // namespace pindex::app
