#include "core/resolver/cached_index_view.h"

namespace pindex::resolver {

namespace {

// Reading the cache is quick: a few threads parse pages while the resolver reads metadata.
constexpr std::size_t kCacheReaders = 4;

} // namespace

CachedIndexView::CachedIndexView(std::span<index::IndexClient* const> clients, index::IndexStrategy strategy,
                                 index::IndexPins pins)
{
    std::vector<index::IndexClient*> twins;
    for (const auto* client : clients) {
        auto twin = client->cacheOnlyTwin();
        if (!twin) {
            return;
        }
        twins.push_back(twin.get());
        m_clients.push_back(std::move(twin));
    }
    m_set = std::make_unique<index::IndexSet>(std::move(twins), strategy, std::move(pins));
    m_source = std::make_unique<IndexSource>(*m_set, std::stop_token{}, kCacheReaders);
}

std::size_t CachedIndexView::pagesRead() const
{
    std::size_t pages = 0;
    for (const auto& client : m_clients) {
        pages += client->stats().pagesFromCache;
    }
    return pages;
}

void CachedIndexView::quiesce()
{
    if (m_source) {
        m_source->quiesce();
    }
}

CachedIndexView::~CachedIndexView()
{
    m_source.reset(); // its workers use the set and the clients
}

} // namespace pindex::resolver
