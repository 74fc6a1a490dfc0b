#include "ui/keychain/headless_keychain.h"

#include <array>
#include <memory>
#include <thread>

#include <QCoreApplication>
#include <QMetaObject>
#include <QTimer>

namespace pindex::ui {

int runHeadlessKeychain(
    const std::function<void(KeychainStore& store, std::function<void(int)> finish)>& work)
{
    // argc and argv outlive the application, which keeps references to them.
    int argc = 1;
    std::array<char, 7> name{'p', 'i', 'n', 'd', 'e', 'x', '\0'};
    std::array<char*, 2> argv{name.data(), nullptr};
    std::unique_ptr<QCoreApplication> application;
    if (QCoreApplication::instance() == nullptr)
        application = std::make_unique<QCoreApplication>(argc, argv.data());
    KeychainStore store;
    auto finish = [&store](int code) {
        QMetaObject::invokeMethod(
            &store, [code] { QCoreApplication::exit(code); }, Qt::QueuedConnection);
    };
    QTimer::singleShot(0, &store, [&store, &work, finish] { work(store, finish); });
    return QCoreApplication::exec();
}

int runWithKeychain(const std::function<int(auth::CredentialStore& keychain)>& body)
{
    std::jthread worker;
    const int code = runHeadlessKeychain([&](KeychainStore& store, std::function<void(int)> finish) {
        worker = std::jthread([&body, &store, finish] { finish(body(store)); });
    });
    if (worker.joinable())
        worker.join();
    return code;
}

} // namespace pindex::ui
