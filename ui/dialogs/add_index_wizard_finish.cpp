// The add-index wizard's last pages: packages or a pattern pinned to the new index, the preview
// of the exact pyproject.toml change before it is written, and the offer to lock again.

#include <QCheckBox>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

#include "core/util/line_diff.h"
#include "ui/dialogs/add_index_wizard.h"
#include "ui/dialogs/add_index_wizard_steps.h"
#include "ui/qt_text.h"

namespace pindex::ui::wizard_steps {
namespace {

// ---------------------------------------------------------------------------------------------
// The pins and preview pages work on the document the wizard prepares.
class PinsStep final : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(pindex::ui::AddIndexWizard)

public:
    PinsStep(AddIndexWizard* wizard, std::function<Status()> prepare)
        : m_wizard(wizard)
        , m_prepare(std::move(prepare))
        , m_packages(new QLineEdit(this))
        , m_pattern(new QLineEdit(this))
        , m_note(new QLabel(this))
        , m_problem(new QLabel(this))
    {
        setObjectName(QStringLiteral("pinsPage"));
        setTitle(tr("Pin packages (optional)"));
        setSubTitle(tr("Packages pinned to this index are only ever taken from it, also as dependencies of "
                       "other packages: a look-alike on PyPI cannot replace them."));
        m_packages->setObjectName(QStringLiteral("pinPackagesEdit"));
        m_packages->setPlaceholderText(tr("acme-core, acme-utils"));
        m_packages->setAccessibleName(tr("Packages to pin"));
        m_pattern->setObjectName(QStringLiteral("pinPatternEdit"));
        m_pattern->setPlaceholderText(tr("acme-*"));
        m_pattern->setAccessibleName(tr("Pattern to pin"));
        m_note->setWordWrap(true);
        m_problem->setObjectName(QStringLiteral("pinsProblemLabel"));
        m_problem->setWordWrap(true);
        auto* form = new QFormLayout;
        form->addRow(tr("&Packages:"), m_packages);
        form->addRow(tr("P&attern:"), m_pattern);
        auto* layout = new QVBoxLayout(this);
        layout->addLayout(form);
        layout->addWidget(m_note);
        layout->addWidget(m_problem);
        layout->addStretch(1);
    }

    void initializePage() override
    {
        m_note->setText(m_wizard->draft().role == AddIndexWizard::IndexRole::Explicit
                            ? tr("This index is only used for pinned packages: pin at least the packages "
                                 "you want from it.")
                            : QString());
    }

    bool validatePage() override
    {
        auto& draft = m_wizard->mutableDraft();
        draft.pinnedPackages.clear();
        const QStringList words =
            m_packages->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
        for (const auto& word : words)
            draft.pinnedPackages.push_back(toStdString(word));
        draft.pattern = toStdString(m_pattern->text().trimmed());
        const Status prepared = m_prepare();
        m_problem->setText(prepared ? QString() : toQString(prepared.error().message));
        return prepared.has_value();
    }

private:
    AddIndexWizard* m_wizard;
    std::function<Status()> m_prepare;
    QLineEdit* m_packages;
    QLineEdit* m_pattern;
    QLabel* m_note;
    QLabel* m_problem;
};

class PreviewStep final : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(pindex::ui::AddIndexWizard)

public:
    PreviewStep(AddIndexWizard* wizard, std::function<Status()> prepare, std::function<Status()> write)
        : m_wizard(wizard)
        , m_prepare(std::move(prepare))
        , m_write(std::move(write))
        , m_file(new QLabel(this))
        , m_diff(new QPlainTextEdit(this))
        , m_problem(new QLabel(this))
    {
        setObjectName(QStringLiteral("previewPage"));
        setTitle(tr("Review the change"));
        setSubTitle(
            tr("This is exactly what will change in pyproject.toml; every other byte stays as it is."));
        setCommitPage(true);
        setButtonText(QWizard::CommitButton, tr("&Write pyproject.toml"));
        m_file->setWordWrap(true);
        m_diff->setObjectName(QStringLiteral("previewDiff"));
        m_diff->setReadOnly(true);
        m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_diff->setAccessibleName(tr("Changes to pyproject.toml"));
        m_problem->setObjectName(QStringLiteral("previewProblemLabel"));
        m_problem->setWordWrap(true);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(m_file);
        layout->addWidget(m_diff, 1);
        layout->addWidget(m_problem);
    }

    void initializePage() override
    {
        m_problem->clear();
        showPreview();
    }

    bool validatePage() override
    {
        const Status written = m_write();
        if (written)
            return true;
        if (written.error().code == ErrorCode::Conflict) {
            // Someone else changed the file: show the change against what is there now.
            if (const Status again = m_prepare(); again)
                showPreview();
            m_problem->setText(tr("pyproject.toml changed on disk since the preview. Review the new preview "
                                  "and write again."));
        } else {
            m_problem->setText(toQString(written.error().describe()));
        }
        return false;
    }

private:
    void showPreview()
    {
        const auto& draft = m_wizard->draft();
        m_file->setText(tr("Changes to %1:").arg(QString::fromStdString(m_wizard->pyprojectFile().string())));
        m_diff->setPlainText(toQString(unifiedDiff(draft.textBefore, draft.textAfter)));
    }

    AddIndexWizard* m_wizard;
    std::function<Status()> m_prepare;
    std::function<Status()> m_write;
    QLabel* m_file;
    QPlainTextEdit* m_diff;
    QLabel* m_problem;
};

class DoneStep final : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(pindex::ui::AddIndexWizard)

public:
    explicit DoneStep(AddIndexWizard* wizard)
        : m_wizard(wizard)
        , m_summary(new QLabel(this))
        , m_relock(new QCheckBox(tr("&Lock again now (you see what changes before the lock file is written)"),
                                 this))
    {
        setObjectName(QStringLiteral("donePage"));
        setTitle(tr("Index added"));
        m_summary->setWordWrap(true);
        m_relock->setObjectName(QStringLiteral("relockCheck"));
        m_relock->setChecked(true);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(m_summary);
        layout->addWidget(m_relock);
        layout->addStretch(1);
        setFinalPage(true);
    }

    void initializePage() override
    {
        m_summary->setText(
            tr("“%1” is now in pyproject.toml. The lock file still resolves packages the old way "
               "until the project is locked again.")
                .arg(toQString(m_wizard->draft().name)));
    }

    [[nodiscard]] bool relock() const { return m_relock->isChecked(); }

private:
    AddIndexWizard* m_wizard;
    QLabel* m_summary;
    QCheckBox* m_relock;
};

} // namespace

QWizardPage* newPinsStep(AddIndexWizard* wizard, std::function<Status()> prepare)
{
    return new PinsStep(wizard, std::move(prepare));
}

QWizardPage* newPreviewStep(AddIndexWizard* wizard, std::function<Status()> prepare,
                            std::function<Status()> write)
{
    return new PreviewStep(wizard, std::move(prepare), std::move(write));
}

QWizardPage* newDoneStep(AddIndexWizard* wizard)
{
    return new DoneStep(wizard);
}

bool relockChosen(const QWizardPage* page)
{
    const auto* done = dynamic_cast<const DoneStep*>(page);
    return done != nullptr && done->relock();
}

} // namespace pindex::ui::wizard_steps
