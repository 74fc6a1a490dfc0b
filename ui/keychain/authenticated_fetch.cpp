#include "ui/keychain/authenticated_fetch.h"

#include <QPointer>

#include "core/auth/auth_error.h"
#include "ui/background.h"
#include "ui/keychain/credential_prompt.h"

namespace pindex::ui {
namespace {

struct Attempt
{
    Result<index::HttpResponse> response;
    auth::CredentialSource source = auth::CredentialSource::None;
};

Attempt fetchOnce(const std::shared_ptr<auth::CredentialProvider>& chain, const auth::IndexIdentity& index,
                  const std::string& url, const std::optional<auth::Credentials>& explicitCredentials)
{
    index::HttpRequest request{.url = url};
    Attempt attempt{std::unexpected(makeError(ErrorCode::Internal, "no request made")),
                    auth::CredentialSource::None};
    if (explicitCredentials) {
        request.credentials = explicitCredentials;
        attempt.source = auth::CredentialSource::Session;
    } else if (chain) {
        auto provided = chain->credentialsFor(index);
        if (!provided) {
            attempt.response = std::unexpected(provided.error());
            return attempt;
        }
        if (provided->has_value()) {
            request.credentials = (*provided)->credentials;
            attempt.source = (*provided)->source;
        }
    }
    index::HttpClient client;
    attempt.response = client.get(request);
    return attempt;
}

bool refused(const Attempt& attempt)
{
    return attempt.response && (attempt.response->status == 401 || attempt.response->status == 403);
}

} // namespace

void fetchWithCredentials(QObject* context, std::shared_ptr<auth::CredentialProvider> chain,
                          CredentialPrompt* prompt, auth::IndexIdentity index, std::string url,
                          std::function<void(Result<index::HttpResponse>)> done)
{
    QPointer<CredentialPrompt> guardedPrompt(prompt);
    runInBackground(
        context, [chain, index, url] { return fetchOnce(chain, index, url, std::nullopt); },
        [context, chain, guardedPrompt, index, url, done](const Attempt& attempt) {
            if (!refused(attempt) || guardedPrompt.isNull()) {
                if (refused(attempt))
                    done(std::unexpected(auth::unauthorizedError(
                        index, static_cast<int>(attempt.response->status), attempt.source)));
                else
                    done(attempt.response);
                return;
            }
            const int status = static_cast<int>(attempt.response->status);
            QPointer<QObject> guardedContext(context);
            guardedPrompt->requestCredentials(
                index, status,
                [guardedContext, chain, index, url, done,
                 status](std::optional<auth::Credentials> credentials) {
                    if (guardedContext.isNull())
                        return;
                    if (!credentials) {
                        done(std::unexpected(
                            auth::unauthorizedError(index, status, auth::CredentialSource::None)));
                        return;
                    }
                    // The operation resumes with what the user just saved.
                    runInBackground(
                        guardedContext.data(),
                        [chain, index, url, credentials] {
                            return fetchOnce(chain, index, url, credentials);
                        },
                        [index, done](const Attempt& retried) {
                            if (refused(retried))
                                done(std::unexpected(auth::unauthorizedError(
                                    index, static_cast<int>(retried.response->status), retried.source)));
                            else
                                done(retried.response);
                        });
                });
        });
}

} // namespace pindex::ui
