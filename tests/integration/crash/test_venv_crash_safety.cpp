// Crash safety of the venv: the sync job (crash_writer.cpp `sync`, the job behind `pindex sync`)
// moves a real venv between two locks (an upgrade and a downgrade with scripts, headers, data and
// entry points, a reinstall of the same version from another file, an install, a removal) and is
// killed with SIGKILL right before its Nth file-system change (kill_after_ops.cpp), for N spread
// over the whole run, in both directions. After each kill:
// - every package whose RECORD lists a missing or changed file, and every .dist-info without a
//   RECORD, is covered by the journal of the interrupted change (the next sync's recovery sees it);
// - the next sync succeeds, the venv holds exactly the lock's packages, every file matches its
//   RECORD, nothing is left that no RECORD owns, and `pip check` passes.
// And for a power loss, where the disk may keep a later step but lose an earlier journal record:
// the same sync traced call by call shows the journal flushed before each step recovery depends on.

#include <algorithm>
#include <array>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <catch2/catch.hpp>

#include "core/install/file_transaction.h"
#include "core/install/installed.h"
#include "core/install/record.h"
#include "core/install/venv.h"
#include "core/util/file_io.h"
#include "tests/integration/install/sync_fixture.h"
#include "tests/support/nginx_fixture.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

extern char** environ;

using namespace pindex;
namespace fs = std::filesystem;

namespace {

// Kill points per direction (A to B, B to A).
constexpr int kKillPointsPerDirection = 15;
constexpr int kKilledBySigkill = 128 + 9;

struct Lock
{
    fs::path file;
    std::map<std::string, std::string> versions; // canonical name -> version
};

class VenvScenario
{
public:
    explicit VenvScenario(const fs::path& root)
        : m_root(root)
    {}

    [[nodiscard]] test::ProcessResult sync(const Lock& lock,
                                           const std::map<std::string, std::string>& extra = {}) const
    {
        return test::runProcess({PINDEX_CRASH_WRITER, "sync", project().string(), lock.file.string(),
                                 cache().string(), test::kPython.string()},
                                {.environment = extra});
    }

    // The number of file-system changes a sync to `lock` makes from the current state.
    [[nodiscard]] long countedSync(const Lock& lock) const
    {
        const fs::path counter = m_root / "operations";
        const auto result =
            sync(lock, {{"LD_PRELOAD", PINDEX_KILL_AFTER_OPS}, {"PINDEX_COUNT_OPS_FILE", counter.string()}});
        INFO(result.out << result.err);
        REQUIRE(result.exitCode == 0);
        const auto text = readFile(counter);
        REQUIRE(text);
        return std::stol(*text);
    }

    // The sync's calls that matter to a power loss, in order (kill_after_ops.cpp's trace lines).
    [[nodiscard]] std::vector<std::string> tracedSync(const Lock& lock) const
    {
        const fs::path trace = m_root / "trace";
        fs::remove(trace);
        const auto result =
            sync(lock, {{"LD_PRELOAD", PINDEX_KILL_AFTER_OPS}, {"PINDEX_TRACE_OPS_FILE", trace.string()}});
        INFO(result.out << result.err);
        REQUIRE(result.exitCode == 0);
        const auto text = readFile(trace);
        REQUIRE(text);
        std::vector<std::string> lines;
        std::string_view rest = *text;
        while (!rest.empty()) {
            const auto newline = rest.find('\n');
            lines.emplace_back(rest.substr(0, newline));
            rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
        }
        return lines;
    }

    [[nodiscard]] test::ProcessResult killedSync(const Lock& lock, long operation) const
    {
        return sync(lock, {{"LD_PRELOAD", PINDEX_KILL_AFTER_OPS},
                           {"PINDEX_KILL_AFTER_OPS", std::to_string(operation)}});
    }

    [[nodiscard]] fs::path project() const { return m_root / "project"; }
    [[nodiscard]] fs::path cache() const { return m_root / "cache"; }
    [[nodiscard]] install::VenvLayout venv() const
    {
        const auto version = install::venvPythonVersion(project() / ".venv");
        REQUIRE(version);
        return install::venvLayout(project() / ".venv", *version);
    }

private:
    fs::path m_root;
};

std::vector<install::RecordEntry> recordOf(const fs::path& distInfo)
{
    const auto text = readFile(distInfo / "RECORD");
    REQUIRE(text);
    auto record = install::parseRecord(*text, (distInfo / "RECORD").string());
    REQUIRE(record);
    return *record;
}

std::vector<fs::path> distInfos(const install::VenvLayout& venv)
{
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(venv.sitePackages))
        if (entry.path().extension() == ".dist-info")
            found.push_back(entry.path());
    return found;
}

bool isUnder(const fs::path& path, const fs::path& directory)
{
    const auto relative = path.lexically_relative(directory);
    return !relative.empty() && *relative.begin() != "..";
}

// Right after a kill: whatever is inconsistent is covered by a journal the next sync replays.
void checkRecoverable(const install::VenvLayout& venv)
{
    std::set<fs::path> setAside;
    std::set<fs::path> placed;
    for (const auto& transaction : install::findInterruptedTransactions(venv.root / ".pindex-staging")) {
        if (transaction.committed || transaction.rolledBack)
            continue;
        setAside.insert(transaction.setAside.begin(), transaction.setAside.end());
        placed.insert(transaction.placed.begin(), transaction.placed.end());
    }
    for (const auto& distInfo : distInfos(venv)) {
        INFO(distInfo.filename().string());
        if (!fs::exists(distInfo / "RECORD")) {
            // A package half-way in (its metadata among the files being placed) or half-way out
            // (its RECORD moved aside, the rest of its .dist-info not yet).
            CHECK(
                (setAside.contains(distInfo / "RECORD") ||
                 std::ranges::any_of(placed, [&](const fs::path& path) { return isUnder(path, distInfo); })));
            continue;
        }
        for (const auto& entry : recordOf(distInfo)) {
            const auto file = (venv.sitePackages / entry.path).lexically_normal();
            INFO(file.string());
            if (!fs::exists(fs::symlink_status(file))) {
                CHECK(setAside.contains(file));
            } else if (!entry.hash.empty() && !fs::is_symlink(fs::symlink_status(file))) {
                const auto content = readFile(file);
                REQUIRE(content);
                if (install::recordHash(*content) != entry.hash)
                    CHECK(placed.contains(file));
            }
        }
    }
}

// A traced sync against a power loss, where the disk may keep any later step and lose any record
// not flushed yet. Each step recovery depends on must come after the flush of its record:
// - a file moved into a transaction's backup directory: its `A` record is on disk (else recovery,
//   not knowing where the original went, deletes it with the backups);
// - a RECORD moved into a .dist-info (the change becomes visible): the file system was flushed after
//   every record so far, its own included (the placed files' data, the journal);
// - anything removed from a backup directory whose journal holds the commit mark: the mark is on
//   disk (else recovery rolls back a change whose backups are gone).
// Returns how many steps of each kind the trace held.
struct DurableSteps
{
    int movedAside = 0;
    int recordsPlaced = 0;
    int backupsDropped = 0;
};

DurableSteps checkFlushedBeforeSteps(const std::vector<std::string>& trace)
{
    struct Journal
    {
        std::vector<std::pair<std::string, fs::path>> records; // operation (with extra), path
        std::size_t durable = 0;                               // records on disk
        std::size_t flushedWithFiles = 0;                      // records before the last syncfs
    };
    std::map<fs::path, Journal> journals;
    DurableSteps steps;
    for (const auto& line : trace) {
        std::vector<std::string> fields;
        for (std::size_t start = 0;;) {
            const auto tab = line.find('\t', start);
            fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
            if (tab == std::string::npos)
                break;
            start = tab + 1;
        }
        INFO("trace line: " << line);
        const std::string& kind = fields[0];
        if (kind == "W" && fields.size() >= 3) {
            journals[fs::path(fields[1])].records.emplace_back(
                fields[2], fields.size() > 3 ? fs::path(fields[3]) : fs::path());
        } else if (kind == "S" && fields.size() == 2) {
            if (auto found = journals.find(fs::path(fields[1])); found != journals.end())
                found->second.durable = found->second.records.size();
        } else if (kind == "F") {
            for (auto& [path, journal] : journals)
                journal.durable = journal.flushedWithFiles = journal.records.size();
        } else if (kind == "R" && fields.size() == 3) {
            const fs::path from(fields[1]);
            const fs::path to(fields[2]);
            if (const auto found = journals.find(to.parent_path() / "journal"); found != journals.end()) {
                ++steps.movedAside;
                const auto& journal = found->second;
                const auto durableEnd =
                    journal.records.begin() + static_cast<std::ptrdiff_t>(journal.durable);
                CHECK(std::any_of(journal.records.begin(), durableEnd, [&](const auto& record) {
                    return record.first.starts_with('A') && record.second == from;
                }));
            } else if (to.filename() == "RECORD" && to.parent_path().extension() == ".dist-info") {
                ++steps.recordsPlaced;
                const Journal* owner = nullptr;
                for (const auto& [path, journal] : journals)
                    for (const auto& record : journal.records)
                        if (record.first == "P" && record.second == to)
                            owner = &journal;
                REQUIRE(owner != nullptr);
                CHECK(owner->flushedWithFiles == owner->records.size());
            }
        } else if (kind == "U" && fields.size() == 2) {
            const fs::path removed(fields[1]);
            for (const auto& [path, journal] : journals) {
                const auto directory = path.parent_path();
                if (removed != directory && !isUnder(removed, directory))
                    continue;
                const auto mark = std::find_if(journal.records.begin(), journal.records.end(),
                                               [](const auto& record) { return record.first == "C"; });
                if (mark == journal.records.end())
                    continue;
                ++steps.backupsDropped;
                CHECK(static_cast<std::size_t>(mark - journal.records.begin()) < journal.durable);
            }
        }
    }
    return steps;
}

// After the recovering sync: exactly the lock, every file as RECORD says, nothing unowned.
void checkComplete(const install::VenvLayout& venv, const Lock& lock)
{
    CHECK_FALSE(fs::exists(venv.root / ".pindex-staging"));
    const auto installed = install::listInstalled(venv);
    REQUIRE(installed);
    std::map<std::string, std::string> versions;
    for (const auto& distribution : *installed)
        versions[distribution.name] = distribution.version;
    CHECK(versions == lock.versions);

    std::set<fs::path> owned{venv.root / "pyvenv.cfg",
                             venv.root / "lib64",
                             venv.python,
                             venv.bin / "python3",
                             venv.bin / ("python" + venv.pythonVersion),
                             venv.bin / "activate"};
    for (const auto& distInfo : distInfos(venv)) {
        for (const auto& entry : recordOf(distInfo)) {
            const auto file = (venv.sitePackages / entry.path).lexically_normal();
            owned.insert(file);
            INFO(file.string());
            REQUIRE(fs::exists(fs::symlink_status(file)));
            if (entry.hash.empty())
                continue;
            const auto content = readFile(file);
            REQUIRE(content);
            CHECK(install::recordHash(*content) == entry.hash);
        }
    }
    for (auto it = fs::recursive_directory_iterator(venv.root); it != fs::recursive_directory_iterator();
         ++it) {
        if (it->path().filename() == "__pycache__") {
            it.disable_recursion_pending();
            continue;
        }
        if (fs::is_directory(fs::symlink_status(it->path())))
            continue;
        INFO("no RECORD owns " << it->path().string());
        CHECK(owned.contains(it->path().lexically_normal()));
    }
}

// `pip check` run by one long-lived interpreter of the venv, so that checking after every kill
// costs a scan of site-packages, not a start of pip (seconds on a loaded machine). Each check is
// pip's own `main(["check"])`; importlib.metadata sees every change to site-packages (its
// lookups are keyed by the directory's modification time).
class PipChecker
{
public:
    explicit PipChecker(const fs::path& python)
    {
        std::array<int, 2> toChild{};
        std::array<int, 2> fromChild{};
        REQUIRE(::pipe2(toChild.data(), O_CLOEXEC) == 0);
        REQUIRE(::pipe2(fromChild.data(), O_CLOEXEC) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, toChild[0], STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], STDERR_FILENO);
        std::string program = python.string();
        std::string flag = "-c";
        std::string script = "import os, sys\n"
                             "os.environ.update(PIP_DISABLE_PIP_VERSION_CHECK='1', PIP_NO_INPUT='1',\n"
                             "                  PIP_NO_INDEX='1')\n"
                             "sys.dont_write_bytecode = True\n"
                             "from pip._internal.cli.main import main\n"
                             "for line in sys.stdin:\n"
                             "    try:\n"
                             "        code = main(['check'])\n"
                             "    except SystemExit as exit:\n"
                             "        code = exit.code\n"
                             "    print('pip-check-done', code, flush=True)\n";
        std::array<char*, 4> argv{program.data(), flag.data(), script.data(), nullptr};
        REQUIRE(::posix_spawn(&m_pid, program.c_str(), &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
        ::close(toChild[0]);
        ::close(fromChild[1]);
        m_in = toChild[1];
        m_out = fromChild[0];
    }
    ~PipChecker()
    {
        ::close(m_in);
        ::close(m_out);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
    PipChecker(const PipChecker&) = delete;
    PipChecker& operator=(const PipChecker&) = delete;

    // pip check's exit code and output.
    std::pair<int, std::string> check()
    {
        REQUIRE(::write(m_in, "check\n", 6) == 6);
        std::string output;
        std::array<char, 4096> buffer{};
        while (true) {
            const auto done = output.find("pip-check-done ");
            if (done != std::string::npos && output.find('\n', done) != std::string::npos) {
                const int code = std::stoi(output.substr(done + 15));
                return {code, output.substr(0, done)};
            }
            const ssize_t got = ::read(m_out, buffer.data(), buffer.size());
            if (got <= 0)
                return {-1, output};
            output.append(buffer.data(), static_cast<std::size_t>(got));
        }
    }

private:
    pid_t m_pid = -1;
    int m_in = -1;
    int m_out = -1;
};

std::map<std::string, std::string> wheelsIn(const fs::path& directory)
{
    std::map<std::string, std::string> versions;
    for (const auto& entry : fs::directory_iterator(directory)) {
        const auto name = entry.path().filename().string();
        const auto dash = name.find('-');
        const auto next = name.find('-', dash + 1);
        std::string project = name.substr(0, dash);
        std::replace(project.begin(), project.end(), '_', '-');
        versions[project] = name.substr(dash + 1, next - dash - 1);
    }
    return versions;
}

} // namespace

namespace {

// The scenario's two locks, served by nginx, with the venv synced to each once (the venv, the
// downloads and the unpacked wheels). A: pip, six, idna, demo_pkg 1.0. B: pip, attrs, idna from
// another file, demo_pkg 2.0. Nothing (after a warning) when Debian's packages cannot be repacked.
struct TwoLocks
{
    std::unique_ptr<test::NginxFixture> server;
    Lock a;
    Lock b;
};

std::optional<TwoLocks> prepareTwoLocks(const fs::path& dir, const VenvScenario& scenario)
{
    const auto debian =
        test::runProcess({test::kPython.string(), (test::kToolsDir / "make_sync_data.py").string(), "wheels",
                          (dir / "debian").string(), "--only", "pip,six,idna,attrs", "--closed"});
    std::map<std::string, std::string> files; // name -> wheel file
    for (const auto& entry : fs::directory_iterator(dir / "debian"))
        files[entry.path().filename().string().substr(0, entry.path().filename().string().find('-'))] =
            entry.path().filename().string();
    if (debian.exitCode != 0 || !files.contains("pip") || !files.contains("six") || !files.contains("idna") ||
        !files.contains("attrs")) {
        WARN("Skipped: make_sync_data.py could not repack pip, six, idna and attrs from Debian's packages.");
        return std::nullopt;
    }
    REQUIRE(test::runProcess({test::kPython.string(), (test::kToolsDir / "make_test_wheels.py").string(),
                              (dir / "demo").string()})
                .exitCode == 0);

    // A: pip, six, idna, demo_pkg 1.0. B: pip, attrs, idna from another file, demo_pkg 2.0.
    const fs::path served = dir / "served";
    fs::create_directories(served / "a");
    fs::create_directories(served / "b");
    for (const auto& name : {"pip", "six", "idna"})
        fs::copy_file(dir / "debian" / files.at(name), served / "a" / files.at(name));
    for (const auto& name : {"pip", "attrs"})
        fs::copy_file(dir / "debian" / files.at(name), served / "b" / files.at(name));
    REQUIRE(test::runProcess({test::kPython.string(), (test::kToolsDir / "make_sync_data.py").string(),
                              "rezip", (dir / "debian" / files.at("idna")).string(),
                              (served / "b" / files.at("idna")).string()})
                .exitCode == 0);
    fs::copy_file(dir / "demo" / "demo_pkg-1.0-py3-none-any.whl",
                  served / "a" / "demo_pkg-1.0-py3-none-any.whl");
    fs::copy_file(dir / "demo" / "demo_pkg-2.0-py3-none-any.whl",
                  served / "b" / "demo_pkg-2.0-py3-none-any.whl");

    TwoLocks locks{std::make_unique<test::NginxFixture>(test::NginxOptions{.root = served}), {}, {}};
    auto& server = *locks.server;
    fs::create_directories(scenario.project());
    Lock& a = locks.a;
    Lock& b = locks.b;
    a = {scenario.project() / "pylock.a.toml", wheelsIn(served / "a")};
    b = {scenario.project() / "pylock.b.toml", wheelsIn(served / "b")};
    REQUIRE(writeFileAtomic(a.file, test::makeLock(served / "a", server.url("/a"))));
    REQUIRE(writeFileAtomic(b.file, test::makeLock(served / "b", server.url("/b"))));

    for (const auto* lock : {&a, &b}) {
        const auto result = scenario.sync(*lock);
        INFO(result.out << result.err);
        REQUIRE(result.exitCode == 0);
    }
    return locks;
}

} // namespace

TEST_CASE("a venv sync killed before any of its file changes recovers on the next sync and passes pip check",
          "[crash][sync]")
{
    test::TempDir dir("pindex-crash-venv");
    VenvScenario scenario(dir.path());
    auto locks = prepareTwoLocks(dir.path(), scenario);
    if (!locks)
        return;
    const Lock& a = locks->a;
    const Lock& b = locks->b;
    // Each direction counted.
    const long toA = scenario.countedSync(a);
    const long toB = scenario.countedSync(b);
    checkComplete(scenario.venv(), b);
    REQUIRE(toA > kKillPointsPerDirection);
    REQUIRE(toB > kKillPointsPerDirection);

    const auto venv = scenario.venv();
    // Once with pip's own command line, then from the long-lived checker.
    const auto checked = test::pip(venv.python, {"check"});
    INFO(checked.out << checked.err);
    REQUIRE(checked.exitCode == 0);
    PipChecker pip(venv.python);
    int killed = 0;
    for (int point = 0; point < kKillPointsPerDirection; ++point) {
        for (const auto& [target, total] : {std::pair{&a, toA}, std::pair{&b, toB}}) {
            const long operation = 1 + point * total / kKillPointsPerDirection;
            INFO("kill before file change " << operation << " of " << total << " on the way to "
                                            << target->file.filename().string());
            const auto interrupted = scenario.killedSync(*target, operation);
            INFO(interrupted.out << interrupted.err);
            REQUIRE(interrupted.exitCode == kKilledBySigkill);
            ++killed;
            checkRecoverable(venv);

            const auto recovered = scenario.sync(*target);
            INFO(recovered.out << recovered.err);
            REQUIRE(recovered.exitCode == 0);
            checkComplete(venv, *target);
            const auto [code, output] = pip.check();
            INFO(output);
            REQUIRE(code == 0);
        }
    }
    CHECK(killed == 2 * kKillPointsPerDirection);
}

TEST_CASE("a venv sync flushes its journal before each step that recovery after a power loss depends on",
          "[crash][sync]")
{
    test::TempDir dir("pindex-crash-durable");
    VenvScenario scenario(dir.path());
    auto locks = prepareTwoLocks(dir.path(), scenario);
    if (!locks)
        return;
    // B to A and back: upgrades, downgrades, an install, a removal, a reinstall from another file.
    for (const Lock* target : {&locks->a, &locks->b}) {
        INFO("sync to " << target->file.filename().string());
        const auto steps = checkFlushedBeforeSteps(scenario.tracedSync(*target));
        CHECK(steps.movedAside > 0);
        CHECK(steps.recordsPlaced >= 3);
        CHECK(steps.backupsDropped > 0);
        checkComplete(scenario.venv(), *target);
    }
}
