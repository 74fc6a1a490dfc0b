#include "ui/dialogs/credentials_dialog.h"

#include <algorithm>

#include <QPointer>
#include <QPushButton>

#include "core/auth/credential_vault.h"
#include "core/auth/environment_provider.h"
#include "core/auth/index_url.h"
#include "core/index/http_client.h"
#include "ui/background.h"
#include "ui/qt_text.h"
#include "ui_credentials_dialog.h"

namespace pindex::ui {

CredentialsDialog::CredentialsDialog(auth::IndexIdentity index, Stores stores, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<::Ui::CredentialsDialog>())
    , m_index(std::move(index))
    , m_stores(stores)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("credentialsDialog"));
    // The wrapped labels would otherwise let the layout shrink the dialog to a narrow column: room
    // for an index URL and the environment-variable sentence on a few lines each.
    setMinimumWidth(std::max(460, fontMetrics().averageCharWidth() * 64));
    m_ui->reasonLabel->hide();
    const QString url = toQString(auth::stripUrlCredentials(m_index.url));
    m_ui->indexLabel->setText(m_index.name.empty()
                                  ? tr("Credentials for %1").arg(url)
                                  : tr("Credentials for index “%1” (%2)").arg(toQString(m_index.name), url));
    if (const auto known = auth::urlCredentials(m_index.url))
        m_ui->usernameEdit->setText(toQString(known->username));

    const auto names = auth::environmentVariableNames(m_index.name);
    if (names.username.empty())
        m_ui->environmentLabel->setText(
            tr("Instead of storing them, you can give the index a name in pyproject.toml and set uv's "
               "UV_INDEX_<NAME>_USERNAME and UV_INDEX_<NAME>_PASSWORD environment variables."));
    else
        m_ui->environmentLabel->setText(
            tr("Instead of storing them, you can set the environment variables %1 and %2 "
               "(uv reads the same ones).")
                .arg(toQString(names.username), toQString(names.password)));
    if (m_stores.keychain == nullptr) {
        m_ui->storeCombo->setCurrentIndex(static_cast<int>(Store::Session));
        m_ui->storeCombo->setEnabled(false);
    }
    if (m_stores.session == nullptr)
        m_ui->storeCombo->setEnabled(false);

    connect(m_ui->showPasswordButton, &QToolButton::toggled, this, [this](bool shown) {
        m_ui->passwordEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_ui->showPasswordButton->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_ui->testButton, &QPushButton::clicked, this, &CredentialsDialog::test);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CredentialsDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

CredentialsDialog::~CredentialsDialog() = default;

void CredentialsDialog::setReason(const QString& reason)
{
    m_ui->reasonLabel->setText(reason);
    m_ui->reasonLabel->setVisible(!reason.isEmpty());
}

auth::Credentials CredentialsDialog::credentials() const
{
    return {toStdString(m_ui->usernameEdit->text()), toStdString(m_ui->passwordEdit->text())};
}

CredentialsDialog::Store CredentialsDialog::store() const
{
    return static_cast<Store>(m_ui->storeCombo->currentIndex());
}

void CredentialsDialog::save()
{
    auth::CredentialStore* target = store() == Store::Keychain ? m_stores.keychain : m_stores.session;
    if (target == nullptr)
        return;
    if (m_ui->passwordEdit->text().isEmpty()) {
        m_ui->errorLabel->setText(tr("Enter a password or token."));
        return;
    }
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(false);
    m_ui->errorLabel->setText(tr("Saving…"));
    QPointer<CredentialsDialog> self(this);
    auth::CredentialVault(*target).save(
        auth::stripUrlCredentials(m_index.url), credentials(), [self](Status saved) {
            if (self.isNull())
                return;
            self->m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(true);
            if (!saved) {
                self->m_ui->errorLabel->setText(toQString(saved.error().describe()));
                return;
            }
            self->m_ui->errorLabel->clear();
            Q_EMIT self->saved();
            self->accept();
        });
}

void CredentialsDialog::test()
{
    m_ui->testButton->setEnabled(false);
    m_ui->testResultLabel->setText(tr("Testing…"));
    index::HttpRequest request{
        .url = auth::stripUrlCredentials(m_index.url), .credentials = credentials(), .timeoutSeconds = 20};
    runInBackground(
        this,
        [request] {
            index::HttpClient client({.maxAttempts = 1});
            return client.get(request);
        },
        [this](const Result<index::HttpResponse>& response) {
            m_ui->testButton->setEnabled(true);
            if (!response) {
                m_testOutcome = TestOutcome::Unreachable;
                m_ui->testResultLabel->setText(
                    tr("Unreachable: %1").arg(toQString(response.error().describe())));
            } else if (response->status == 401 || response->status == 403) {
                m_testOutcome = TestOutcome::Rejected;
                m_ui->testResultLabel->setText(tr("Rejected (HTTP %1)").arg(response->status));
            } else if (response->status >= 200 && response->status < 400) {
                m_testOutcome = TestOutcome::Authenticated;
                m_ui->testResultLabel->setText(tr("Authenticated (HTTP %1)").arg(response->status));
            } else {
                m_testOutcome = TestOutcome::Unexpected;
                m_ui->testResultLabel->setText(tr("Unexpected answer (HTTP %1)").arg(response->status));
            }
            Q_EMIT testFinished();
        });
}

} // namespace pindex::ui
