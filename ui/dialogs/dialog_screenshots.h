#pragma once

// For `make screenshots`: renders the add-index wizard's pages (filled in with a provider preset's
// example values, without touching the network or the project) and the Settings dialog into
// DIR/dialog-<name>.png. Synchronous widget grabs only; nothing is written to the project.

#include <QString>

namespace pindex::ui {

// Returns false when an image could not be saved.
bool saveDialogScreenshots(const QString& directory, const QString& projectDirectory);

} // namespace pindex::ui
