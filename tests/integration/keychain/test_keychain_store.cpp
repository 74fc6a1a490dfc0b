#include <optional>

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QUuid>

#include "ui/keychain/keychain_store.h"

using namespace pindex;

namespace {

// Processes Qt events until `done` holds or the deadline passes (a condition wait, not a sleep).
template <typename Predicate>
bool waitUntil(Predicate done, int milliseconds = 10000)
{
    QDeadlineTimer deadline(milliseconds);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return done();
}

Status saveSync(ui::KeychainStore& store, const auth::CredentialKey& key,
                const auth::Credentials& credentials)
{
    std::optional<Status> result;
    store.save(key, credentials, [&](Status status) { result = std::move(status); });
    REQUIRE(waitUntil([&] { return result.has_value(); }));
    return *result;
}

Result<std::optional<auth::Credentials>> loadSync(ui::KeychainStore& store, const auth::CredentialKey& key)
{
    std::optional<Result<std::optional<auth::Credentials>>> result;
    store.load(key, [&](Result<std::optional<auth::Credentials>> loaded) { result = std::move(loaded); });
    REQUIRE(waitUntil([&] { return result.has_value(); }));
    return *result;
}

Status removeSync(ui::KeychainStore& store, const auth::CredentialKey& key)
{
    std::optional<Status> result;
    store.remove(key, [&](Status status) { result = std::move(status); });
    REQUIRE(waitUntil([&] { return result.has_value(); }));
    return *result;
}

} // namespace

TEST_CASE("the keychain store writes, reads back, overwrites and deletes a secret", "[auth][keychain]")
{
    // A random entry, so that no run sees another run's data.
    ui::KeychainStore store(QStringLiteral("pindex-test-") +
                            QUuid::createUuid().toString(QUuid::WithoutBraces));
    const auth::CredentialKey key{"https://pkgs.example.com/simple/", "alice"};

    const auto missing = loadSync(store, key);
    REQUIRE(missing);
    CHECK_FALSE(missing->has_value());

    REQUIRE(saveSync(store, key, {"alice", "first-secret"}));
    auto loaded = loadSync(store, key);
    REQUIRE(loaded);
    REQUIRE(loaded->has_value());
    CHECK((*loaded)->username == "alice");
    CHECK((*loaded)->password == "first-secret");

    REQUIRE(saveSync(store, key, {"alice", "second-secret"}));
    loaded = loadSync(store, key);
    REQUIRE(loaded);
    REQUIRE(loaded->has_value());
    CHECK((*loaded)->password == "second-secret");

    REQUIRE(removeSync(store, key));
    loaded = loadSync(store, key);
    REQUIRE(loaded);
    CHECK_FALSE(loaded->has_value());
}

TEST_CASE("two users of one index keep separate secrets", "[auth][keychain]")
{
    ui::KeychainStore store(QStringLiteral("pindex-test-") +
                            QUuid::createUuid().toString(QUuid::WithoutBraces));
    const auth::CredentialKey alice{"https://pkgs.example.com/simple/", "alice"};
    const auth::CredentialKey bob{"https://pkgs.example.com/simple/", "bob"};
    REQUIRE(saveSync(store, alice, {"alice", "a-secret"}));
    REQUIRE(saveSync(store, bob, {"bob", "b-secret"}));
    CHECK(loadSync(store, alice).value()->password == "a-secret");
    CHECK(loadSync(store, bob).value()->password == "b-secret");
    REQUIRE(removeSync(store, alice));
    REQUIRE(removeSync(store, bob));
}
