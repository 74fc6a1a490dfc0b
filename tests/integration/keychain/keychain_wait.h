#pragma once

// Helpers for the keychain tests: QtKeychain answers through the Qt event loop of this (the main)
// thread, so a test processes events until a condition holds or a deadline passes (never sleeps).

#include <future>
#include <optional>

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QDeadlineTimer>

#include "core/auth/credential_vault.h"

namespace pindex::test {

template <typename Predicate>
bool waitUntil(Predicate done, int milliseconds = 10000)
{
    QDeadlineTimer deadline(milliseconds);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return done();
}

// Runs `job` on a worker thread (it may wait for the keychain) while this thread serves events.
template <typename Job>
auto onWorker(Job job)
{
    auto future = std::async(std::launch::async, std::move(job));
    REQUIRE(waitUntil([&] { return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready; },
                      30000));
    return future.get();
}

inline Status vaultSave(auth::CredentialVault& vault, const std::string& url,
                        const auth::Credentials& credentials)
{
    std::optional<Status> result;
    vault.save(url, credentials, [&](Status status) { result = std::move(status); });
    REQUIRE(waitUntil([&] { return result.has_value(); }));
    return *result;
}

inline Result<std::optional<auth::Credentials>>
vaultLoad(auth::CredentialVault& vault, const std::string& url,
          const std::optional<std::string>& username = std::nullopt)
{
    std::optional<Result<std::optional<auth::Credentials>>> result;
    vault.load(url, username,
               [&](Result<std::optional<auth::Credentials>> loaded) { result = std::move(loaded); });
    REQUIRE(waitUntil([&] { return result.has_value(); }));
    return *result;
}

inline Status vaultRemove(auth::CredentialVault& vault, const std::string& url,
                          const std::optional<std::string>& username = std::nullopt)
{
    std::optional<Status> result;
    vault.remove(url, username, [&](Status status) { result = std::move(status); });
    REQUIRE(waitUntil([&] { return result.has_value(); }));
    return *result;
}

} // namespace pindex::test
