#pragma once

// Where an index's credentials come from, found without blocking anyone: the URL, uv's
// environment variables and netrc are read on a worker; the session store and the OS keychain are
// asked asynchronously from the UI thread (their answers arrive there), so no worker ever waits for
// a keychain object that may be gone by then. Also runs a connection test on a worker with the
// credentials found (core's index::testConnection, the logic of `pindex index test`).

#include <filesystem>
#include <functional>
#include <optional>

#include <QObject>

#include "core/auth/credential_provider.h"
#include "core/index/connection_test.h"
#include "core/project/pyproject.h"
#include "ui/dialogs/credentials_dialog.h"

namespace pindex::ui {

using FoundCredentials = std::optional<auth::ProvidedCredentials>;

// `done` runs on the UI thread unless `context` died first.
void findCredentials(QObject* context, CredentialsDialog::Stores stores, const auth::IndexIdentity& index,
                     std::function<void(FoundCredentials)> done);

// Tests `config` with `credentials` (from findCredentials, or just entered) on a worker.
void testIndexConnection(QObject* context, const index::IndexConfig& config, FoundCredentials credentials,
                         std::function<void(const index::ConnectionReport&)> done);

} // namespace pindex::ui
