#include "ui/dialogs/add_index_wizard.h"

#include <algorithm>
#include <array>

#include <QCheckBox>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include "core/auth/environment_provider.h"
#include "core/auth/index_url.h"
#include "core/index/index_presets.h"
#include "core/index/url.h"
#include "core/project/project_document.h"
#include "core/util/line_diff.h"
#include "ui/qt_text.h"
#include "ui/views/index_credentials.h"
#include "ui_add_index_details_page.h"
#include "ui_add_index_source_page.h"

namespace pindex::ui {
namespace {

QString fieldLabel(const index::PresetField& field)
{
    // The labels people read, translated; the keys are the template's blanks.
    const std::string& key = field.key;
    if (key == "host")
        return AddIndexWizard::tr("Server:");
    if (key == "server")
        return AddIndexWizard::tr("Server URL:");
    if (key == "repository")
        return field.label == "Repository key" ? AddIndexWizard::tr("Repository key:")
                                               : AddIndexWizard::tr("Repository:");
    if (key == "organization")
        return AddIndexWizard::tr("Organization:");
    if (key == "project")
        return field.label == "Project ID" ? AddIndexWizard::tr("Project ID:")
                                           : AddIndexWizard::tr("Project:");
    if (key == "feed")
        return AddIndexWizard::tr("Feed:");
    if (key == "domain")
        return AddIndexWizard::tr("Domain:");
    if (key == "account")
        return AddIndexWizard::tr("AWS account ID:");
    if (key == "region")
        return AddIndexWizard::tr("Region:");
    if (key == "group")
        return AddIndexWizard::tr("Group ID:");
    if (key == "location")
        return AddIndexWizard::tr("Location:");
    if (key == "user")
        return AddIndexWizard::tr("User:");
    if (key == "index")
        return AddIndexWizard::tr("Index:");
    return toQString(field.label) + QLatin1Char(':');
}

QString describeProblem(index::FieldProblem problem)
{
    using P = index::FieldProblem;
    switch (problem) {
    case P::None: return {};
    case P::Empty: return AddIndexWizard::tr("is still empty");
    case P::HasCredentials: return AddIndexWizard::tr("must not contain a user name or password");
    case P::NotAHost:
        return AddIndexWizard::tr("is not a host name (like pkgs.example.com or pkgs.example.com:8443)");
    case P::NotAUrl: return AddIndexWizard::tr("must start with https:// or http://");
    case P::HasSlash: return AddIndexWizard::tr("must not contain '/'");
    case P::BadCharacter: return AddIndexWizard::tr("contains a character that cannot appear in a URL");
    case P::NotDigits: return AddIndexWizard::tr("must be digits only");
    case P::NotLowerCase: return AddIndexWizard::tr("must be lower case");
    }
    return {};
}

QString sourceInWords(auth::CredentialSource source, const std::string& indexName)
{
    const auto names = auth::environmentVariableNames(indexName);
    switch (source) {
    case auth::CredentialSource::None: return AddIndexWizard::tr("No credentials yet.");
    case auth::CredentialSource::Url: return AddIndexWizard::tr("From the URL.");
    case auth::CredentialSource::Environment:
        return AddIndexWizard::tr("From the environment variables %1 and %2.")
            .arg(toQString(names.username), toQString(names.password));
    case auth::CredentialSource::Netrc: return AddIndexWizard::tr("From your netrc file.");
    case auth::CredentialSource::Keychain: return AddIndexWizard::tr("From the keychain.");
    case auth::CredentialSource::Session: return AddIndexWizard::tr("Kept for this session only.");
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
class SourceStep final : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(pindex::ui::AddIndexWizard)

public:
    explicit SourceStep(AddIndexWizard* wizard)
        : m_wizard(wizard)
        , m_ui(std::make_unique<::Ui::AddIndexSourcePage>())
    {
        m_ui->setupUi(this);
        setObjectName(QStringLiteral("sourcePage"));
        for (const auto& preset : index::indexPresets())
            m_ui->presetCombo->addItem(toQString(preset.displayName), toQString(preset.id));
        connect(m_ui->presetCombo, &QComboBox::currentIndexChanged, this, [this] { rebuildFields(); });
        connect(m_ui->presetRadio, &QRadioButton::toggled, this, [this] { update(); });
        connect(m_ui->urlEdit, &QLineEdit::textChanged, this, [this] {
            if (!m_ui->urlEdit->text().isEmpty())
                m_ui->urlRadio->setChecked(true);
            update();
        });
        connect(m_ui->flatCheck, &QCheckBox::toggled, this, [this] { update(); });
        rebuildFields();
    }

    [[nodiscard]] bool isComplete() const override { return m_valid; }

    bool validatePage() override
    {
        update();
        if (!m_valid)
            return false;
        auto& draft = m_wizard->mutableDraft();
        draft.url = m_url;
        draft.flat = m_ui->urlRadio->isChecked() && m_ui->flatCheck->isChecked();
        draft.pastedCredentials = m_pasted;
        return true;
    }

private:
    [[nodiscard]] const index::IndexPreset* preset() const
    {
        return index::findIndexPreset(toStdString(m_ui->presetCombo->currentData().toString()));
    }

    void rebuildFields()
    {
        auto* layout = m_ui->presetFieldsLayout;
        while (layout->rowCount() > 0)
            layout->removeRow(0);
        m_fields.clear();
        if (const auto* current = preset()) {
            for (const auto& field : current->fields) {
                auto* edit = new QLineEdit(m_ui->presetFields);
                edit->setObjectName(QStringLiteral("presetField_") + toQString(field.key));
                edit->setPlaceholderText(toQString(field.example));
                edit->setAccessibleName(fieldLabel(field));
                connect(edit, &QLineEdit::textEdited, this, [this] {
                    m_ui->presetRadio->setChecked(true);
                    update();
                });
                layout->addRow(fieldLabel(field), edit);
                m_fields.push_back(edit);
            }
        }
        update();
    }

    void update()
    {
        m_valid = false;
        m_pasted.reset();
        m_url.clear();
        m_ui->credentialsNoteLabel->clear();
        m_ui->flatCheck->setEnabled(m_ui->urlRadio->isChecked());
        if (m_ui->presetRadio->isChecked())
            updateFromPreset();
        else
            updateFromUrl();
        Q_EMIT completeChanged();
    }

    void updateFromPreset()
    {
        const auto* current = preset();
        if (current == nullptr)
            return;
        std::map<std::string, std::string> values;
        QStringList problems;
        for (std::size_t i = 0; i < current->fields.size() && i < m_fields.size(); ++i) {
            const auto& field = current->fields[i];
            const auto checked = index::checkPresetField(field, toStdString(m_fields[i]->text()));
            if (checked.problem != index::FieldProblem::None && checked.problem != index::FieldProblem::Empty)
                problems << tr("%1 %2").arg(fieldLabel(field).chopped(1), describeProblem(checked.problem));
            values[field.key] = checked.value;
        }
        const auto filled = index::fillPreset(*current, values);
        if (!problems.isEmpty()) {
            m_ui->resultLabel->setText(problems.join(QLatin1Char('\n')));
            return;
        }
        if (!filled) {
            m_ui->resultLabel->setText(
                tr("Fill in the blanks. The user name is %1; the password is %2.")
                    .arg(toQString(current->usernameHint), toQString(current->passwordHint)));
            return;
        }
        m_url = *filled;
        m_valid = true;
        m_ui->resultLabel->setText(
            tr("Index URL: %1\nUser name: %2; password: %3.")
                .arg(toQString(m_url), toQString(current->usernameHint), toQString(current->passwordHint)));
    }

    void updateFromUrl()
    {
        const std::string text = toStdString(m_ui->urlEdit->text().trimmed());
        if (text.empty()) {
            m_ui->resultLabel->setText(
                tr("Paste the index URL, for example https://pkgs.example.com/simple/."));
            return;
        }
        const auto split = index::splitUrlCredentials(text);
        const bool flat = m_ui->flatCheck->isChecked();
        const bool local = flat && (split.url.starts_with("file://") || split.url.starts_with('/'));
        if (!local) {
            index::PresetField field{"url", "URL", "", index::PresetField::Kind::BaseUrl};
            const auto checked = index::checkPresetField(field, split.url);
            if (checked.problem != index::FieldProblem::None) {
                m_ui->resultLabel->setText(tr("The URL %1.").arg(describeProblem(checked.problem)));
                return;
            }
        }
        m_url = local ? split.url : index::withTrailingSlash(split.url);
        if (split.credentials && !split.credentials->password.empty()) {
            m_pasted = split.credentials;
            m_ui->credentialsNoteLabel->setText(
                tr("This URL carries a password. It will not be written to pyproject.toml: the user name "
                   "and password move to the credentials step, where you can keep them in the keychain."));
        } else if (split.credentials) {
            m_pasted = split.credentials;
        }
        m_valid = true;
        m_ui->resultLabel->setText(tr("Index URL: %1").arg(toQString(m_url)));
    }

    AddIndexWizard* m_wizard;
    std::unique_ptr<::Ui::AddIndexSourcePage> m_ui;
    std::vector<QLineEdit*> m_fields;
    std::string m_url;
    std::optional<auth::Credentials> m_pasted;
    bool m_valid = false;
};

// ---------------------------------------------------------------------------------------------
class DetailsStep final : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(pindex::ui::AddIndexWizard)

public:
    explicit DetailsStep(AddIndexWizard* wizard)
        : m_wizard(wizard)
        , m_ui(std::make_unique<::Ui::AddIndexDetailsPage>())
    {
        m_ui->setupUi(this);
        setObjectName(QStringLiteral("detailsPage"));
        connect(m_ui->nameEdit, &QLineEdit::textChanged, this, [this] { Q_EMIT completeChanged(); });
        for (auto* radio : {m_ui->searchedRadio, m_ui->explicitRadio, m_ui->defaultRadio})
            connect(radio, &QRadioButton::toggled, this, [this] { explainRole(); });
        explainRole();
    }

    void initializePage() override
    {
        const auto& draft = m_wizard->draft();
        m_ui->nameEdit->setText(toQString(index::suggestIndexName(draft.url, m_wizard->takenNames())));
    }

    [[nodiscard]] bool isComplete() const override
    {
        const std::string name = toStdString(m_ui->nameEdit->text().trimmed());
        QString problem;
        if (name.empty())
            problem = tr("Give the index a name.");
        else if (!project::isValidIndexName(name))
            problem = tr("Use only letters, digits, '-', '_' and '.'.");
        else if (std::ranges::find(m_wizard->takenNames(), name) != m_wizard->takenNames().end())
            problem = tr("The project already has an index with this name.");
        m_ui->nameProblemLabel->setText(problem);
        return problem.isEmpty();
    }

    bool validatePage() override
    {
        auto& draft = m_wizard->mutableDraft();
        draft.name = toStdString(m_ui->nameEdit->text().trimmed());
        draft.role = m_ui->defaultRadio->isChecked()    ? AddIndexWizard::IndexRole::Default
                     : m_ui->explicitRadio->isChecked() ? AddIndexWizard::IndexRole::Explicit
                                                        : AddIndexWizard::IndexRole::Searched;
        static constexpr std::array kModes = {"auto", "always", "never"};
        draft.authenticate =
            kModes[static_cast<std::size_t>(std::clamp(m_ui->authenticateCombo->currentIndex(), 0, 2))];
        return true;
    }

private:
    void explainRole()
    {
        if (m_ui->explicitRadio->isChecked())
            m_ui->roleExplanationLabel->setText(
                tr("uv takes only the packages pinned to this index from it (you can pin some on a later "
                   "page). The safest choice for internal packages: nothing else can come from here, and "
                   "nothing pinned here can come from anywhere else."));
        else if (m_ui->defaultRadio->isChecked())
            m_ui->roleExplanationLabel->setText(
                tr("This index replaces PyPI: uv asks it last, and never asks PyPI. Use it for a mirror "
                   "or proxy of PyPI, such as an Artifactory or Nexus remote repository."));
        else
            m_ui->roleExplanationLabel->setText(
                tr("uv looks for every package here first, then in the indexes below it, then in PyPI. "
                   "With the default strategy a package found here is never taken from PyPI."));
    }

    AddIndexWizard* m_wizard;
    std::unique_ptr<::Ui::AddIndexDetailsPage> m_ui;
};

// ---------------------------------------------------------------------------------------------
class CredentialsStep final : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(pindex::ui::AddIndexWizard)

public:
    explicit CredentialsStep(AddIndexWizard* wizard)
        : m_wizard(wizard)
        , m_status(new QLabel(this))
        , m_pastedNote(new QLabel(this))
        , m_button(new QPushButton(tr("&Enter Credentials…"), this))
    {
        setObjectName(QStringLiteral("credentialsPage"));
        setTitle(tr("Credentials"));
        setSubTitle(tr("Private indexes usually need a user name and a password or token. They are kept in "
                       "the keychain, never in pyproject.toml."));
        m_status->setObjectName(QStringLiteral("credentialsStatusLabel"));
        m_status->setWordWrap(true);
        m_pastedNote->setObjectName(QStringLiteral("pastedCredentialsLabel"));
        m_pastedNote->setWordWrap(true);
        m_button->setObjectName(QStringLiteral("credentialsButton"));
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(m_status);
        layout->addWidget(m_pastedNote);
        layout->addWidget(m_button, 0, Qt::AlignLeft);
        layout->addStretch(1);
        connect(m_button, &QPushButton::clicked, this, [this] { openDialog(); });
    }

    void initializePage() override
    {
        const auto& draft = m_wizard->draft();
        m_pastedNote->setVisible(draft.pastedCredentials.has_value());
        if (draft.pastedCredentials)
            m_pastedNote->setText(tr("The URL you pasted carried credentials for “%1”. Save them with "
                                     "Enter Credentials… (they are already filled in).")
                                      .arg(toQString(draft.pastedCredentials->username)));
        if (draft.credentials && m_savedHere)
            return;
        m_status->setText(tr("Looking for credentials…"));
        m_looking = true;
        Q_EMIT completeChanged();
        QPointer<CredentialsStep> self(this);
        findCredentials(this, m_wizard->stores(), {draft.name, draft.url}, [self](FoundCredentials found) {
            if (self.isNull())
                return;
            self->m_looking = false;
            if (!self->m_savedHere) {
                self->m_wizard->mutableDraft().credentials = found;
                self->m_status->setText(sourceInWords(found ? found->source : auth::CredentialSource::None,
                                                      self->m_wizard->draft().name));
            }
            Q_EMIT self->completeChanged();
        });
    }

    [[nodiscard]] bool isComplete() const override { return !m_looking; }

private:
    void openDialog()
    {
        const auto& draft = m_wizard->draft();
        std::string url = draft.url;
        if (draft.pastedCredentials) {
            // The dialog fills in the user name from the URL; the password is filled in below.
            const auto scheme = url.find("://");
            if (scheme != std::string::npos)
                url.insert(scheme + 3, draft.pastedCredentials->username + "@");
        }
        auto* dialog = new CredentialsDialog({draft.name, url}, m_wizard->stores(), m_wizard);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        if (draft.pastedCredentials)
            if (auto* password = dialog->findChild<QLineEdit*>(QStringLiteral("passwordEdit")))
                password->setText(toQString(draft.pastedCredentials->password));
        connect(dialog, &CredentialsDialog::saved, this, [this, dialog] {
            const auto source = dialog->store() == CredentialsDialog::Store::Keychain
                                    ? auth::CredentialSource::Keychain
                                    : auth::CredentialSource::Session;
            m_wizard->mutableDraft().credentials = auth::ProvidedCredentials{dialog->credentials(), source};
            m_savedHere = true;
            m_looking = false;
            m_status->setText(
                source == auth::CredentialSource::Keychain
                    ? tr("Saved in the keychain for “%1”.").arg(toQString(dialog->credentials().username))
                    : tr("Kept for this session for “%1”.").arg(toQString(dialog->credentials().username)));
            Q_EMIT completeChanged();
        });
        dialog->open();
    }

    AddIndexWizard* m_wizard;
    QLabel* m_status;
    QLabel* m_pastedNote;
    QPushButton* m_button;
    bool m_looking = false;
    bool m_savedHere = false;
};

// ---------------------------------------------------------------------------------------------
class TestStep final : public QWizardPage
{
    Q_DECLARE_TR_FUNCTIONS(pindex::ui::AddIndexWizard)

public:
    explicit TestStep(AddIndexWizard* wizard)
        : m_wizard(wizard)
        , m_result(new QLabel(this))
        , m_retry(new QPushButton(tr("Test &Again"), this))
    {
        setObjectName(QStringLiteral("testPage"));
        setTitle(tr("Connection test"));
        setSubTitle(tr("Pindex asks the index for its project list, as uv will."));
        m_result->setObjectName(QStringLiteral("testResultLabel"));
        m_result->setWordWrap(true);
        m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_retry->setObjectName(QStringLiteral("retestButton"));
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(m_result);
        layout->addWidget(m_retry, 0, Qt::AlignLeft);
        layout->addStretch(1);
        connect(m_retry, &QPushButton::clicked, this, [this] { run(); });
    }

    void initializePage() override { run(); }
    [[nodiscard]] bool isComplete() const override { return !m_running; }

private:
    void run()
    {
        const auto& draft = m_wizard->draft();
        m_running = true;
        m_retry->setEnabled(false);
        m_result->setText(tr("Testing %1…").arg(toQString(draft.url)));
        Q_EMIT completeChanged();
        index::IndexConfig config{
            .name = draft.name,
            .url = draft.url,
            .format = draft.flat ? index::IndexFormat::Flat : index::IndexFormat::Simple,
            .authenticate =
                index::parseAuthenticateMode(draft.authenticate).value_or(index::AuthenticateMode::Auto)};
        QPointer<TestStep> self(this);
        testIndexConnection(this, config, draft.credentials, [self](const index::ConnectionReport& report) {
            if (self.isNull())
                return;
            self->showReport(report);
        });
    }

    void showReport(const index::ConnectionReport& report)
    {
        m_running = false;
        m_retry->setEnabled(true);
        m_wizard->mutableDraft().report = report;
        QStringList lines;
        using Verdict = index::ConnectionReport::Verdict;
        switch (report.verdict) {
        case Verdict::Usable:
            lines << tr("✔ The index answers.");
            if (report.isLocalDirectory)
                lines << (report.localFileCount == 1
                              ? tr("A flat index directory with 1 distribution file.")
                              : tr("A flat index directory with %1 distribution files.")
                                    .arg(report.localFileCount));
            else
                lines << tr("API: %1").arg(toQString(report.flavour));
            if (report.projectCount)
                lines << (*report.projectCount == 1 ? tr("1 project listed.")
                                                    : tr("%1 projects listed.").arg(*report.projectCount));
            if (!report.isLocalDirectory)
                lines << tr("Answered in %1 ms%2.")
                             .arg(report.anonymousStatus == 200 ? report.latency.count()
                                                                : report.credentialLatency.count())
                             .arg(report.http2 ? tr(" over HTTP/2") : QString());
            if (report.credentialCheck == index::ConnectionReport::CredentialCheck::Accepted)
                lines << tr("The credentials work.");
            break;
        case Verdict::Unreachable:
            lines << tr("✘ Cannot reach the index: %1").arg(toQString(report.problem));
            break;
        case Verdict::AuthenticationRequired:
            lines << tr("✘ The index asks for credentials (HTTP %1). Go back and enter them.")
                         .arg(report.anonymousStatus);
            break;
        case Verdict::CredentialsRejected:
            lines << tr("✘ The index rejected the credentials (HTTP %1). Go back and check them.")
                         .arg(report.credentialStatus);
            break;
        case Verdict::Failed: lines << tr("✘ %1").arg(toQString(report.problem)); break;
        }
        if (!report.usable())
            lines << tr("You can still add the index and fix this later.");
        m_result->setText(lines.join(QLatin1Char('\n')));
        Q_EMIT completeChanged();
    }

    AddIndexWizard* m_wizard;
    QLabel* m_result;
    QPushButton* m_retry;
    bool m_running = false;
};

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

    setPage(SourcePage, new SourceStep(this));
    setPage(DetailsPage, new DetailsStep(this));
    setPage(CredentialsPage, new CredentialsStep(this));
    setPage(TestPage, new TestStep(this));
    setPage(PinsPage, new PinsStep(this, prepare));
    setPage(PreviewPage, new PreviewStep(this, prepare, write));
    setPage(DonePage, new DoneStep(this));
    setStartId(SourcePage);
    resize(640, 520);
}

AddIndexWizard::~AddIndexWizard() = default;

void AddIndexWizard::done(int result)
{
    if (result == QDialog::Accepted && currentId() == DonePage) {
        if (const auto* last = dynamic_cast<DoneStep*>(currentPage()); last != nullptr && last->relock())
            Q_EMIT relockRequested();
    }
    QWizard::done(result);
}

} // namespace pindex::ui
