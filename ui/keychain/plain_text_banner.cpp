#include "ui/keychain/plain_text_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/auth/credential_vault.h"
#include "core/auth/index_url.h"
#include "core/util/file_io.h"
#include "ui/qt_text.h"

namespace pindex::ui {

PlainTextBanner::PlainTextBanner(auth::CredentialStore* keychain, QWidget* parent)
    : QWidget(parent)
    , m_keychain(keychain)
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("plainTextBanner"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    hide();
}

void PlainTextBanner::setProjectFile(const std::filesystem::path& pyprojectFile)
{
    m_file = pyprojectFile;
    m_findings.clear();
    if (const auto text = readFile(m_file))
        m_findings = auth::findPlainTextCredentials(*text);
    rebuild();
}

void PlainTextBanner::rebuild()
{
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        if (QWidget* widget = item->widget())
            widget->deleteLater();
        delete item;
    }
    for (std::size_t i = 0; i < m_findings.size(); ++i) {
        const auto& finding = m_findings[i];
        auto* row = new QWidget(this);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto* label =
            new QLabel(tr("%1:%2:%3: the index URL %4 holds a password in plain text; anyone who can "
                          "read the project can read it.")
                           .arg(toQString(m_file.filename().string()))
                           .arg(finding.line)
                           .arg(finding.column)
                           .arg(toQString(finding.maskedUrl)),
                       row);
        label->setObjectName(QStringLiteral("plainTextWarning"));
        label->setWordWrap(true);
        auto* button = new QPushButton(tr("Move to keychain"), row);
        button->setObjectName(QStringLiteral("moveToKeychainButton"));
        button->setEnabled(m_keychain != nullptr);
        connect(button, &QPushButton::clicked, this, [this, i] { moveToKeychain(i); });
        rowLayout->addWidget(label, 1);
        rowLayout->addWidget(button);
        m_layout->addWidget(row);
    }
    setVisible(!m_findings.empty());
}

void PlainTextBanner::moveToKeychain(std::size_t index)
{
    if (index >= m_findings.size() || m_keychain == nullptr)
        return;
    const auth::PlainTextCredential finding = m_findings[index];
    QPointer<PlainTextBanner> self(this);
    auth::CredentialVault(*m_keychain)
        .save(auth::stripUrlCredentials(finding.url), finding.credentials, [self, finding](Status saved) {
            if (self.isNull())
                return;
            if (!saved) {
                Q_EMIT self->moveFailed(toQString(saved.error().describe()));
                return;
            }
            // Saved: now take the secret out of the file, only if the file still holds it there.
            const auto snapshot = readSnapshot(self->m_file);
            Status written = snapshot ? Status{} : Status{std::unexpected(snapshot.error())};
            if (snapshot) {
                auto rewritten = auth::withoutPlainTextCredential(snapshot->content, finding);
                written = rewritten ? replaceSnapshot(*snapshot, *rewritten)
                                    : Status{std::unexpected(rewritten.error())};
            }
            self->setProjectFile(self->m_file);
            if (!written)
                Q_EMIT self->moveFailed(toQString(written.error().describe()));
            else
                Q_EMIT self->moved(toQString(finding.maskedUrl));
        });
}

} // namespace pindex::ui
