#pragma once

// The credential entry dialog for one index: username, password or token (masked, with
// show/hide), where to keep it (the OS keychain by default, or this session only), a Test button
// that makes an authenticated request to the index and shows the outcome with its HTTP status,
// and a line naming the environment variables that can provide the same credentials instead.
//
// Nothing here blocks: the test request runs on the thread pool and saving is an asynchronous
// store operation; the dialog is opened with open(), never exec(). Closing the dialog drops a
// pending result. The secret lives only in the password field and in the store it is saved to.

#include <memory>

#include <QDialog>

#include "core/auth/credential_provider.h"
#include "core/auth/credential_store.h"

namespace Ui {
class CredentialsDialog;
}

namespace pindex::ui {

class CredentialsDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Store { Keychain, Session };
    enum class TestOutcome { None, Authenticated, Rejected, Unreachable, Unexpected };

    struct Stores
    {
        auth::CredentialStore* keychain = nullptr;
        auth::CredentialStore* session = nullptr;
    };

    CredentialsDialog(auth::IndexIdentity index, Stores stores, QWidget* parent = nullptr);
    ~CredentialsDialog() override;

    // Why the dialog opened, e.g. "The index answered HTTP 401".
    void setReason(const QString& reason);

    [[nodiscard]] auth::Credentials credentials() const;
    [[nodiscard]] Store store() const;
    [[nodiscard]] TestOutcome testOutcome() const { return m_testOutcome; }

Q_SIGNALS:
    // The credentials were saved in the chosen store; the dialog closes right after.
    void saved();
    void testFinished();

private:
    void save();
    void test();

    std::unique_ptr<::Ui::CredentialsDialog> m_ui;
    auth::IndexIdentity m_index;
    Stores m_stores;
    TestOutcome m_testOutcome = TestOutcome::None;
};

} // namespace pindex::ui
