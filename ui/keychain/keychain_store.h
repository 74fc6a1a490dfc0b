#pragma once

// The OS keychain (Secret Service / KWallet on Linux, Keychain on macOS, Credential Manager on
// Windows) as core's CredentialStore, through QtKeychain. Jobs run asynchronously on the thread
// that owns this object (the UI thread); calls from other threads are forwarded there, and the
// callbacks run there. Nothing ever falls back to plain-text storage: when no keychain service
// is reachable the callback receives an error that says what to install or start.

#include <QObject>
#include <QString>

#include "core/auth/credential_store.h"

namespace pindex::ui {

class KeychainStore final
    : public QObject
    , public auth::CredentialStore
{
    Q_OBJECT

public:
    explicit KeychainStore(QString service = QStringLiteral("pindex"), QObject* parent = nullptr);

    void load(const auth::CredentialKey& key, LoadCallback done) override;
    void save(const auth::CredentialKey& key, const auth::Credentials& credentials,
              DoneCallback done) override;
    void remove(const auth::CredentialKey& key, DoneCallback done) override;

    // The keychain entry name for a key: "<username>@<index url>", or the URL for a bare token.
    [[nodiscard]] static QString entryName(const auth::CredentialKey& key);

private:
    QString m_service;
};

} // namespace pindex::ui
