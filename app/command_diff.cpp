// pindex diff OLD NEW | pindex diff --git REV [FILE]: what changed between two lockfiles, or
// between a lockfile and its content at a git revision, as text, JSON or a Markdown table.
// Exit code 0 when nothing changed, 1 when something did, 2 on error.

#include <ostream>

#include "app/arguments.h"
#include "app/commands.h"
#include "core/diff/diff_report.h"
#include "core/diff/lock_comparison.h"

namespace pindex::app {
namespace {

constexpr std::string_view kUsage = "usage: pindex diff OLD NEW [--format text|json|markdown]\n"
                                    "       pindex diff --git REV [FILE] [--format text|json|markdown]\n";

int fail(CommandContext& context, const Error& error)
{
    context.err << "pindex diff: " << error.describe() << '\n';
    return 2;
}

} // namespace

int runDiff(CommandContext& context)
{
    const auto arguments =
        Arguments::parse(context.arguments, {.flags = {"help"}, .valued = {"format", "git"}});
    if (!arguments)
        return fail(context, arguments.error());
    if (arguments->has("help")) {
        context.out << kUsage;
        return 0;
    }
    const std::string formatName = arguments->valueOr("format", "text");
    const auto format = diff::parseReportFormat(formatName);
    if (!format) {
        context.err << "pindex diff: unknown format '" << formatName << "' (use text, json or markdown)\n";
        return 2;
    }
    const auto& positional = arguments->positional();
    Result<diff::LockDiff> result;
    if (const auto revision = arguments->value("git")) {
        if (positional.size() > 1) {
            context.err << kUsage;
            return 2;
        }
        std::filesystem::path file;
        if (positional.empty()) {
            auto found = diff::findLockfile(".");
            if (!found)
                return fail(context, found.error());
            file = *found;
        } else {
            file = positional.front();
        }
        result = diff::diffAgainstRevision(file, *revision);
    } else {
        if (positional.size() != 2) {
            context.err << kUsage;
            return 2;
        }
        result = diff::diffFiles(positional[0], positional[1]);
    }
    if (!result)
        return fail(context, result.error());
    context.out << diff::formatReport(*result, *format);
    return result->empty() ? 0 : 1;
}

} // namespace pindex::app
