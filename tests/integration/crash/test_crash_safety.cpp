// Crash safety of user files: the writer (crash_writer.cpp) rewrites pyproject.toml or pylock.toml in
// a loop and is killed with SIGKILL at a random moment, 60 times per file; afterwards the file is
// always exactly its old or its new version, never torn, and nothing but the writer's own temporary
// files is left beside it.

#include <array>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "core/lock/pylock_writer.h"
#include "core/project/project_document.h"
#include "core/util/file_io.h"
#include "tests/integration/crash/crash_locks.h"
#include "tests/support/temp_dir.h"

extern char** environ;

using namespace pindex;

namespace {

constexpr int kKillPoints = 60;

// Starts the writer, waits for its "ready" line, lets it run for `delayMicroseconds`, kills it.
void runAndKill(const std::string& mode, const std::filesystem::path& directory, int delayMicroseconds)
{
    std::array<int, 2> pipe{};
    REQUIRE(::pipe(pipe.data()) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe[0]);
    const std::string program = PINDEX_CRASH_WRITER;
    const std::string directoryText = directory.string();
    std::array<char*, 4> argv{const_cast<char*>(program.c_str()), const_cast<char*>(mode.c_str()),
                              const_cast<char*>(directoryText.c_str()), nullptr};
    pid_t pid = -1;
    REQUIRE(::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe[1]);

    std::array<char, 6> ready{};
    std::size_t got = 0;
    while (got < ready.size()) {
        const ssize_t count = ::read(pipe[0], ready.data() + got, ready.size() - got);
        if (count <= 0)
            break;
        got += static_cast<std::size_t>(count);
    }
    REQUIRE(std::string(ready.data(), got) == "ready\n");
    // The kill point: a random moment of the write loop (the fault injected, not a synchronisation).
    const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(delayMicroseconds);
    while (std::chrono::steady_clock::now() < until) {
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(pipe[0]);
    REQUIRE(WIFSIGNALED(status));
    REQUIRE(WTERMSIG(status) == SIGKILL);
}

void checkOnlyTemporariesBeside(const std::filesystem::path& directory, const std::string& fileName)
{
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        const auto name = entry.path().filename().string();
        if (name == fileName)
            continue;
        INFO(name);
        CHECK(name.starts_with(fileName + ".pindex-tmp-"));
    }
}

std::string slurp(const std::filesystem::path& path)
{
    auto content = readFile(path);
    REQUIRE(content);
    return *content;
}

} // namespace

TEST_CASE("pyproject.toml killed mid-edit is always the old or the new version", "[crash]")
{
    pindex::test::TempDir directory("pindex-crash-pyproject");
    const std::string original = "# Hand-written, with comments.\n[project]\nname = \"demo\"  # keep me\n"
                                 "version = \"1.0\"\ndependencies = [\"requests>=2\"]\n\n[tool.uv]\n"
                                 "index-strategy = \"first-index\"\n";
    REQUIRE(writeFileAtomic(directory / "pyproject.toml", original));
    auto edited = project::ProjectDocument::fromText(original, "pyproject.toml");
    REQUIRE(edited);
    REQUIRE(edited->addIndex({.name = "crash-test", .url = "https://crash.example/simple/"}));
    const std::string withIndex = edited->text();

    std::mt19937 random(20261128);
    std::uniform_int_distribution<int> delay(0, 20000);
    int seenOriginal = 0;
    int seenEdited = 0;
    for (int point = 0; point < kKillPoints; ++point) {
        runAndKill("pyproject", directory.path(), delay(random));
        const auto content = slurp(directory / "pyproject.toml");
        INFO("kill point " << point);
        REQUIRE((content == original || content == withIndex));
        (content == original ? seenOriginal : seenEdited)++;
    }
    checkOnlyTemporariesBeside(directory.path(), "pyproject.toml");
    // Both states occur: the kills really landed at different points of the loop.
    CHECK(seenOriginal > 0);
    CHECK(seenEdited > 0);
}

TEST_CASE("pylock.toml killed mid-write is always the old or the new version", "[crash]")
{
    pindex::test::TempDir directory("pindex-crash-lock");
    const std::string first = lock::formatPylock(test::firstCrashLock());
    const std::string second = lock::formatPylock(test::secondCrashLock());

    std::mt19937 random(20261129);
    std::uniform_int_distribution<int> delay(0, 20000);
    int seenFirst = 0;
    int seenSecond = 0;
    for (int point = 0; point < kKillPoints; ++point) {
        runAndKill("lock", directory.path(), delay(random));
        const auto content = slurp(directory / "pylock.toml");
        INFO("kill point " << point);
        REQUIRE((content == first || content == second));
        (content == first ? seenFirst : seenSecond)++;
    }
    checkOnlyTemporariesBeside(directory.path(), "pylock.toml");
    CHECK(seenFirst > 0);
    CHECK(seenSecond > 0);
}
