// Faults during a sync: each gives a clear error and leaves the venv consistent (pip check), with
// every package in its old state.

#include <atomic>
#include <cerrno>
#include <cstring>
#include <sys/mount.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "core/install/installed.h"
#include "core/install/venv.h"
#include "core/util/file_io.h"
#include "tests/integration/install/sync_fixture.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using namespace pindex::install;
namespace fs = std::filesystem;

namespace {

bool haveWheels()
{
    const auto& wheels = test::syncWheels();
    if (!wheels.generatorError.empty() || !wheels.files.contains("pip")) {
        WARN("Skipped: make_sync_data.py could not repack Debian's Python packages: "
             << wheels.generatorError);
        return false;
    }
    return true;
}

// A project whose venv already holds six and pip from a first sync.
struct Synced
{
    test::TempDir dir{"pindex-sync-fault"};
    fs::path project = dir / "project";
    fs::path served = dir / "served";
    fs::path cache = dir / "cache";
    fs::path python = project / ".venv" / "bin" / "python";
    std::map<std::string, std::string> before;

    Synced()
    {
        fs::create_directories(project);
        fs::create_directories(served);
        for (const auto& [name, file] : test::syncWheels().files)
            fs::copy_file(test::syncWheels().directory / file, served / file);
        test::NginxFixture server({.root = served});
        writeLock(test::makeLock(served, server.url("/"), {"--only", "pip,six"}));
        const auto first = test::runSync(project, cache);
        REQUIRE(first);
        REQUIRE(first->succeeded());
        before = test::pipList(python);
    }

    void writeLock(const std::string& text) const { REQUIRE(writeFileAtomic(project / "pylock.toml", text)); }

    void checkUnchanged() const
    {
        CHECK(test::pipList(python) == before);
        const auto check = test::pip(python, {"check"});
        CAPTURE(check.out, check.err);
        CHECK(check.exitCode == 0);
        CHECK_FALSE(fs::exists(project / ".venv" / ".pindex-staging"));
    }
};

const PackageResult& resultFor(const SyncSummary& summary, const std::string& name)
{
    const auto found = std::ranges::find(summary.packages, name, &PackageResult::name);
    REQUIRE(found != summary.packages.end());
    return *found;
}

} // namespace

TEST_CASE("A download that does not match the lock's sha256 is refused and nothing changes",
          "[install][sync][fault]")
{
    if (!haveWheels())
        return;
    Synced synced;
    test::NginxFixture server({.root = synced.served});
    // The lock names the real files; the server then hands out another file under idna's name.
    synced.writeLock(test::makeLock(synced.served, server.url("/"), {"--only", "pip,idna,certifi"}));
    const auto idna = test::syncWheels().files.at("idna");
    REQUIRE(test::runProcess({test::kPython.string(), (test::kToolsDir / "make_sync_data.py").string(),
                              "rezip", (synced.served / idna).string(), (synced.dir / idna).string()})
                .exitCode == 0);
    fs::copy_file(synced.dir / idna, synced.served / idna, fs::copy_options::overwrite_existing);

    const auto summary = test::runSync(synced.project, synced.cache);
    REQUIRE(summary);
    CHECK_FALSE(summary->succeeded());
    const auto& failed = resultFor(*summary, "idna");
    CHECK(failed.outcome == PackageOutcome::Failed);
    REQUIRE(failed.error);
    CHECK(failed.error->message.find("does not match the lock's sha256") != std::string::npos);
    CHECK(failed.installedVersion.empty());
    // Nothing else changed either: six stays although the lock dropped it, certifi is not installed.
    CHECK(resultFor(*summary, "six").outcome == PackageOutcome::NotStarted);
    CHECK(resultFor(*summary, "six").installedVersion == test::syncWheels().versions.at("six"));
    CHECK(resultFor(*summary, "certifi").outcome == PackageOutcome::NotStarted);
    synced.checkUnchanged();
}

TEST_CASE("A server dying in the middle of a transfer fails the sync before the venv changes",
          "[install][sync][fault]")
{
    if (!haveWheels())
        return;
    Synced synced;
    // Slow enough that the transfer is surely under way when the server is stopped.
    std::optional<test::NginxFixture> server(
        std::in_place,
        test::NginxOptions{.root = synced.served,
                           .extraServerConfig = "        location ~ \\.whl$ { limit_rate 20k; }\n"});
    synced.writeLock(test::makeLock(synced.served, server->url("/"), {"--only", "pip,six,certifi"}));
    struct Killer : SyncProgressObserver
    {
        std::optional<test::NginxFixture>* server;
        bool killed = false;
        void overall(const SyncProgress& progress) override
        {
            if (!killed && progress.phase == SyncPhase::Downloading && progress.bytesDone > 0) {
                server->reset(); // nginx stops: the connection breaks mid-body, retries are refused
                killed = true;
            }
        }
    } killer;
    killer.server = &server;
    const auto summary = test::runSync(synced.project, synced.cache, {}, &killer);
    REQUIRE(summary);
    CHECK(killer.killed);
    CHECK_FALSE(summary->succeeded());
    const auto& certifi = resultFor(*summary, "certifi");
    CHECK(certifi.outcome == PackageOutcome::Failed);
    REQUIRE(certifi.error);
    CAPTURE(certifi.error->describe());
    CHECK(certifi.error->code == ErrorCode::Network);
    CHECK(certifi.installedVersion.empty());
    synced.checkUnchanged();
}

TEST_CASE("Malicious wheels are refused with the member named, and the venv stays as it was",
          "[install][sync][fault]")
{
    if (!haveWheels())
        return;
    Synced synced;
    test::TempDir evil;
    REQUIRE(test::runProcess({test::kPython.string(), (test::kToolsDir / "make_test_wheels.py").string(),
                              evil.path().string()})
                .exitCode == 0);
    const auto [file, expected] = GENERATE(table<std::string, std::string>({
        {"evil_traversal-1.0-py3-none-any.whl", "leaves the wheel through `..`"},
        {"evil_absolute-1.0-py3-none-any.whl", "has an absolute path"},
        {"evil_link-1.0-py3-none-any.whl", "is a link pointing outside the wheel"},
    }));
    CAPTURE(file);
    fs::create_directories(synced.served / "evil");
    fs::copy_file(evil / file, synced.served / "evil" / file);
    test::NginxFixture server({.root = synced.served});
    std::string text = test::makeLock(synced.served, server.url("/"), {"--only", "pip,six"});
    text += test::makeLock(synced.served / "evil", server.url("/evil"))
                .substr(std::string("lock-version = \"1.0\"\ncreated-by = \"make_sync_data\"\n"
                                    "requires-python = \">=3.8\"\n")
                            .size());
    synced.writeLock(text);
    const auto summary = test::runSync(synced.project, synced.cache);
    REQUIRE(summary);
    CHECK_FALSE(summary->succeeded());
    const std::string name = file.substr(0, file.find('-')) == "evil_traversal" ? "evil-traversal"
                             : file.starts_with("evil_absolute")                ? "evil-absolute"
                                                                                : "evil-link";
    const auto& refused = resultFor(*summary, name);
    CHECK(refused.outcome == PackageOutcome::Failed);
    REQUIRE(refused.error);
    CHECK(refused.error->message.find(expected) != std::string::npos);
    CHECK(refused.error->message.find(file) != std::string::npos);
    CHECK_FALSE(fs::exists("/tmp/pindex-evil-absolute.py"));
    synced.checkUnchanged();
}

TEST_CASE("A full disk (a tiny tmpfs holding the venv) fails one package, rolled back, venv consistent",
          "[install][sync][fault]")
{
    if (!haveWheels())
        return;
    test::TempDir dir{"pindex-sync-full"};
    const fs::path mountPoint = dir / "small";
    fs::create_directories(mountPoint);
    if (::geteuid() != 0 || ::mount("tmpfs", mountPoint.c_str(), "tmpfs", 0, "size=24m") != 0) {
        WARN("Skipped: cannot mount a tmpfs here (needs root): " << std::strerror(errno));
        return;
    }
    struct Unmount
    {
        fs::path point;
        ~Unmount() { ::umount2(point.c_str(), MNT_DETACH); }
    } unmount{mountPoint};
    const fs::path project = mountPoint / "project";
    const fs::path served = dir / "served";
    const fs::path cache = dir / "cache"; // another filesystem: files are copied into the venv
    fs::create_directories(project);
    fs::create_directories(served);
    for (const auto& [name, file] : test::syncWheels().files)
        fs::copy_file(test::syncWheels().directory / file, served / file);
    test::NginxFixture server({.root = served});
    // pip alone fits; the rest does not (the ballast leaves too little room).
    REQUIRE(
        writeFileAtomic(project / "pylock.toml", test::makeLock(served, server.url("/"), {"--only", "pip"})));
    REQUIRE(test::runSync(project, cache));
    const fs::path python = project / ".venv" / "bin" / "python";
    const auto before = test::pipList(python);
    {
        const auto available = fs::space(mountPoint).available;
        REQUIRE(writeFileAtomic(mountPoint / "ballast", std::string(available - 600 * 1024, 'x'),
                                {.durable = false}));
    }
    REQUIRE(writeFileAtomic(project / "pylock.toml", test::makeLock(served, server.url("/"))));
    const auto summary = test::runSync(project, cache);
    REQUIRE(summary);
    CHECK_FALSE(summary->succeeded());
    std::size_t failed = 0;
    for (const auto& result : summary->packages) {
        if (result.outcome != PackageOutcome::Failed)
            continue;
        ++failed;
        REQUIRE(result.error);
        CAPTURE(result.error->describe());
        CHECK(result.error->message.find("No space left on device") != std::string::npos);
        CHECK(result.installedVersion == result.oldVersion);
    }
    CHECK(failed >= 1);
    // Whatever fit is fully installed, whatever did not is fully absent: pip agrees with the summary.
    std::map<std::string, std::string> expected;
    for (const auto& result : summary->packages)
        if (!result.installedVersion.empty())
            expected[result.name] = result.installedVersion;
    fs::remove(mountPoint / "ballast");
    CHECK(test::pipList(python) == expected);
    const auto check = test::pip(python, {"check"});
    CAPTURE(check.out, check.err);
    // pip check may miss a dependency that did not fit, but no installed file is broken.
    const auto verify = test::runProcess(
        {python.string(), "-c",
         "import csv, hashlib, base64, pathlib, sys, importlib.metadata as m\n"
         "bad = []\n"
         "for d in m.distributions():\n"
         "    for f in d.files or []:\n"
         "        if f.hash and f.hash.mode == 'sha256':\n"
         "            p = pathlib.Path(d.locate_file(f))\n"
         "            h = "
         "base64.urlsafe_b64encode(hashlib.sha256(p.read_bytes()).digest()).rstrip(b'=').decode()\n"
         "            if h != f.hash.value: bad.append(str(p))\n"
         "print(len(bad))\n"});
    CHECK(verify.out == "0\n");
    CHECK(before.contains("pip"));
}
