#pragma once

// pindex::resolver::IndexSource: a CandidateSource over core/index's IndexSet, which applies the
// strategy, explicit indexes and pins. Every question (the candidates of one package, the metadata
// of one candidate) runs as its own task, on a fiber of a small pool, so each answer is available as
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
// still running and waits. quiesce() cancels and waits too, but leaves the pool's threads parked
// instead of ending them: a process about to exit then need not pay for ending them.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <tuple>
#include <vector>

#include "core/index/index_set.h"
#include "core/resolver/candidate_source.h"
#include "core/util/fiber_pool.h"

namespace pindex::resolver {

class IndexSource : public CandidateSource
{
public:
    // `indexes` outlives the source; at most `parallelism` questions run at once, each on a fiber
    // of a util::FiberPool: a question waiting for the network parks its fiber, so all of them run
    // on as many threads as there are cores (another starts only while one is blocked otherwise,
    // in a util::BlockingScope).
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
    [[nodiscard]] std::vector<Completion> pollCompleted() override;

    // How many worker threads have started so far.
    [[nodiscard]] std::size_t workersStarted() const;

    // Cancels what is running, drops what waits and returns once every running question has
    // ended; every question not answered by then, or asked later, is answered with a Cancelled
    // error. The threads stay, parked (the destructor ends them), so a process that exits right
    // after need not destroy the source.
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

    std::mutex m_mutex;
    std::condition_variable m_changed; // a listing or metadata finished
    std::map<std::string, Listing> m_listings;
    std::map<CandidateKey, MetadataState> m_metadata;
    // The files of each package's candidates, from its listing.
    std::map<std::string, std::shared_ptr<const PackageFiles>> m_files;
    std::vector<Completion> m_completed;
    std::size_t m_outstanding = 0; // streamed answers not yet taken

    std::atomic<bool> m_quiesced = false; // quiesce() was called: no question starts any more
    // Last: destroyed first, it waits for the questions still running, which use the members above.
    util::FiberPool m_pool;
};

} // namespace pindex::resolver
