#pragma once

// The keychain for a headless command, inside the keychain module (keychain_module.h): QtKeychain's
// jobs need a Qt event loop, so the command runs one of its own for as long as its work lasts. This
// is a command's main loop, not a nested loop inside a UI: never call it from the window. Commands
// reach it through app/keychain.h, which loads the module only when the keychain is needed.

#include "ui/keychain/keychain_module.h"

namespace pindex::ui {

// Creates a QCoreApplication when none exists, starts `work` from the event loop with the
// keychain store (a KeychainStore) and a `finish(exitCode)` callback (callable from any thread),
// and returns the exit code once `finish` was called. When no keychain service runs, the store's
// calls fail with an error that says what to start; nothing falls back to plain-text storage.
int runHeadlessKeychain(const KeychainWork& work);

} // namespace pindex::ui
