#include "core/auth/netrc_provider.h"

#include <system_error>

#include "core/auth/index_url.h"
#include "core/auth/netrc.h"

namespace pindex::auth {

std::filesystem::path defaultNetrcPath(const EnvironmentLookup& environment)
{
    if (auto netrc = environment("NETRC"); netrc && !netrc->empty())
        return *netrc;
    if (auto home = environment("HOME"); home && !home->empty())
        return std::filesystem::path(*home) / ".netrc";
    return {};
}

NetrcProvider::NetrcProvider(std::filesystem::path file)
    : m_file(std::move(file))
{}

Result<std::optional<ProvidedCredentials>> NetrcProvider::credentialsFor(const IndexIdentity& index)
{
    std::error_code error;
    if (m_file.empty() || !std::filesystem::exists(m_file, error))
        return std::nullopt;
    const auto netrc = Netrc::load(m_file);
    if (!netrc)
        return std::unexpected(netrc.error());
    const auto fromUrl = urlCredentials(index.url);
    auto found =
        netrc->find(urlHost(index.url), fromUrl ? std::string_view(fromUrl->username) : std::string_view());
    if (!found)
        return std::nullopt;
    return ProvidedCredentials{std::move(*found), CredentialSource::Netrc};
}

} // namespace pindex::auth
