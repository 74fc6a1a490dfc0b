#include "app/keychain.h"

#include <condition_variable>
#include <dlfcn.h>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "app/private_files.h"

namespace pindex::app {
namespace {

using EntryPoint = decltype(&pindex_keychain_run_v1);

// Opens the keychain module and finds its entry point. The module is never closed: Qt cannot be
// unloaded from a running process, and the process ends soon after anyway.
Result<EntryPoint> openKeychainModule()
{
    const auto path = keychainModulePath();
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    void* entry = handle != nullptr ? ::dlsym(handle, ui::kKeychainEntryPoint) : nullptr;
    if (entry == nullptr) {
        const char* reason = ::dlerror();
        Error error =
            makeError(ErrorCode::Io, "the OS keychain support of this installation cannot be loaded (" +
                                         std::string(reason != nullptr ? reason : path.c_str()) + ")");
        error.hint = "reinstall pindex (" + path.string() +
                     " belongs to it), or provide the credentials through the UV_INDEX_<NAME>_USERNAME / "
                     "_PASSWORD environment variables or netrc";
        return std::unexpected(std::move(error));
    }
    return reinterpret_cast<EntryPoint>(entry);
}

// The keychain of a process whose keychain module cannot be loaded: every call fails at once with
// the reason.
class UnavailableKeychain final : public auth::CredentialStore
{
public:
    explicit UnavailableKeychain(Error error)
        : m_error(std::move(error))
    {}

    void load(const auth::CredentialKey& /*key*/, LoadCallback done) override
    {
        done(std::unexpected(m_error));
    }
    void save(const auth::CredentialKey& /*key*/, const auth::Credentials& /*credentials*/,
              DoneCallback done) override
    {
        done(std::unexpected(m_error));
    }
    void remove(const auth::CredentialKey& /*key*/, DoneCallback done) override
    {
        done(std::unexpected(m_error));
    }

private:
    Error m_error;
};

// Runs `work` against the unavailable keychain and waits for its `finish`, which may come from
// another thread.
int runUnavailable(Error error, const ui::KeychainWork& work)
{
    UnavailableKeychain store(std::move(error));
    std::mutex mutex;
    std::condition_variable changed;
    std::optional<int> code;
    work(store, [&](int result) {
        const std::scoped_lock lock(mutex);
        code = result;
        changed.notify_all();
    });
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return code.has_value(); });
    return *code;
}

// The store a command body gets from runWithKeychain. Until the first call nothing is loaded;
// the first call is queued and wakes the main thread, which loads the module, starts its event
// loop and attaches the real store: queued calls go to it then, later calls straight away (the
// real store forwards calls from other threads to its own).
class DeferredKeychain final : public auth::CredentialStore
{
public:
    void load(const auth::CredentialKey& key, LoadCallback done) override
    {
        forward([key, done = std::move(done)](auth::CredentialStore& store) mutable {
            store.load(key, std::move(done));
        });
    }
    void save(const auth::CredentialKey& key, const auth::Credentials& credentials,
              DoneCallback done) override
    {
        forward([key, credentials, done = std::move(done)](auth::CredentialStore& store) mutable {
            store.save(key, credentials, std::move(done));
        });
    }
    void remove(const auth::CredentialKey& key, DoneCallback done) override
    {
        forward([key, done = std::move(done)](auth::CredentialStore& store) mutable {
            store.remove(key, std::move(done));
        });
    }

    // The body's end, from the worker: ends the event loop when one runs.
    void bodyFinished(int code)
    {
        std::function<void(int)> finish;
        {
            const std::scoped_lock lock(m_mutex);
            m_code = code;
            finish = m_finish;
        }
        m_changed.notify_all();
        if (finish)
            finish(code);
    }

    // On the main thread: waits until the body finished or asked the keychain something; true
    // when the keychain is needed.
    bool waitUntilNeeded()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_code.has_value() || !m_pending.empty(); });
        return !m_pending.empty();
    }

    // On the thread that serves `store`: every call from now on goes to `store`; the queued ones
    // are made here. `finish` ends the serving loop with the body's code.
    void attach(auth::CredentialStore& store, std::function<void(int)> finish)
    {
        std::vector<Call> pending;
        std::optional<int> code;
        {
            const std::scoped_lock lock(m_mutex);
            m_store = &store;
            m_finish = finish;
            pending.swap(m_pending);
            code = m_code;
        }
        for (auto& call : pending)
            call(store);
        if (code)
            finish(*code);
    }

    // The body's code once it finished (after waitUntilNeeded returned false).
    [[nodiscard]] int code()
    {
        const std::scoped_lock lock(m_mutex);
        return m_code.value_or(0);
    }

private:
    using Call = std::function<void(auth::CredentialStore& store)>;

    void forward(Call call)
    {
        auth::CredentialStore* store = nullptr;
        {
            const std::scoped_lock lock(m_mutex);
            store = m_store;
            if (store == nullptr)
                m_pending.push_back(std::move(call));
        }
        if (store != nullptr)
            call(*store);
        else
            m_changed.notify_all();
    }

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<Call> m_pending;
    auth::CredentialStore* m_store = nullptr;
    std::function<void(int)> m_finish;
    std::optional<int> m_code;
};

} // namespace

int runHeadlessKeychain(const ui::KeychainWork& work)
{
    const auto entry = openKeychainModule();
    if (!entry)
        return runUnavailable(entry.error(), work);
    return (*entry)(work);
}

int runWithKeychain(const std::function<int(auth::CredentialStore& keychain)>& body)
{
    DeferredKeychain keychain;
    std::jthread worker([&] { keychain.bodyFinished(body(keychain)); });
    if (!keychain.waitUntilNeeded()) {
        worker.join();
        return keychain.code();
    }
    return runHeadlessKeychain([&keychain](auth::CredentialStore& store, std::function<void(int)> finish) {
        keychain.attach(store, std::move(finish));
    });
}

} // namespace pindex::app
