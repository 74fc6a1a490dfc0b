#pragma once

// editProject: one edit of pyproject.toml, run on the thread pool. It opens the file, refuses with
// ErrorCode::Conflict when the file no longer holds `expectedText` (what the window shows: the user
// decided on that text, so an external edit must not be clobbered), applies `edit` through
// ProjectDocument (format-preserving) and saves atomically. `done` runs on the UI thread.

#include <filesystem>
#include <functional>
#include <string>

#include <QObject>

#include "core/project/project_document.h"
#include "core/util/error.h"

namespace pindex::ui {

using ProjectEdit = std::function<Status(project::ProjectDocument&)>;

void editProject(QObject* context, std::filesystem::path file, std::string expectedText, ProjectEdit edit,
                 std::function<void(const Status&)> done);

} // namespace pindex::ui
