#include "ui/keychain/credential_prompt.h"

#include <QWidget>

#include "core/auth/index_url.h"

namespace pindex::ui {

CredentialPrompt::CredentialPrompt(CredentialsDialog::Stores stores, QWidget* window, QObject* parent)
    : QObject(parent)
    , m_stores(stores)
    , m_window(window)
{}

void CredentialPrompt::requestCredentials(const auth::IndexIdentity& index, int httpStatus, Resume resume)
{
    const std::string key = auth::normalizeIndexUrl(index.url).value_or(index.url);
    auto& waiting = m_waiting[key];
    waiting.push_back(std::move(resume));
    if (waiting.size() > 1)
        return; // the dialog for this index is already open

    auto* dialog = new CredentialsDialog(index, m_stores, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setReason(tr("The index answered HTTP %1: it needs credentials that work.").arg(httpStatus));
    auto finish = [this, key](std::optional<auth::Credentials> credentials) {
        auto resumes = std::move(m_waiting[key]);
        m_waiting.erase(key);
        for (auto& waiter : resumes)
            waiter(credentials);
    };
    connect(dialog, &CredentialsDialog::saved, this, [dialog, finish] { finish(dialog->credentials()); });
    connect(dialog, &QDialog::rejected, this, [finish] { finish(std::nullopt); });
    dialog->open();
    Q_EMIT dialogOpened(dialog);
}

} // namespace pindex::ui
