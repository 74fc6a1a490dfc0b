// pindex-bench-resolve: the engine of `pindex lock` without the command line around it, for the
// resolver benchmark (run_resolve_bench.sh): one Simple API index, the disk cache, IndexSource,
// resolve() for an explicit target, and the pylock.toml text written atomically. It skips what the
// command adds (reading pyproject.toml and uv.toml, the credential chain, loading the Qt libraries
// the pindex executable links), so start-up is a few milliseconds.
//
// Usage: pindex-bench-resolve --index URL --cache DIR --out FILE [--python 3.11]
//                             [--platform linux-x86_64] [--no-cached-view] REQUIREMENT...
// --no-cached-view: fetching ahead does not follow the cached pages (see CachedIndexView), for
// measuring what that saves.
// Prints "Locked N packages in T ms" like `pindex lock`; exit 2 on any error.

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/index/http_cache.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/lock/pylock_writer.h"
#include "core/resolver/cached_index_view.h"
#include "core/resolver/index_source.h"
#include "core/resolver/resolver.h"
#include "core/resolver/target_environment.h"
#include "core/util/file_io.h"
#include "core/util/process_exit.h"
#include "core/util/process_heap.h"

namespace {

int usage()
{
    std::cerr << "usage: pindex-bench-resolve --index URL --cache DIR --out FILE [--python V] "
                 "[--platform P] [--no-cached-view] REQUIREMENT...\n";
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    using namespace pindex;
    const auto started = std::chrono::steady_clock::now();
    // The heap `pindex lock` prepares (app/command_lock.cpp): one arena, kept whole, small pages.
    util::reserveProcessHeap({.bytes = 64u << 20, .populate = false, .oneArena = true});
    std::string indexUrl;
    std::string cacheDirectory;
    std::string out;
    std::string python = "3.11";
    std::string platform = "linux-x86_64";
    std::vector<resolver::Dependency> requirements;
    bool cachedView = true;
    const std::vector<std::string_view> arguments(argv + 1, argv + argc);
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const auto argument = arguments[i];
        if (argument == "--no-cached-view") {
            cachedView = false;
            continue;
        }
        const bool valued = argument == "--index" || argument == "--cache" || argument == "--out" ||
                            argument == "--python" || argument == "--platform";
        if (valued) {
            if (i + 1 >= arguments.size()) {
                return usage();
            }
            const std::string value(arguments[++i]);
            (argument == "--index"    ? indexUrl
             : argument == "--cache"  ? cacheDirectory
             : argument == "--out"    ? out
             : argument == "--python" ? python
                                      : platform) = value;
            continue;
        }
        auto dependency = resolver::Dependency::parse(argument);
        if (!dependency) {
            std::cerr << dependency.error().describe() << '\n';
            return 2;
        }
        requirements.push_back(std::move(*dependency));
    }
    if (indexUrl.empty() || cacheDirectory.empty() || out.empty() || requirements.empty()) {
        return usage();
    }
    auto target = resolver::TargetEnvironment::make(python, platform);
    if (!target) {
        std::cerr << target.error().describe() << '\n';
        return 2;
    }

    // Held as `pindex lock` holds them: left to the kernel at the end (util::finishProcess).
    auto http = std::make_shared<index::HttpClient>();
    auto cache =
        std::make_shared<index::HttpCache>(cacheDirectory, index::HttpCacheOptions{.backgroundWrites = true});
    const index::IndexServices services{
        .http = http.get(), .cache = cache.get(), .credentials = nullptr, .offline = false};
    auto client = std::make_shared<index::IndexClient>(
        index::IndexConfig{.name = "local", .url = indexUrl, .isDefault = true}, services);
    auto indexes = std::make_shared<index::IndexSet>(std::vector<index::IndexClient*>{client.get()},
                                                     index::IndexStrategy::FirstIndex, index::IndexPins{});
    auto source = std::make_shared<resolver::IndexSource>(*indexes, std::stop_token{},
                                                          http->options().maxConcurrentTransfers);
    index::IndexClient* const clients[] = {client.get()};
    auto view = std::make_shared<resolver::CachedIndexView>(clients, index::IndexStrategy::FirstIndex,
                                                            index::IndexPins{});
    resolver::ResolveOptions options{.requirements = std::move(requirements), .environment = *target};
    if (cachedView)
        options.cachedView = view->source();
    auto resolution = resolver::resolve(*source, options);
    if (!resolution) {
        std::cerr << resolution.error().describe() << '\n';
        return 2;
    }
    const auto snapshot = lock::snapshotFromResolution(
        *resolution, {.requiresPython = ">=" + python, .environments = {}, .createdBy = "pindex"});
    if (auto written = writeFileAtomic(out, lock::formatPylock(snapshot)); !written) {
        std::cerr << written.error().describe() << '\n';
        return 2;
    }
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    const auto& statistics = resolution->statistics;
    std::cout << "Resolved in " << statistics.elapsed.count() / 1000 << " ms (waiting for answers "
              << statistics.waiting.count() / 1000 << " ms, " << statistics.decisions << " decisions, "
              << statistics.conflicts << " conflicts; " << client->stats().requests << " requests)\n";
    std::cout << "Locked " << resolution->packages.size() << " packages in " << elapsed.count() << " ms\n";
    // As lockProject settles a session it keeps: nothing running, every cache write on disk.
    view->quiesce();
    source->quiesce();
    cache->flush();
    for (std::shared_ptr<void> object :
         {std::shared_ptr<void>(http), std::shared_ptr<void>(cache), std::shared_ptr<void>(client),
          std::shared_ptr<void>(indexes), std::shared_ptr<void>(source), std::shared_ptr<void>(view)})
        util::leaveForExit(std::move(object));
    return util::finishProcess(0);
}
