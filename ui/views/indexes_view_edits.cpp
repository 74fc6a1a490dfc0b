// What the Indexes tab changes and checks: edits to pyproject.toml queued one at a time (add,
// remove, move, rename, role, strategy, pattern pins), connection tests and credentials.

#include <QAction>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QTableView>

#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/install/project_lock.h"
#include "ui/background.h"
#include "ui/dialogs/add_index_wizard.h"
#include "ui/keychain/credential_prompt.h"
#include "ui/keychain/credential_retry.h"
#include "ui/models/index_model.h"
#include "ui/qt_text.h"
#include "ui/views/index_credentials.h"
#include "ui/views/indexes_view.h"

namespace pindex::ui {

QString IndexesView::selectedName() const
{
    const auto rows = table()->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.front().data(IndexModel::NameRole).toString();
}

void IndexesView::updateActions()
{
    const QString name = selectedName();
    const int row = m_projectModel->rowOf(name);
    const bool selected = row >= 0;
    m_removeAction->setEnabled(selected);
    m_upAction->setEnabled(selected && row > 0);
    m_downAction->setEnabled(selected && row + 1 < m_projectModel->rowCount());
    m_testAction->setEnabled(selected);
    m_credentialsAction->setEnabled(selected);
    m_testAllAction->setEnabled(m_projectModel->rowCount() + m_userModel->rowCount() > 0);
    m_addAction->setEnabled(!m_directory.isEmpty());
}

void IndexesView::apply(Edit edit)
{
    ++m_reloadGeneration; // the edit's own reload follows
    m_edits.push_back(std::move(edit));
    if (!m_editing)
        runNextEdit();
}

void IndexesView::runNextEdit()
{
    if (m_edits.empty() || m_directory.isEmpty()) {
        m_editing = false;
        return;
    }
    m_editing = true;
    Edit edit = std::move(m_edits.front());
    m_edits.pop_front();
    const auto file = std::filesystem::path(toStdString(m_directory)) / "pyproject.toml";
    runInBackground(
        this,
        [file, edit = std::move(edit)]() -> Status {
            auto document = project::ProjectDocument::open(file);
            if (!document)
                return std::unexpected(document.error());
            if (Status edited = edit(*document); !edited)
                return edited;
            if (!document->isModified())
                return {};
            return document->save();
        },
        [this](const Status& written) {
            if (!written) {
                m_errorLabel->setText(toQString(written.error().describe()));
                m_errorLabel->show();
                Q_EMIT editFailed(toQString(written.error().describe()));
            } else {
                m_errorLabel->hide();
                Q_EMIT projectFileChanged();
            }
            reload();
            runNextEdit();
        });
}

void IndexesView::addIndex()
{
    if (m_directory.isEmpty())
        return;
    auto* wizard = new AddIndexWizard(std::filesystem::path(toStdString(m_directory)) / "pyproject.toml",
                                      m_stores, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &AddIndexWizard::indexAdded, this, [this] {
        reload();
        Q_EMIT projectFileChanged();
    });
    connect(wizard, &AddIndexWizard::relockRequested, this, &IndexesView::relockRequested);
    Q_EMIT wizardOpened(wizard);
    wizard->open();
}

void IndexesView::removeSelected()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    m_confirm(
        tr("Remove Index"),
        tr("Remove the index “%1” from pyproject.toml? Packages pinned to it will be unpinned.").arg(name),
        tr("Remove"), [self = QPointer<IndexesView>(this), name](bool confirmed) {
            if (self.isNull() || !confirmed)
                return;
            const std::string index = toStdString(name);
            self->apply([index](project::ProjectDocument& document) { return document.removeIndex(index); });
        });
}

void IndexesView::moveSelected(int offset)
{
    const QString name = selectedName();
    const int row = m_projectModel->rowOf(name);
    if (row < 0)
        return;
    const int target = offset < 0 ? row + offset : row + offset + 1;
    if (target < 0 || target > m_projectModel->rowCount())
        return;
    // The model moves the row at once and asks for the write through moveRequested.
    if (m_projectModel->moveRows({}, row, 1, {}, target))
        table()->selectRow(m_projectModel->rowOf(name));
}

void IndexesView::setCredentialPrompt(CredentialPrompt* prompt)
{
    m_prompt = prompt;
}

void IndexesView::testSelected()
{
    const QString name = selectedName();
    const int row = m_projectModel->rowOf(name);
    if (row < 0)
        return;
    const auto entry = *m_projectModel->entry(row);
    m_projectModel->setTesting(name);
    const auto directory = std::filesystem::path(toStdString(m_directory));
    QPointer<IndexesView> self(this);
    if (!m_prompt.isNull()) {
        // The chain as a lock sees it; a 401/403 opens the credentials dialog and the test runs
        // again with what the user saved.
        auto chain = auth::makeCredentialChain({.environment = auth::processEnvironment(),
                                                .session = m_stores.session,
                                                .keychain = m_stores.keychain});
        testConnectionWithCredentials(
            this, m_prompt, std::move(chain), install::indexConfigFor(entry, directory),
            [self, name, url = entry.url](const Result<index::ConnectionReport>& result) {
                if (self.isNull())
                    return;
                if (result) {
                    self->m_projectModel->setTestResult(name, *result);
                } else {
                    // The user cancelled the dialog: the refusal is the result.
                    index::ConnectionReport refused;
                    refused.url = maskUrlCredentials(url);
                    refused.verdict = index::ConnectionReport::Verdict::AuthenticationRequired;
                    refused.authenticationRequired = true;
                    refused.anonymousStatus = result.error().httpStatus;
                    self->m_projectModel->setTestResult(name, refused);
                }
                // Where the credentials come from now (the dialog may have saved them).
                self->lookUpCredentialSources(self->m_projectModel);
                Q_EMIT self->testFinished(name);
            });
        return;
    }
    findCredentials(this, m_stores, {entry.name, entry.url},
                    [self, entry, name, directory](FoundCredentials found) {
                        if (self.isNull())
                            return;
                        testIndexConnection(self, install::indexConfigFor(entry, directory), found,
                                            [self, name](const index::ConnectionReport& report) {
                                                if (self.isNull())
                                                    return;
                                                self->m_projectModel->setTestResult(name, report);
                                                Q_EMIT self->testFinished(name);
                                            });
                    });
}

void IndexesView::testAll()
{
    const auto directory = std::filesystem::path(toStdString(m_directory));
    for (IndexModel* model : {m_projectModel, m_userModel}) {
        for (const auto& entry : model->entries()) {
            const QString name = toQString(entry.name);
            model->setTesting(name);
            QPointer<IndexesView> self(this);
            QPointer<IndexModel> target(model);
            findCredentials(this, m_stores, {entry.name, entry.url},
                            [self, target, entry, name, directory](FoundCredentials found) {
                                if (self.isNull())
                                    return;
                                testIndexConnection(
                                    self, install::indexConfigFor(entry, directory), found,
                                    [self, target, name](const index::ConnectionReport& report) {
                                        if (self.isNull() || target.isNull())
                                            return;
                                        target->setTestResult(name, report);
                                        Q_EMIT self->testFinished(name);
                                    });
                            });
        }
    }
}

void IndexesView::setCredentialsForSelected()
{
    const int row = m_projectModel->rowOf(selectedName());
    if (row < 0)
        return;
    const auto entry = *m_projectModel->entry(row);
    auto* dialog = new CredentialsDialog({entry.name, entry.url}, m_stores, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CredentialsDialog::saved, this, [this] { lookUpCredentialSources(m_projectModel); });
    dialog->open();
}

void IndexesView::setStrategy(const QString& strategy)
{
    const std::string value = toStdString(strategy);
    if (value == m_strategy)
        return;
    apply([value](project::ProjectDocument& document) { return document.setIndexStrategy(value); });
}

void IndexesView::addPatternPin(const QString& pattern, const QString& index)
{
    if (pattern.isEmpty() || index.isEmpty())
        return;
    const std::string glob = toStdString(pattern);
    const std::string target = toStdString(index);
    apply(
        [glob, target](project::ProjectDocument& document) { return document.addPatternPin(glob, target); });
    m_patternEdit->clear();
}

void IndexesView::removePatternPin(const QString& pattern)
{
    const std::string glob = toStdString(pattern);
    apply([glob](project::ProjectDocument& document) { return document.removePatternPin(glob); });
}

void IndexesView::editIndex(const QString& name, int column, const QVariant& value)
{
    const std::string index = toStdString(name);
    const std::string text = toStdString(value.toString().trimmed());
    switch (column) {
    case IndexModel::Name:
        if (text != index)
            apply([index, text](project::ProjectDocument& document) {
                return document.renameIndex(index, text);
            });
        break;
    case IndexModel::Url:
        if (maskUrlCredentials(text) != text) {
            m_errorLabel->setText(
                tr("Keep passwords out of pyproject.toml: enter the URL without them and use "
                   "Credentials… instead."));
            m_errorLabel->show();
            return;
        }
        apply(
            [index, text](project::ProjectDocument& document) { return document.setIndexUrl(index, text); });
        break;
    case IndexModel::Role:
        apply([index, text](project::ProjectDocument& document) -> Status {
            if (Status cleared = document.setIndexDefault(index, text == "default"); !cleared)
                return cleared;
            return document.setIndexExplicit(index, text == "explicit");
        });
        break;
    case IndexModel::Authenticate:
        apply([index, text](project::ProjectDocument& document) {
            return document.setIndexAuthenticate(index, text == "auto" ? std::nullopt : std::optional(text));
        });
        break;
    default: break;
    }
}

} // namespace pindex::ui
