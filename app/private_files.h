#pragma once

// The parts of Pindex that the pindex executable reaches by path instead of linking them: the
// window program (Qt Widgets) and the keychain module (QtCore, QtDBus, QtKeychain). Keeping them
// out of the executable's NEEDED list is what keeps every headless command's start-up free of Qt.
//
// Invariant: each lives at a fixed path relative to the directory of the running executable
// (/proc/self/exe, so symlinks to pindex are followed), chosen at configure time from the install
// directories (app/CMakeLists.txt) and used unchanged in the build tree, which mirrors the
// installed layout: bin/pindex, libexec/pindex/pindex-window, lib/pindex/pindex-keychain.so.

#include <filesystem>

namespace pindex::app {

// The window program, which `pindex` without a subcommand replaces itself with (execv).
[[nodiscard]] std::filesystem::path windowProgramPath();

// The keychain module, opened (dlopen) the first time a command asks the OS keychain something.
[[nodiscard]] std::filesystem::path keychainModulePath();

} // namespace pindex::app
