#pragma once

// pindex::resolver::CachedIndexView: the same indexes as an IndexSet, seen through the HTTP cache
// alone (nothing sent), as a CandidateSource. It answers only the pages that must be revalidated:
// a fresh page counts as not cached, since the real source answers it from the cache at once. A warm
// resolution hands it to the resolver (ResolveOptions::cachedView): while the real source revalidates a page,
// fetching ahead reads the cached page at once, picks the likely candidate, reads its metadata from the cache
// (metadata files are immutable per URL and hash) and asks the real source for the next level's pages, so
// every page of the dependency graph is revalidated concurrently instead of level after level. The resolution
// itself only ever uses the real source's answers.
//
// Invariants: the clients it was made from outlive it; it sends no request and writes nothing.

#include <memory>
#include <span>
#include <vector>

#include "core/index/index_set.h"
#include "core/resolver/index_source.h"

namespace pindex::resolver {

class CachedIndexView
{
public:
    // `clients` in configuration order, with the strategy and pins of the real IndexSet. A client
    // without a cache has no cached view: source() is then null.
    CachedIndexView(std::span<index::IndexClient* const> clients, index::IndexStrategy strategy,
                    index::IndexPins pins);
    ~CachedIndexView();
    CachedIndexView(const CachedIndexView&) = delete;
    CachedIndexView& operator=(const CachedIndexView&) = delete;

    [[nodiscard]] CandidateSource* source() { return m_source.get(); }
    // How many cached pages the view has read (each page a client must revalidate; see
    // IndexClient::cacheOnlyTwin).
    [[nodiscard]] std::size_t pagesRead() const;
    // Stops the view's readers, leaving them parked (IndexSource::quiesce).
    void quiesce();

private:
    std::vector<std::unique_ptr<index::IndexClient>> m_clients;
    std::unique_ptr<index::IndexSet> m_set;
    std::unique_ptr<IndexSource> m_source;
};

} // namespace pindex::resolver
