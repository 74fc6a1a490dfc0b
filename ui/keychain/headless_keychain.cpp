#include "ui/keychain/headless_keychain.h"

#include <array>
#include <memory>

#include <QCoreApplication>
#include <QMetaObject>
#include <QTimer>

#include "ui/keychain/keychain_store.h"

namespace pindex::ui {

int runHeadlessKeychain(const KeychainWork& work)
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

} // namespace pindex::ui
