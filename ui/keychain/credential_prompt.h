#pragma once

// Asks the user for an index's credentials when an operation meets a 401/403 from an index
// without working credentials, and resumes the operation once they are saved. One dialog per
// index at a time: further requests for the same index wait for the dialog already open. The
// dialog is opened with open(); nothing waits on the UI thread.

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include <QObject>
#include <QPointer>

#include "ui/dialogs/credentials_dialog.h"

class QWidget;

namespace pindex::ui {

class CredentialPrompt final : public QObject
{
    Q_OBJECT

public:
    using Resume = std::function<void(std::optional<auth::Credentials>)>;

    CredentialPrompt(CredentialsDialog::Stores stores, QWidget* window, QObject* parent = nullptr);

    // Call on the UI thread. `resume` runs there with the saved credentials, or std::nullopt when
    // the user cancelled.
    void requestCredentials(const auth::IndexIdentity& index, int httpStatus, Resume resume);

Q_SIGNALS:
    void dialogOpened(pindex::ui::CredentialsDialog* dialog);

private:
    CredentialsDialog::Stores m_stores;
    QPointer<QWidget> m_window;
    std::map<std::string, std::vector<Resume>> m_waiting; // by index URL
};

} // namespace pindex::ui
