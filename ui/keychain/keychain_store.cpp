#include "ui/keychain/keychain_store.h"

#include <qt6keychain/keychain.h>

#include <QMetaObject>
#include <QThread>

#include "ui/qt_text.h"

namespace pindex::ui {
namespace {

// Whether a failed job means that no keychain service could be reached at all (no D-Bus session,
// no Secret Service provider, no KWallet), as opposed to a refusal by a running keychain.
bool serviceUnreachable(const QKeychain::Job& job)
{
    if (job.error() == QKeychain::NoBackendAvailable)
        return true;
    if (job.error() != QKeychain::OtherError)
        return false;
    const QString text = job.errorString();
    for (const auto* marker : {"D-Bus", "DBus", "dbus", "Could not connect", "org.freedesktop.secrets",
                               "ServiceUnknown", ".service files", "autolaunch", "kwalletd"}) {
        if (text.contains(QLatin1String(marker)))
            return true;
    }
    return false;
}

Error keychainError(const QKeychain::Job& job)
{
    // Built in place, not with makeError: the keychain module links no core library.
    Error error{.code = ErrorCode::Io,
                .message = "the OS keychain refused the request: " + toStdString(job.errorString())};
    if (serviceUnreachable(job)) {
        error.message = "no OS keychain service is reachable (" + toStdString(job.errorString()) + ")";
        error.hint = "start a Secret Service provider in this session (gnome-keyring-daemon or KWallet, "
                     "on a D-Bus session bus), or provide the credentials through the "
                     "UV_INDEX_<NAME>_USERNAME / _PASSWORD environment variables or netrc; Pindex never "
                     "stores secrets in plain text instead";
    } else if (job.error() == QKeychain::AccessDenied || job.error() == QKeychain::AccessDeniedByUser) {
        error.code = ErrorCode::Unauthorized;
        error.hint = "unlock the keychain and allow Pindex to use it";
    }
    return error;
}

// Runs `start` on the thread that owns `context` (at once when already there).
template <typename Function>
void onOwnerThread(QObject* context, Function start)
{
    if (QThread::currentThread() == context->thread())
        start();
    else
        QMetaObject::invokeMethod(context, std::move(start), Qt::QueuedConnection);
}

} // namespace

KeychainStore::KeychainStore(QString service, QObject* parent)
    : QObject(parent)
    , m_service(std::move(service))
{}

QString KeychainStore::entryName(const auth::CredentialKey& key)
{
    if (key.username.empty())
        return toQString(key.indexUrl);
    return toQString(key.username) + QLatin1Char('@') + toQString(key.indexUrl);
}

void KeychainStore::load(const auth::CredentialKey& key, LoadCallback done)
{
    onOwnerThread(this, [this, key, done = std::move(done)]() mutable {
        auto* job = new QKeychain::ReadPasswordJob(m_service, this);
        job->setInsecureFallback(false);
        job->setKey(entryName(key));
        connect(job, &QKeychain::Job::finished, this,
                [key, done = std::move(done)](QKeychain::Job* finished) {
                    auto* read = static_cast<QKeychain::ReadPasswordJob*>(finished);
                    if (read->error() == QKeychain::EntryNotFound) {
                        done(std::optional<auth::Credentials>{});
                    } else if (read->error() != QKeychain::NoError) {
                        done(std::unexpected(keychainError(*read)));
                    } else {
                        done(std::optional<auth::Credentials>(
                            auth::Credentials{key.username, toStdString(read->textData())}));
                    }
                });
        job->start();
    });
}

void KeychainStore::save(const auth::CredentialKey& key, const auth::Credentials& credentials,
                         DoneCallback done)
{
    onOwnerThread(this, [this, key, credentials, done = std::move(done)]() mutable {
        auto* job = new QKeychain::WritePasswordJob(m_service, this);
        job->setInsecureFallback(false);
        job->setKey(entryName(key));
        job->setTextData(toQString(credentials.password));
        connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* finished) {
            if (finished->error() != QKeychain::NoError)
                done(std::unexpected(keychainError(*finished)));
            else
                done({});
        });
        job->start();
    });
}

void KeychainStore::remove(const auth::CredentialKey& key, DoneCallback done)
{
    onOwnerThread(this, [this, key, done = std::move(done)]() mutable {
        auto* job = new QKeychain::DeletePasswordJob(m_service, this);
        job->setInsecureFallback(false);
        job->setKey(entryName(key));
        connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job* finished) {
            if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound)
                done(std::unexpected(keychainError(*finished)));
            else
                done({});
        });
        job->start();
    });
}

} // namespace pindex::ui
