#pragma once

// Credentials from a netrc file, matched by the index URL's host (and by its username when the
// URL carries one). The file is `NETRC` when that variable is set, else ~/.netrc; it is read on
// every call, so edits take effect at once. A missing file means "nothing here", not an error; a
// malformed one is an error naming file:line:column.

#include <filesystem>

#include "core/auth/credential_provider.h"
#include "core/auth/environment_provider.h"

namespace pindex::auth {

// $NETRC, else $HOME/.netrc; empty when neither can be determined.
[[nodiscard]] std::filesystem::path defaultNetrcPath(const EnvironmentLookup& environment);

class NetrcProvider final : public CredentialProvider
{
public:
    explicit NetrcProvider(std::filesystem::path file);

    [[nodiscard]] Result<std::optional<ProvidedCredentials>>
    credentialsFor(const IndexIdentity& index) override;
    [[nodiscard]] const std::filesystem::path& file() const { return m_file; }

private:
    std::filesystem::path m_file;
};

} // namespace pindex::auth
