// The add-index wizard's credentials (the credentials dialog, and where they come from now) and
// its live connection test.

#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/auth/environment_provider.h"
#include "ui/dialogs/add_index_wizard.h"
#include "ui/dialogs/add_index_wizard_steps.h"
#include "ui/qt_text.h"
#include "ui/views/index_credentials.h"

namespace pindex::ui::wizard_steps {
namespace {

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

} // namespace

QWizardPage* newCredentialsStep(AddIndexWizard* wizard)
{
    return new CredentialsStep(wizard);
}

QWizardPage* newTestStep(AddIndexWizard* wizard)
{
    return new TestStep(wizard);
}

} // namespace pindex::ui::wizard_steps
