#pragma once

// For `make screenshots`: renders the add-index wizard's first pages (filled in with a provider
// preset's example values, without touching the network or the project), the credentials dialog,
// the add-dependency dialog and the Settings dialog into DIR/dialog-<name>.png. Synchronous widget
// grabs only; nothing is written to the project or any store. (The re-lock preview is saved by the
// screenshot tour in app/main.cpp, from a real lock.)

#include <QString>

namespace pindex::ui {

// Returns false when an image could not be saved.
bool saveDialogScreenshots(const QString& directory, const QString& projectDirectory);

} // namespace pindex::ui
