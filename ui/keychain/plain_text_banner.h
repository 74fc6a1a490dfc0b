#pragma once

// The warning the Indexes view shows when pyproject.toml holds an index URL with a password in
// plain text ("https://user:secret@host/..."): one line per such URL, with its place in the file
// and a "Move to keychain" button. Moving saves the credentials in the OS keychain first and only
// then rewrites that one URL in the file (without its credentials, every other byte unchanged);
// when the file changed on disk meanwhile, nothing is written and the banner says so.

#include <filesystem>
#include <vector>

#include <QWidget>

#include "core/auth/credential_store.h"
#include "core/auth/plain_text_credentials.h"

class QVBoxLayout;

namespace pindex::ui {

class PlainTextBanner final : public QWidget
{
    Q_OBJECT

public:
    explicit PlainTextBanner(auth::CredentialStore* keychain, QWidget* parent = nullptr);

    // Scans `pyprojectFile` and shows one warning per plain-text password; hides when none.
    void setProjectFile(const std::filesystem::path& pyprojectFile);
    [[nodiscard]] int warningCount() const { return static_cast<int>(m_findings.size()); }

Q_SIGNALS:
    void moved(const QString& maskedUrl);
    void moveFailed(const QString& message);

private:
    void rebuild();
    void moveToKeychain(std::size_t finding);

    auth::CredentialStore* m_keychain;
    std::filesystem::path m_file;
    std::vector<auth::PlainTextCredential> m_findings;
    QVBoxLayout* m_layout;
};

} // namespace pindex::ui
