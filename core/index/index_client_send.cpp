// IndexClient's requests (see index_client.h): credentials looked up once, sent eagerly or after a
// 401 as the authenticate mode says, and the errors a refused request gives.

#include <algorithm>
#include <cctype>

#include "core/index/index_client.h"
#include "core/index/url.h"

namespace pindex::index {

namespace {

std::string environmentName(std::string_view indexName)
{
    std::string result;
    for (const char c : indexName)
        result += std::isalnum(static_cast<unsigned char>(c)) != 0
                      ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                      : '_';
    return result;
}

// The index answered 401 and its credentials could not be looked up: say both (a keychain that is
// not running names what to start).
Error credentialsUnavailable(Error error)
{
    error.code = ErrorCode::Unauthorized;
    error.httpStatus = 401;
    error.message =
        "the index requires authentication (HTTP 401) and its credentials could not be looked up: " +
        error.message;
    return error;
}

} // namespace

Result<std::optional<auth::ProvidedCredentials>> IndexClient::lookUpCredentials()
{
    std::lock_guard lock(m_mutex);
    if (m_credentialsLooked) {
        if (m_credentialsFailure)
            return std::unexpected(*m_credentialsFailure);
        return m_credentials;
    }
    m_credentialsLooked = true;
    if (m_urlCredentials) {
        m_credentials = auth::ProvidedCredentials{*m_urlCredentials, auth::CredentialSource::Url};
    } else if (m_services.credentials != nullptr) {
        // Asked once: a keychain that cannot be reached is not asked again for every request.
        auto provided = m_services.credentials->credentialsFor({m_config.name, m_config.url});
        if (!provided) {
            m_credentialsFailure = indexError(provided.error());
            return std::unexpected(*m_credentialsFailure);
        }
        m_credentials = std::move(*provided);
    }
    return m_credentials;
}

std::vector<Result<HttpResponse>> IndexClient::send(std::vector<HttpRequest> requests, std::stop_token stop,
                                                    const HttpProgressCallback& progress)
{
    std::vector<Result<HttpResponse>> results;
    const auto failAll = [&](const Error& error) {
        results.assign(requests.size(), std::unexpected(error));
        return results;
    };
    if (auto valid = configurationError(); !valid)
        return failAll(valid.error());
    if (m_services.offline)
        return failAll(
            indexError(makeError(ErrorCode::Network, "offline mode: the answer is not in the cache")));

    bool eager = false;
    bool challengedBefore = false; // an earlier request of this client was answered 401
    {
        std::lock_guard lock(m_mutex);
        challengedBefore = m_config.authenticate == AuthenticateMode::Auto && m_authRequired;
        eager = m_config.authenticate == AuthenticateMode::Always ||
                (m_config.authenticate == AuthenticateMode::Auto && (m_urlCredentials || m_authRequired));
    }
    if (eager) {
        auto credentials = lookUpCredentials();
        if (!credentials) {
            // Whichever request asks first, the error says the same: that the index asked for
            // credentials, if it did, and why none could be found.
            return failAll(challengedBefore ? credentialsUnavailable(credentials.error())
                                            : credentials.error());
        }
        if (!*credentials && m_config.authenticate == AuthenticateMode::Always) {
            Error error = makeError(ErrorCode::Unauthorized, "the index requires credentials (authenticate = "
                                                             "\"always\") but none are configured");
            error.hint = "set UV_INDEX_" + environmentName(m_config.name) + "_USERNAME and UV_INDEX_" +
                         environmentName(m_config.name) +
                         "_PASSWORD, or store them with `pindex auth login " + m_config.name + "`";
            return failAll(indexError(std::move(error)));
        }
        if (*credentials) {
            for (auto& request : requests) {
                if (urlOrigin(request.url) == m_origin)
                    request.credentials = (*credentials)->credentials;
            }
        }
    }

    results = m_services.http->getAll(requests, stop, progress);
    std::size_t attempts = 0;
    for (const auto& result : results)
        attempts += result ? static_cast<std::size_t>(result->attempts) : 1;

    // authenticate = auto: repeat the requests the server challenged, now with credentials.
    std::vector<std::size_t> challenged;
    if (m_config.authenticate == AuthenticateMode::Auto) {
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (results[i] && results[i]->status == 401 && !requests[i].credentials &&
                urlOrigin(requests[i].url) == m_origin)
                challenged.push_back(i);
        }
    }
    bool sentCredentials =
        std::ranges::any_of(requests, [](const auto& r) { return r.credentials.has_value(); });
    if (!challenged.empty()) {
        auto credentials = lookUpCredentials();
        if (credentials && *credentials) {
            std::vector<HttpRequest> again;
            for (const std::size_t i : challenged) {
                again.push_back(requests[i]);
                again.back().credentials = (*credentials)->credentials;
            }
            auto repeated = m_services.http->getAll(again, stop, progress);
            for (std::size_t k = 0; k < challenged.size(); ++k) {
                attempts += repeated[k] ? static_cast<std::size_t>(repeated[k]->attempts) : 1;
                results[challenged[k]] = std::move(repeated[k]);
            }
            sentCredentials = true;
        } else if (!credentials) {
            const Error error = credentialsUnavailable(credentials.error());
            for (const std::size_t i : challenged)
                results[i] = std::unexpected(error);
        }
    }

    std::lock_guard lock(m_mutex);
    m_stats.requests += attempts;
    if (!challenged.empty()) {
        m_observation.challenged = true;
        m_authRequired = true;
    }
    if (sentCredentials) {
        m_observation.credentialsSent = true;
        if (m_credentials)
            m_observation.source = m_credentials->source;
    }
    return results;
}

Error IndexClient::statusError(const HttpResponse& response, std::string_view what,
                               std::string_view url) const
{
    Error error;
    const auto status = response.status;
    if (status == 401) {
        bool hadCredentials = false;
        {
            std::lock_guard lock(m_mutex);
            hadCredentials = m_observation.credentialsSent || m_credentials.has_value();
        }
        error = makeError(ErrorCode::Unauthorized,
                          hadCredentials ? "the index rejected the credentials for " + std::string(what)
                                         : "the index requires authentication for " + std::string(what) +
                                               " and no credentials are configured");
        error.hint = "check UV_INDEX_" + environmentName(m_config.name) +
                     "_USERNAME / _PASSWORD, netrc, or `pindex "
                     "auth login " +
                     m_config.name + "`";
    } else if (status == 403) {
        error = makeError(ErrorCode::Unauthorized,
                          "the index refused access to " + std::string(what) + " (HTTP 403)");
    } else {
        error = makeError(ErrorCode::Http,
                          "the index answered HTTP " + std::to_string(status) + " for " + std::string(what));
    }
    error.httpStatus = static_cast<int>(status);
    error.url = maskUrlCredentials(url);
    error.attempt = response.attempts;
    return indexError(std::move(error));
}

AuthObservation IndexClient::authObservation() const
{
    std::lock_guard lock(m_mutex);
    return m_observation;
}

} // namespace pindex::index
