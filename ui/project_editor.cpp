#include "ui/project_editor.h"

#include "ui/background.h"

namespace pindex::ui {

void editProject(QObject* context, std::filesystem::path file, std::string expectedText, ProjectEdit edit,
                 std::function<void(const Status&)> done)
{
    runInBackground(
        context,
        [file = std::move(file), expectedText = std::move(expectedText), edit = std::move(edit)]() -> Status {
            auto document = project::ProjectDocument::open(file);
            if (!document)
                return std::unexpected(document.error());
            if (document->text() != expectedText) {
                auto error = makeFileError(
                    ErrorCode::Conflict, "pyproject.toml was changed by another program; nothing was written",
                    file.string());
                error.hint = "Pindex reloaded it: check the change and try again.";
                return std::unexpected(std::move(error));
            }
            if (auto status = edit(*document); !status)
                return status;
            return document->save();
        },
        std::move(done));
}

} // namespace pindex::ui
