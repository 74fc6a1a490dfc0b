// FileTransaction's journal: a process that dies in the middle of a transaction (here a child that
// leaves with _exit, running no destructor, as SIGKILL would) leaves enough behind for
// recoverInterruptedTransactions to put every file back; a committed one keeps the new files; the
// staging entries of running processes are left alone.

#include <filesystem>
#include <functional>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <catch2/catch.hpp>

#include "core/install/file_transaction.h"
#include "core/util/file_io.h"
#include "tests/support/temp_dir.h"

using namespace pindex;
using namespace pindex::install;
namespace fs = std::filesystem;

namespace {

// Runs `steps` in a child process that then ends without committing or rolling back.
void dieAfter(const std::function<bool()>& steps)
{
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0)
        ::_exit(steps() ? 0 : 1);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
}

fs::path entryFor(const fs::path& staging)
{
    return staging / ("demo-" + std::to_string(::getpid()) + "-42");
}

} // namespace

TEST_CASE("A transaction whose process died is rolled back from its journal", "[install][crash]")
{
    test::TempDir dir;
    const fs::path venv = dir / "venv";
    const fs::path staging = venv / ".pindex-staging";
    fs::create_directories(venv / "pkg");
    REQUIRE(writeFileAtomic(venv / "pkg" / "old.py", "old"));
    REQUIRE(writeFileAtomic(venv / "pkg" / "gone.py", "gone"));
    REQUIRE(writeFileAtomic(dir / "new.py", "new"));

    const bool commit = GENERATE(false, true);
    INFO((commit ? "committed" : "not committed"));
    dieAfter([&] {
        // The child's pid names the entry, as the installer's staging directories do.
        FileTransaction transaction(entryFor(staging) / "backup");
        const bool done = transaction.setAside(venv / "pkg" / "gone.py") &&
                          transaction.link(dir / "new.py", venv / "pkg" / "old.py") &&
                          transaction.place(dir / "new.py", venv / "added" / "deep" / "new.py");
        return done && (!commit || transaction.commit());
    });
    CHECK(readFile(venv / "pkg" / "old.py") == "new");
    CHECK_FALSE(fs::exists(venv / "pkg" / "gone.py"));

    const auto found = findInterruptedTransactions(staging);
    REQUIRE(found.size() == 1);
    CHECK(found[0].committed == commit);
    CHECK(found[0].setAside.size() == 2);
    CHECK(found[0].placed.size() == 2);

    const auto recovered = recoverInterruptedTransactions(staging, [&](const fs::path& directory) {
        return directory != venv && directory.string().starts_with(venv.string());
    });
    REQUIRE(recovered);
    CHECK_FALSE(fs::exists(staging));
    if (commit) {
        CHECK(*recovered == 0);
        CHECK(readFile(venv / "pkg" / "old.py") == "new");
        CHECK(readFile(venv / "added" / "deep" / "new.py") == "new");
        CHECK_FALSE(fs::exists(venv / "pkg" / "gone.py"));
    } else {
        CHECK(*recovered == 1);
        CHECK(readFile(venv / "pkg" / "old.py") == "old");
        CHECK(readFile(venv / "pkg" / "gone.py") == "gone");
        CHECK_FALSE(fs::exists(venv / "added")); // the directories it created are gone too
    }
    // Running the recovery again changes nothing.
    REQUIRE(recoverInterruptedTransactions(staging, [](const fs::path&) { return true; }));
    CHECK(readFile(venv / "pkg" / "old.py") == (commit ? "new" : "old"));
}

TEST_CASE("The staging entry of a running process is not recovered", "[install][crash]")
{
    test::TempDir dir;
    const fs::path staging = dir / ".pindex-staging";
    REQUIRE(writeFileAtomic(dir / "file", "old"));
    REQUIRE(writeFileAtomic(dir / "new", "new"));
    FileTransaction transaction(entryFor(staging) / "backup"); // this process: running
    REQUIRE(transaction.link(dir / "new", dir / "file"));
    CHECK(findInterruptedTransactions(staging).empty());
    const auto recovered = recoverInterruptedTransactions(staging, [](const fs::path&) { return false; });
    REQUIRE(recovered);
    CHECK(*recovered == 0);
    CHECK(readFile(dir / "file") == "new");
    transaction.rollBack();
    CHECK(readFile(dir / "file") == "old");
}

TEST_CASE("A set moved aside at once and a last step recover like single steps", "[install][crash]")
{
    test::TempDir dir;
    const fs::path venv = dir / "venv";
    const fs::path staging = venv / ".pindex-staging";
    fs::create_directories(venv / "pkg");
    fs::create_directories(venv / "pkg-1.0.dist-info");
    REQUIRE(writeFileAtomic(venv / "pkg" / "a.py", "a"));
    REQUIRE(writeFileAtomic(venv / "pkg" / "b.py", "b"));
    REQUIRE(writeFileAtomic(venv / "pkg-1.0.dist-info" / "RECORD", "old record"));
    REQUIRE(writeFileAtomic(dir / "RECORD", "new record"));
    const std::vector<fs::path> old{venv / "pkg" / "a.py", venv / "pkg" / "missing.py", venv / "pkg" / "b.py",
                                    venv / "pkg-1.0.dist-info" / "RECORD"};

    SECTION("in the process: every existing file moves aside, rollBack puts them all back")
    {
        FileTransaction transaction(staging / "entry-1-1" / "backup");
        REQUIRE(transaction.setAsideAll(old));
        CHECK_FALSE(fs::exists(venv / "pkg" / "a.py"));
        CHECK_FALSE(fs::exists(venv / "pkg" / "b.py"));
        REQUIRE(transaction.placeLast(dir / "RECORD", venv / "pkg-2.0.dist-info" / "RECORD"));
        CHECK(readFile(venv / "pkg-2.0.dist-info" / "RECORD") == "new record");
        transaction.rollBack();
        CHECK(readFile(venv / "pkg" / "a.py") == "a");
        CHECK(readFile(venv / "pkg" / "b.py") == "b");
        CHECK(readFile(venv / "pkg-1.0.dist-info" / "RECORD") == "old record");
        CHECK_FALSE(fs::exists(venv / "pkg-2.0.dist-info"));
    }

    SECTION("after the process died: recovery finds the set and the last step in the journal")
    {
        const bool commit = GENERATE(false, true);
        INFO((commit ? "committed" : "not committed"));
        dieAfter([&] {
            FileTransaction transaction(entryFor(staging) / "backup");
            const bool done = transaction.setAsideAll(old) &&
                              transaction.placeLast(dir / "RECORD", venv / "pkg-2.0.dist-info" / "RECORD");
            return done && (!commit || transaction.commit());
        });
        const auto found = findInterruptedTransactions(staging);
        REQUIRE(found.size() == 1);
        CHECK(found[0].committed == commit);
        CHECK(found[0].setAside.size() == 3); // the missing file is not recorded
        CHECK(found[0].placed == std::vector<fs::path>{venv / "pkg-2.0.dist-info" / "RECORD"});

        const auto recovered = recoverInterruptedTransactions(staging, [&](const fs::path& directory) {
            return directory != venv && directory.string().starts_with(venv.string());
        });
        REQUIRE(recovered);
        CHECK(*recovered == (commit ? 0U : 1U));
        CHECK(fs::exists(venv / "pkg" / "a.py") == !commit);
        CHECK(fs::exists(venv / "pkg-1.0.dist-info" / "RECORD") == !commit);
        CHECK(fs::exists(venv / "pkg-2.0.dist-info" / "RECORD") == commit);
    }
}
