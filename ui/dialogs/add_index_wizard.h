#pragma once

// The add-index wizard, the "click to add a private index" path:
//
//   1. Source: a provider preset whose URL template has named blanks (validated as typed), or a
//      pasted URL; credentials in a pasted URL are taken out of it and offered on the credentials
//      page, never written to pyproject.toml.
//   2. Name and role: a name suggested from the host (valid per uv's rules, unique in the project);
//      the role in words: search it before PyPI, only for pinned packages (explicit), use it
//      instead of PyPI (default); when to send credentials (authenticate).
//   3. Credentials: where the index's credentials already come from (environment, netrc,
//      keychain), or the credentials dialog (saves to the keychain or this session).
//   4. Connection test, live (core's testConnection on a worker).
//   5. Optionally pin packages or a pattern ("acme-*") to the new index.
//   6. Preview: the exact change to pyproject.toml as a unified diff of the bytes; Write saves
//      exactly those bytes (refused when the file changed on disk meanwhile: the preview is redone).
//   7. Done, with an offer to lock again (relockRequested; the main window runs the re-lock).
//
// Nothing here blocks the UI thread; the wizard is opened with open() or show().

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <QWizard>

#include "core/auth/credentials.h"
#include "core/index/connection_test.h"
#include "ui/dialogs/credentials_dialog.h"

namespace pindex::ui {

class AddIndexWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId { SourcePage, DetailsPage, CredentialsPage, TestPage, PinsPage, PreviewPage, DonePage };
    enum class IndexRole { Searched, Explicit, Default };

    // What the pages have gathered so far.
    struct Draft
    {
        std::string url; // without credentials
        bool flat = false;
        std::optional<auth::Credentials> pastedCredentials; // taken out of a pasted URL
        std::string name;
        IndexRole role = IndexRole::Searched;
        std::string authenticate = "auto";
        std::optional<auth::ProvidedCredentials> credentials; // found or entered
        std::optional<index::ConnectionReport> report;
        std::vector<std::string> pinnedPackages;
        std::string pattern;
        std::string textBefore; // pyproject.toml as read for the preview
        std::string textAfter;  // what Write saves
    };

    AddIndexWizard(std::filesystem::path pyprojectFile, CredentialsDialog::Stores stores,
                   QWidget* parent = nullptr);
    ~AddIndexWizard() override;

    [[nodiscard]] const Draft& draft() const { return m_draft; }
    [[nodiscard]] const std::filesystem::path& pyprojectFile() const { return m_file; }
    [[nodiscard]] CredentialsDialog::Stores stores() const { return m_stores; }
    [[nodiscard]] Draft& mutableDraft() { return m_draft; }
    // The names of the project's indexes (for a unique name), read when the wizard opened.
    [[nodiscard]] const std::vector<std::string>& takenNames() const { return m_takenNames; }

Q_SIGNALS:
    // pyproject.toml now holds the new index (and its pins).
    void indexAdded(const QString& name);
    // The user asked to lock again after adding the index.
    void relockRequested();

protected:
    void done(int result) override;

private:
    std::filesystem::path m_file;
    CredentialsDialog::Stores m_stores;
    std::vector<std::string> m_takenNames;
    Draft m_draft;
};

} // namespace pindex::ui
