#pragma once

// The keychain module (pindex-keychain.so): QtCore, QtDBus and QtKeychain behind one entry point,
// so that the pindex executable maps them only when a command actually talks to the OS keychain
// (app/keychain.h opens the module by path on that first call). No Qt in this header: the
// executable includes it.
//
// Both sides are built from this tree by the same compiler against the same standard library, so
// the entry point takes C++ types; its name carries a version to change whenever they change.

#include <functional>

#include "core/auth/credential_store.h"

namespace pindex::ui {

// Work done in the keychain's event loop: it gets the keychain store and `finish(exitCode)`,
// callable from any thread, which ends the loop.
using KeychainWork = std::function<void(auth::CredentialStore& store, std::function<void(int)> finish)>;

// The entry point's symbol name, for dlsym.
inline constexpr const char* kKeychainEntryPoint = "pindex_keychain_run_v1";

} // namespace pindex::ui

extern "C" {

// Runs `work` in a Qt event loop of the module's own (ui/keychain/headless_keychain.h) with the OS
// keychain store, on the calling thread, which becomes Qt's main thread; returns the code given to
// `finish`. Called at most once per process.
int pindex_keychain_run_v1(const pindex::ui::KeychainWork& work);

} // extern "C"
