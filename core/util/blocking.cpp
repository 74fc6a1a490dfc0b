#include "core/util/blocking.h"

namespace pindex::util {

namespace {

thread_local BlockingObserver* t_observer = nullptr;
thread_local int t_depth = 0;

} // namespace

void setBlockingObserver(BlockingObserver* observer)
{
    t_observer = observer;
}

BlockingScope::BlockingScope()
    : m_observer(t_depth++ == 0 ? t_observer : nullptr)
{
    if (m_observer != nullptr)
        m_observer->blockingBegins();
}

BlockingScope::~BlockingScope()
{
    --t_depth;
    if (m_observer != nullptr)
        m_observer->blockingEnds();
}

} // namespace pindex::util
