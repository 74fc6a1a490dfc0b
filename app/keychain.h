#pragma once

// The OS keychain for headless commands, loaded only when it is needed. QtCore, QtDBus and
// QtKeychain (with glib, ICU and D-Bus below them) live in the keychain module
// (ui/keychain/keychain_module.h), which these functions open by path (app/private_files.h):
// a `pindex sync` or `pindex lock` whose credentials come from the URL, the environment or netrc,
// or that needs none, maps no Qt library at all.
//
// The keychain's semantics are the module's: when no keychain service runs, a lookup fails with an
// error that says what to start, and nothing falls back to plain-text storage. When the module
// itself cannot be loaded (a broken installation), every keychain call fails with an error naming
// the file, and the command goes on as it would with an unreachable keychain.

#include <functional>

#include "core/auth/credential_store.h"
#include "ui/keychain/keychain_module.h"

namespace pindex::app {

// For commands that always use the keychain (`pindex auth login|logout`, `pindex keyring`): loads
// the module at once and runs `work` in its event loop with the keychain store; `finish(code)`
// (from any thread) ends the loop and becomes the return value.
int runHeadlessKeychain(const ui::KeychainWork& work);

// For commands whose credential chain may reach the keychain (`pindex lock`, `pindex sync`,
// `pindex index test`, `pindex auth status`): runs `body` on a worker thread with a keychain store
// that loads the module on its first call, then serves the keychain's event loop on this (the
// main) thread until `body` returns; returns `body`'s code. No call, no module.
int runWithKeychain(const std::function<int(auth::CredentialStore& keychain)>& body);

} // namespace pindex::app
