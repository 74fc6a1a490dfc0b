#pragma once

// pindex::resolver::IndexSource: a CandidateSource over core/index's IndexSet, which applies the
// strategy, explicit indexes and pins. Every question (the candidates of one package, the metadata
// of one candidate) runs as its own task on a small pool of threads, so each answer is available as
// soon as its own requests are done: the resolver's streaming calls (requestCandidates,
// requestMetadata, takeCompleted) hand them over one by one, and the shared HttpClient keeps all
// transfers in flight on one connection pool. Blocking calls wait for a task already running for
// the same question instead of asking twice.
//
// Metadata comes from a wheel (preferably one with a PEP 658 file), else from the sdist: its PEP 658
// file, or its PKG-INFO when PEP 643 allows; otherwise fetchMetadata answers Unsupported with the
// reason a build would be needed, and the resolver skips the version.
//
// Invariants: each package's candidates are looked up at most once, each candidate's metadata at
// most once (failures are remembered and reported again); candidates carry index and file URLs
// without credentials; a version is yanked only when all its files are; a version several indexes
// serve comes from the earliest of them. A listing keeps the page's files as they are and builds a
// version's Distributions (masked URL, hash, wheel tag) only when Candidate::loadFiles asks, so a
// page of thousands of files costs little more than reading it. The destructor cancels what is
// still running and waits. quiesce() cancels and waits too, but leaves the workers parked instead of
// ending them: a process about to exit then need not pay for ending dozens of threads.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/index/index_set.h"
#include "core/resolver/candidate_source.h"
#include "core/util/blocking.h"

namespace pindex::resolver {

class IndexSource
    : public CandidateSource
    , private util::BlockingObserver
{
public:
    // `indexes` outlives the source; at most `parallelism` questions run at once. Workers start as
    // questions come, but no more than the cores are kept busy: another starts only while some wait
    // for the network (util::BlockingScope), so questions the cache answers run on a few threads.
    explicit IndexSource(index::IndexSet& indexes, std::stop_token stop = {}, std::size_t parallelism = 32);
    ~IndexSource() override;
    IndexSource(const IndexSource&) = delete;
    IndexSource& operator=(const IndexSource&) = delete;

    [[nodiscard]] Result<PackageCandidates> listCandidates(const std::string& name) override;
    [[nodiscard]] Result<CandidateMetadata> fetchMetadata(const std::string& name,
                                                          const Candidate& candidate) override;
    void prefetchCandidates(std::span<const std::string> names) override;
    void prefetchMetadata(std::span<const MetadataRequest> requests) override;
    void requestCandidates(std::span<const std::string> names) override;
    void requestMetadata(std::span<const MetadataRequest> requests) override;
    [[nodiscard]] std::vector<Completion> takeCompleted() override;

    // How many worker threads have started so far.
    [[nodiscard]] std::size_t workersStarted() const;

    // Cancels what is running, drops what waits and returns once every worker is idle; every
    // question not answered by then, or asked later, is answered with a Cancelled error. The
    // workers stay, parked (the destructor ends them), so a process that exits right after need
    // not destroy the source.
    void quiesce();

private:
    using CandidateKey = std::tuple<std::string, std::string, std::string>; // name, version, index
    struct Listing
    {
        bool done = false;
        bool streamed = false; // hand a Completion over when done
        bool taken = false;    // listCandidates() has moved `result` out
        std::optional<Result<PackageCandidates>> result;
    };
    struct MetadataState
    {
        bool done = false;
        bool streamed = false;
        const Candidate* candidate = nullptr; // of the streamed request
        std::optional<Result<CandidateMetadata>> result;
    };

    // Starts the lookup of `name` unless it ran or runs; the caller holds m_mutex.
    void startListing(const std::string& name, bool streamed);
    void startMetadata(const std::string& name, const Candidate& candidate, bool streamed);
    // After quiesce(): answers every question not answered yet with a Cancelled error; the caller
    // holds m_mutex.
    void cancelUnanswered();
    void post(std::function<void()> task);
    void work();
    // Under m_taskMutex: whether a new worker should start now.
    [[nodiscard]] bool shouldSpawn() const;
    // Starts a worker when shouldSpawn() says so; `lock` holds m_taskMutex, and holds it again on
    // return (it is released while the thread starts). Returns whether a worker started.
    bool spawnIfWanted(std::unique_lock<std::mutex>& lock);
    void blockingBegins() override;
    void blockingEnds() override;
    [[nodiscard]] Result<CandidateMetadata> readMetadata(const CandidateKey& key, std::uint32_t slot);

    // A package's files from its listing, grouped by candidate (one slot per version); its
    // candidates' wheels and sdist are built from it on demand.
    class PackageFiles;
    // The candidates of a listing, each version's yanked state and requires-python worked out, its
    // files moved into `files` (deferred).
    [[nodiscard]] PackageCandidates toCandidates(index::CandidateSet& found,
                                                 std::shared_ptr<const PackageFiles>& files) const;

    index::IndexSet& m_indexes;
    std::stop_source m_stopSource;
    std::stop_callback<std::function<void()>> m_forwardStop;
    std::size_t m_parallelism;

    std::mutex m_mutex;
    std::condition_variable m_changed; // a listing or metadata finished
    std::map<std::string, Listing> m_listings;
    std::map<CandidateKey, MetadataState> m_metadata;
    // The files of each package's candidates, from its listing.
    std::map<std::string, std::shared_ptr<const PackageFiles>> m_files;
    std::vector<Completion> m_completed;
    std::size_t m_outstanding = 0; // streamed answers not yet taken

    mutable std::mutex m_taskMutex;
    std::condition_variable m_taskReady;
    std::deque<std::function<void()>> m_tasks;
    std::condition_variable m_spawned; // a worker spawnIfWanted() started is in m_workers
    std::size_t m_cpuWorkers;          // workers kept on the CPU at most: the cores
    std::size_t m_idleWorkers = 0;
    std::size_t m_blockedWorkers = 0; // inside a BlockingScope (waiting for the network)
    std::size_t m_starting = 0;       // workers spawnIfWanted() is starting, not yet in m_workers
    bool m_stopping = false;
    std::atomic<bool> m_quiesced = false; // no task is queued or taken any more
    std::condition_variable m_idle;       // a worker became idle (wanted by quiesce())
    std::vector<std::thread> m_workers;
};

} // namespace pindex::resolver
