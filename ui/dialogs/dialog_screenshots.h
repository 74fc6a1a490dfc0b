#pragma once

// For `make screenshots`: renders the add-index wizard's first pages (filled in with a provider
// preset's example values, without touching the network or the project), the credentials dialog,
// the add-dependency dialog and the Settings dialog into DIR/dialog-<name>.png. Synchronous widget
// grabs only; nothing is written to the project or any store. (The re-lock preview is saved by the
// screenshot tour in app/main.cpp, from a real lock.)

#include <filesystem>

#include <QString>

#include "core/util/error.h"

namespace pindex::ui {

// Gives the screenshot tour's scratch copy of a project a git history, so the Lockfile tab
// compares with a real HEAD: the project is locked (`pindex lock`'s code path, offline) with its
// requirements as they were "last week" (for the demo project: tinyjson 1.x, no dev group),
// pyproject.toml and pylock.toml are committed, then the current requirements are put back. The
// tour's re-lock then shows tinyjson upgraded and testkit added, and the Lockfile tab the same
// changes against HEAD. The demo also gets a second flat index, "pypi-mirror" (the default, searched last),
// listing two of its packages, for the confusion check to find. Synchronous: call it before the window opens.
// A project that is not the demo gets its current lock committed.
[[nodiscard]] Status prepareScreenshotProject(const std::filesystem::path& directory,
                                              const std::filesystem::path& cacheDirectory);

// Returns false when an image could not be saved.
bool saveDialogScreenshots(const QString& directory, const QString& projectDirectory);

} // namespace pindex::ui
