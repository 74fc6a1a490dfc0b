#pragma once

// The keychain for a headless command (`pindex auth`, `pindex keyring`): QtKeychain's jobs need a
// Qt event loop, so the command runs one of its own for as long as its keychain work lasts. This
// is a command's main loop, not a nested loop inside a UI: never call it from the window.

#include <functional>

#include "ui/keychain/keychain_store.h"

namespace pindex::ui {

// Creates a QCoreApplication when none exists, starts `work` from the event loop with the
// keychain store and a `finish(exitCode)` callback (callable from any thread), and returns the
// exit code once `finish` was called.
int runHeadlessKeychain(
    const std::function<void(KeychainStore& store, std::function<void(int)> finish)>& work);

} // namespace pindex::ui
