#include "core/index/simple_api.h"

namespace pindex::index {

std::optional<std::string> DistributionFile::sha256() const
{
    const auto found = hashes.find("sha256");
    if (found == hashes.end())
        return std::nullopt;
    return found->second;
}

bool DistributionFile::isWheel() const
{
    return filename.ends_with(".whl");
}

} // namespace pindex::index
