// pindex cache dir|prune|clean: the index cache ($XDG_CACHE_HOME/pindex).
//
//   cache dir                       prints the cache directory
//   cache prune [--older-than D]    removes stale Simple API responses stored more than D days ago
//                                   (default 7), metadata and artifacts no response refers to,
//                                   corrupt entries and leftovers; safe while other runs use it
//   cache clean                     removes the whole cache

#include <charconv>
#include <ostream>
#include <string>

#include "app/arguments.h"
#include "app/commands.h"
#include "core/index/cache_maintenance.h"
#include "core/index/http_cache.h"

namespace pindex::app {
namespace {

constexpr const char* kUsage = "usage: pindex cache dir\n"
                               "       pindex cache prune [--older-than DAYS]\n"
                               "       pindex cache clean\n";

std::string describe(const index::CacheUsage& usage)
{
    return std::to_string(usage.files) + (usage.files == 1 ? " file, " : " files, ") +
           std::to_string((usage.bytes + 1023) / 1024) + " KiB";
}

} // namespace

int runCache(CommandContext& context)
{
    const auto arguments = Arguments::parse(context.arguments, {.flags = {"help"}, .valued = {"older-than"}});
    if (!arguments) {
        context.err << "pindex cache: " << arguments.error().describe() << '\n' << kUsage;
        return 2;
    }
    if (arguments->has("help")) {
        context.out << kUsage;
        return 0;
    }
    if (arguments->positional().size() != 1) {
        context.err << kUsage;
        return 2;
    }
    const std::string& action = arguments->positional().front();
    const index::HttpCache cache(index::HttpCache::defaultDirectory());
    if (action == "dir") {
        context.out << cache.root().string() << '\n';
        return 0;
    }
    if (action == "clean") {
        const auto removed = index::cleanCache(cache);
        if (!removed) {
            context.err << "pindex cache clean: " << removed.error().describe() << '\n';
            return 1;
        }
        context.out << "Removed " << cache.root().string() << " (" << describe(*removed) << ")\n";
        return 0;
    }
    if (action == "prune") {
        index::PruneOptions options;
        if (const auto days = arguments->value("older-than")) {
            long long value = -1;
            const auto [end, error] = std::from_chars(days->data(), days->data() + days->size(), value);
            if (error != std::errc() || end != days->data() + days->size() || value < 0) {
                context.err << "pindex cache prune: --older-than takes a number of days, not '" << *days
                            << "'\n";
                return 2;
            }
            options.staleAfterSeconds = value * 24 * 3600;
        }
        const auto report = index::pruneCache(cache, options);
        if (!report) {
            context.err << "pindex cache prune: " << report.error().describe() << '\n';
            return 1;
        }
        context.out << "Removed " << describe(report->removed) << "; kept " << describe(report->kept)
                    << " in " << cache.root().string() << '\n';
        return 0;
    }
    context.err << "pindex cache: unknown action '" << action << "'\n" << kUsage;
    return 2;
}

} // namespace pindex::app
