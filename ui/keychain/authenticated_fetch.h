#pragma once

// One authenticated GET against an index, the way long operations use the credential chain from
// the UI: the chain and the request run on the thread pool; a 401/403 opens the credential prompt
// on the UI thread, and once the user saved working credentials the request runs again with them.
// `done` runs on the UI thread (dropped if `context` died); an unresolved 401/403 comes back as
// the error that names the index.

#include <functional>
#include <memory>

#include "core/auth/credential_provider.h"
#include "core/index/http_client.h"

class QObject;

namespace pindex::ui {

class CredentialPrompt;

void fetchWithCredentials(QObject* context, std::shared_ptr<auth::CredentialProvider> chain,
                          CredentialPrompt* prompt, auth::IndexIdentity index, std::string url,
                          std::function<void(Result<index::HttpResponse>)> done);

} // namespace pindex::ui
