#include "core/auth/auth_error.h"

#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/auth/index_url.h"

namespace pindex::auth {

Error unauthorizedError(const IndexIdentity& index, int httpStatus, CredentialSource source)
{
    const std::string masked = maskUrlCredentials(index.url);
    const std::string label =
        index.name.empty() ? "the index at " + masked : "index '" + index.name + "' (" + masked + ")";
    std::string message;
    if (source == CredentialSource::None)
        message = label + " requires credentials and none were found";
    else
        message = label + " rejected the credentials from " + std::string(describeSource(source));
    if (httpStatus != 0)
        message += " (HTTP " + std::to_string(httpStatus) + ")";
    Error error = makeError(ErrorCode::Unauthorized, message);
    error.indexName = index.name;
    error.url = masked;
    error.httpStatus = httpStatus;
    const std::string target = index.name.empty() ? stripUrlCredentials(index.url) : index.name;
    error.hint = "run `pindex auth login " + target + " --username USER --password -`";
    if (const auto names = environmentVariableNames(index.name); !names.username.empty())
        error.hint += ", or set " + names.username + " and " + names.password;
    return error;
}

} // namespace pindex::auth
