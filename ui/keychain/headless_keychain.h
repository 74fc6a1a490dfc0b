#pragma once

// The keychain for a headless command (`pindex auth`, `pindex keyring`, `pindex lock`, `pindex
// index test`): QtKeychain's jobs need a Qt event loop, so the command runs one of its own for as
// long as its work lasts. This is a command's main loop, not a nested loop inside a UI: never call
// these from the window.

#include <functional>

#include "ui/keychain/keychain_store.h"

namespace pindex::ui {

// Creates a QCoreApplication when none exists, starts `work` from the event loop with the
// keychain store and a `finish(exitCode)` callback (callable from any thread), and returns the
// exit code once `finish` was called.
int runHeadlessKeychain(
    const std::function<void(KeychainStore& store, std::function<void(int)> finish)>& work);

// Runs a synchronous command body on a worker thread while this (the main) thread serves the
// keychain's event loop, and returns the body's exit code. The body may hand `keychain` to a
// credential chain (auth::StoreProvider waits for the keychain's answers on the worker). The
// keychain is only contacted when the chain reaches it, so a command that needs no stored secret
// never touches D-Bus; when no keychain service runs, lookups fail with an error that says what
// to start, and nothing falls back to plain-text storage.
int runWithKeychain(const std::function<int(auth::CredentialStore& keychain)>& body);

} // namespace pindex::ui
