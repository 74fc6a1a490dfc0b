#pragma once

// Runs a core job that talks to indexes with an authentication retry loop, for any UI code (a
// connection test, a lock run, a sync): the job runs on the thread pool with a credential
// provider; when it fails because an index answered 401/403 and the provider had no working
// credentials for it, the credentials dialog opens by itself (through CredentialPrompt, on the UI
// thread, never blocking it) and, once the user saved, the job runs again with the saved
// credentials answered first. Cancelling the dialog ends the loop with the job's error, which
// names the index and never the secret. `done` runs on the UI thread, dropped when `context`
// died.
//
//   ui::runWithCredentialRetry<MyResult>(this, prompt, chain, indexes,
//       [config](auth::CredentialProvider& credentials) { return myCoreJob(config, credentials); },
//       [this](Result<MyResult> result) { show(result); });
//
// The job must build its index clients from the provider it is given on every run (IndexClient
// caches credentials per client), and must report an unresolved 401/403 as an
// ErrorCode::Unauthorized error carrying the index name (IndexClient's errors do).

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <QObject>
#include <QPointer>

#include "core/auth/credential_provider.h"
#include "core/index/connection_test.h"
#include "ui/background.h"
#include "ui/keychain/credential_prompt.h"

namespace pindex::ui {

// The credentials the user just saved, answered before the rest of the chain. Thread-safe.
class SavedCredentialsProvider final : public auth::CredentialProvider
{
public:
    explicit SavedCredentialsProvider(std::shared_ptr<auth::CredentialProvider> fallback);

    void set(const auth::IndexIdentity& index, const auth::Credentials& credentials);

    [[nodiscard]] Result<std::optional<auth::ProvidedCredentials>>
    credentialsFor(const auth::IndexIdentity& index) override;

private:
    std::shared_ptr<auth::CredentialProvider> m_fallback;
    std::mutex m_mutex;
    std::map<std::string, auth::Credentials> m_saved; // by normalised index URL
};

// The index (out of `indexes`) whose refusal `error` reports, when the error is a 401/403 that
// credentials could fix.
[[nodiscard]] std::optional<auth::IndexIdentity>
indexNeedingCredentials(const Error& error, const std::vector<auth::IndexIdentity>& indexes);

namespace detail {

template <typename T>
struct RetryState
{
    QPointer<QObject> context;
    QPointer<CredentialPrompt> prompt;
    std::shared_ptr<SavedCredentialsProvider> credentials;
    std::vector<auth::IndexIdentity> indexes;
    std::function<Result<T>(auth::CredentialProvider&)> job;
    std::function<void(Result<T>)> done;
    int promptsLeft = 3;
};

template <typename T>
void attemptWithCredentials(const std::shared_ptr<RetryState<T>>& state)
{
    if (state->context.isNull())
        return;
    runInBackground(
        state->context.data(), [state] { return state->job(*state->credentials); },
        [state](const Result<T>& result) {
            std::optional<auth::IndexIdentity> index;
            if (!result)
                index = indexNeedingCredentials(result.error(), state->indexes);
            if (!index || state->prompt.isNull() || state->promptsLeft <= 0) {
                state->done(result);
                return;
            }
            --state->promptsLeft;
            state->prompt->requestCredentials(
                *index, result.error().httpStatus,
                [state, index = *index, result](std::optional<auth::Credentials> saved) {
                    if (state->context.isNull())
                        return;
                    if (!saved) {
                        state->done(result); // cancelled: the refusal, naming the index
                        return;
                    }
                    state->credentials->set(index, *saved);
                    attemptWithCredentials(state); // the operation resumes
                });
        });
}

} // namespace detail

template <typename T>
void runWithCredentialRetry(QObject* context, CredentialPrompt* prompt,
                            std::shared_ptr<auth::CredentialProvider> chain,
                            std::vector<auth::IndexIdentity> indexes,
                            std::function<Result<T>(auth::CredentialProvider& credentials)> job,
                            std::function<void(Result<T>)> done, int maxPrompts = 3)
{
    auto state = std::make_shared<detail::RetryState<T>>();
    state->context = context;
    state->prompt = prompt;
    state->credentials = std::make_shared<SavedCredentialsProvider>(std::move(chain));
    state->indexes = std::move(indexes);
    state->job = std::move(job);
    state->done = std::move(done);
    state->promptsLeft = maxPrompts;
    detail::attemptWithCredentials(state);
}

// The connection test of one index (core/index/connection_test.h) with the retry loop: an index
// that asks for credentials nobody provided (or rejects them) opens the dialog, and the test runs
// again after the save. The result is the report of the last run, or the 401/403 error when the
// user cancelled.
void testConnectionWithCredentials(QObject* context, CredentialPrompt* prompt,
                                   std::shared_ptr<auth::CredentialProvider> chain, index::IndexConfig config,
                                   std::function<void(Result<index::ConnectionReport>)> done);

} // namespace pindex::ui
