#include "ui/dialogs/add_index_wizard.h"

#include "core/project/project_document.h"
#include "ui/dialogs/add_index_wizard_steps.h"
#include "ui/qt_text.h"

namespace pindex::ui {

AddIndexWizard::AddIndexWizard(std::filesystem::path pyprojectFile, CredentialsDialog::Stores stores,
                               QWidget* parent)
    : QWizard(parent)
    , m_file(std::move(pyprojectFile))
    , m_stores(stores)
{
    setObjectName(QStringLiteral("addIndexWizard"));
    setWindowTitle(tr("Add an Index"));
    setOption(QWizard::NoBackButtonOnLastPage, true);
    if (const auto loaded = project::loadPyProject(m_file)) {
        for (const auto& entry : loaded->indexes)
            m_takenNames.push_back(entry.name);
    }

    // The document the preview shows and Write saves: prepared from the file as it is now.
    auto document = std::make_shared<std::optional<project::ProjectDocument>>();
    auto prepare = [this, document]() -> Status {
        auto opened = project::ProjectDocument::open(m_file);
        if (!opened)
            return std::unexpected(opened.error());
        m_draft.textBefore = opened->text();
        project::NewIndex index{.name = m_draft.name,
                                .url = m_draft.url,
                                .isDefault = m_draft.role == IndexRole::Default,
                                .isExplicit = m_draft.role == IndexRole::Explicit,
                                .format = m_draft.flat ? "flat" : "",
                                .authenticate = m_draft.authenticate == "auto" ? "" : m_draft.authenticate};
        if (Status added = opened->addIndex(index); !added)
            return added;
        for (const auto& package : m_draft.pinnedPackages)
            if (Status pinned = opened->pinPackage(package, m_draft.name); !pinned)
                return pinned;
        if (!m_draft.pattern.empty())
            if (Status pinned = opened->addPatternPin(m_draft.pattern, m_draft.name); !pinned)
                return pinned;
        m_draft.textAfter = opened->text();
        *document = std::move(*opened);
        return {};
    };
    auto write = [this, document]() -> Status {
        if (!document->has_value())
            return std::unexpected(makeError(ErrorCode::Internal, "Nothing to write yet."));
        if (Status saved = (*document)->save(); !saved)
            return saved;
        Q_EMIT indexAdded(toQString(m_draft.name));
        return {};
    };

    setPage(SourcePage, wizard_steps::newSourceStep(this));
    setPage(DetailsPage, wizard_steps::newDetailsStep(this));
    setPage(CredentialsPage, wizard_steps::newCredentialsStep(this));
    setPage(TestPage, wizard_steps::newTestStep(this));
    setPage(PinsPage, wizard_steps::newPinsStep(this, prepare));
    setPage(PreviewPage, wizard_steps::newPreviewStep(this, prepare, write));
    setPage(DonePage, wizard_steps::newDoneStep(this));
    setStartId(SourcePage);
    resize(640, 520);
}

AddIndexWizard::~AddIndexWizard() = default;

void AddIndexWizard::done(int result)
{
    if (result == QDialog::Accepted && currentId() == DonePage) {
        if (wizard_steps::relockChosen(currentPage()))
            Q_EMIT relockRequested();
    }
    QWizard::done(result);
}

} // namespace pindex::ui
