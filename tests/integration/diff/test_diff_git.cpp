#include <algorithm>
#include <cstdlib>
#include <git2.h>

#include <catch2/catch.hpp>

#include "core/diff/git_commit.h"
#include "core/diff/git_revision.h"
#include "core/diff/lock_comparison.h"
#include "core/util/file_io.h"
#include "tests/integration/diff/diff_test_support.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_paths.h"

using namespace pindex;
using pindex::test::runDiffCommand;

namespace {

const std::filesystem::path kDiffData = test::kTestDataDir / "diff";

void check(int status)
{
    const git_error* error = git_error_last();
    INFO((error != nullptr && error->message != nullptr ? error->message : "libgit2 error"));
    REQUIRE(status == 0);
}

// A scratch repository whose app/uv.lock has three commits: the old lock, the new lock, then the
// new lock with urllib3 moved on to 2.2.3 (also left in the work tree). Branch "baseline" points
// at the first commit. Built with libgit2, no git executable needed.
class LockHistory
{
public:
    LockHistory()
        : m_dir("pindex-diff-git")
    {
        git_libgit2_init();
        check(git_repository_init(&m_repository, m_dir.path().c_str(), 0));
        std::filesystem::create_directories(m_dir / "app");
        const auto oldLock = readFile(kDiffData / "uv-pair/old/uv.lock");
        auto newLock = readFile(kDiffData / "uv-pair/new/uv.lock");
        REQUIRE(oldLock.has_value());
        REQUIRE(newLock.has_value());
        std::string third = *newLock;
        const auto at = third.find("version = \"2.2.1\"");
        REQUIRE(at != std::string::npos);
        third.replace(at, 17, "version = \"2.2.3\"");
        m_first = commit(*oldLock, "Lock the first dependencies");
        commit(*newLock, "Upgrade the lock");
        commit(third, "Upgrade urllib3");
        git_commit* first = nullptr;
        check(git_commit_lookup(&first, m_repository, &m_first));
        git_reference* branch = nullptr;
        check(git_branch_create(&branch, m_repository, "baseline", first, 0));
        git_reference_free(branch);
        git_commit_free(first);
    }
    ~LockHistory()
    {
        git_repository_free(m_repository);
        git_libgit2_shutdown();
    }
    LockHistory(const LockHistory&) = delete;
    LockHistory& operator=(const LockHistory&) = delete;

    [[nodiscard]] std::filesystem::path lockfile() const { return m_dir / "app/uv.lock"; }
    [[nodiscard]] std::string firstCommitId() const
    {
        char text[GIT_OID_HEXSZ + 1] = {};
        git_oid_tostr(text, sizeof text, &m_first);
        return text;
    }

private:
    git_oid commit(const std::string& content, const char* message)
    {
        REQUIRE(writeFileAtomic(lockfile(), content).has_value());
        git_index* index = nullptr;
        check(git_repository_index(&index, m_repository));
        check(git_index_add_bypath(index, "app/uv.lock"));
        check(git_index_write(index));
        git_oid treeId;
        check(git_index_write_tree(&treeId, index));
        git_index_free(index);
        git_tree* tree = nullptr;
        check(git_tree_lookup(&tree, m_repository, &treeId));
        git_signature* signature = nullptr;
        check(git_signature_new(&signature, "Pindex Tests", "tests@pindex.invalid", 1700000000 + m_count * 60,
                                0));
        git_commit* parent = nullptr;
        git_oid parentId;
        if (git_reference_name_to_id(&parentId, m_repository, "HEAD") == 0)
            check(git_commit_lookup(&parent, m_repository, &parentId));
        const git_commit* parents[] = {parent};
        git_oid commitId;
        check(git_commit_create(&commitId, m_repository, "HEAD", signature, signature, nullptr, message, tree,
                                parent == nullptr ? 0 : 1, parents));
        git_commit_free(parent);
        git_signature_free(signature);
        git_tree_free(tree);
        ++m_count;
        return commitId;
    }

    test::TempDir m_dir;
    git_repository* m_repository = nullptr;
    git_oid m_first{};
    int m_count = 0;
};

} // namespace

TEST_CASE("diff --git HEAD reports nothing when the work tree matches the last commit", "[diff][git]")
{
    const LockHistory history;
    const auto run = runDiffCommand({"--git", "HEAD", history.lockfile().string(), "--format", "json"});
    INFO(run.err);
    CHECK(run.exitCode == 0);
    CHECK(run.out.find("\"changes\": []") != std::string::npos);
}

TEST_CASE("diff --git HEAD~1 reports the last commit's upgrade only", "[diff][git]")
{
    const LockHistory history;
    const auto run = runDiffCommand({"--git", "HEAD~1", history.lockfile().string(), "--format", "json"});
    INFO(run.err);
    CHECK(run.exitCode == 1);
    CHECK(run.out.find("{\"name\": \"urllib3\", \"kind\": \"upgraded\", \"old_versions\": [\"2.2.1\"], "
                       "\"new_versions\": [\"2.2.3\"]") != std::string::npos);
    CHECK(run.out.find("\"summary\": {\"added\": 0, \"removed\": 0, \"upgraded\": 1, \"downgraded\": 0, "
                       "\"changed\": 0}") != std::string::npos);
    CHECK(run.out.find("uv.lock@HEAD~1") != std::string::npos);
}

TEST_CASE("diff --git against HEAD~2, a branch and a commit id gives the whole change", "[diff][git]")
{
    const LockHistory history;
    const std::string revision = GENERATE(as<std::string>{}, "HEAD~2", "baseline", "first-commit-id");
    const std::string resolved = revision == "first-commit-id" ? history.firstCommitId() : revision;
    const auto run = runDiffCommand({"--git", resolved, history.lockfile().string()});
    INFO(run.err);
    CHECK(run.exitCode == 1);
    CHECK(run.out.find("urllib3  2.2.0 -> 2.2.3") != std::string::npos);
    CHECK(run.out.ends_with("13 changes: 3 added, 1 removed, 2 upgraded, 1 downgraded, 6 changed\n"));
}

TEST_CASE("Two revisions compare without touching the work tree", "[diff][git]")
{
    const LockHistory history;
    const auto diff = diff::diffRevisions(history.lockfile(), "HEAD~2", "HEAD~1");
    REQUIRE(diff.has_value());
    CHECK(diff->summary.total() == 13);
    const auto content = diff::readFileAtRevision(history.lockfile(), "HEAD~2");
    REQUIRE(content.has_value());
    CHECK(content->find("name = \"old-helper\"") != std::string::npos);
}

TEST_CASE("diff --git reports unknown revisions, missing files and non-repositories", "[diff][git]")
{
    const LockHistory history;
    const auto unknown = runDiffCommand({"--git", "no-such-branch", history.lockfile().string()});
    CHECK(unknown.exitCode == 2);
    CHECK(unknown.err.find("unknown revision 'no-such-branch'") != std::string::npos);

    const auto notCommitted =
        diff::readFileAtRevision(history.lockfile().parent_path() / "pylock.toml", "HEAD");
    REQUIRE_FALSE(notCommitted.has_value());
    CHECK(notCommitted.error().code == ErrorCode::NotFound);
    CHECK(notCommitted.error().message.find("app/pylock.toml does not exist at revision 'HEAD'") !=
          std::string::npos);

    const test::TempDir outside("pindex-no-repo");
    REQUIRE(writeFileAtomic(outside / "uv.lock", "version = 1\n").has_value());
    const auto noRepository = diff::readFileAtRevision(outside / "uv.lock", "HEAD");
    REQUIRE_FALSE(noRepository.has_value());
    CHECK(noRepository.error().code == ErrorCode::NotFound);
}

namespace {

// The golden report tests/data/diff/golden/NAME, with the scratch repository's path replaced by
// <repo>. PINDEX_UPDATE_GOLDEN=1 rewrites the golden files instead.
void checkGolden(const std::string& output, const std::string& name, const std::filesystem::path& repository)
{
    std::string normalised = output;
    const std::string root = repository.string();
    for (auto at = normalised.find(root); at != std::string::npos; at = normalised.find(root, at))
        normalised.replace(at, root.size(), "<repo>");
    const auto golden = test::kTestDataDir / "diff/golden" / name;
    if (std::getenv("PINDEX_UPDATE_GOLDEN") != nullptr) {
        REQUIRE(writeFileAtomic(golden, normalised).has_value());
        return;
    }
    const auto expected = readFile(golden);
    REQUIRE(expected.has_value());
    CHECK(normalised == *expected);
}

} // namespace

TEST_CASE("diff --git REV1..REV2 compares two revisions of the lockfile", "[diff][git]")
{
    const LockHistory history;
    const auto run = runDiffCommand({"--git", "HEAD~2..HEAD~1", history.lockfile().string()});
    INFO(run.err);
    CHECK(run.exitCode == 1);
    checkGolden(run.out, "range-first-to-second.txt", history.lockfile().parent_path().parent_path());

    const auto json = runDiffCommand({"--git", "HEAD~1..", history.lockfile().string(), "--format", "json"});
    INFO(json.err);
    CHECK(json.exitCode == 1);
    checkGolden(json.out, "range-second-to-head.json", history.lockfile().parent_path().parent_path());
}

TEST_CASE("diff --git REV1 --git REV2 is the same as REV1..REV2", "[diff][git]")
{
    const LockHistory history;
    const auto twoOptions = runDiffCommand(
        {"--git", "baseline", "--git", "HEAD", history.lockfile().string(), "--format", "markdown"});
    const auto range =
        runDiffCommand({"--git=baseline..HEAD", history.lockfile().string(), "--format", "markdown"});
    INFO(twoOptions.err);
    CHECK(twoOptions.exitCode == 1);
    CHECK(twoOptions.out == range.out);
    checkGolden(twoOptions.out, "baseline-to-head.md", history.lockfile().parent_path().parent_path());

    // Both forms at once, or a third revision, are usage errors.
    CHECK(runDiffCommand({"--git", "HEAD~2..HEAD", "--git", "HEAD", history.lockfile().string()}).exitCode ==
          2);
    CHECK(runDiffCommand({"--git", "HEAD~2", "--git", "HEAD~1", "--git", "HEAD", history.lockfile().string()})
              .exitCode == 2);
}

TEST_CASE("diff --git REV1...REV2 starts at the merge base, as a pull request does", "[diff][git]")
{
    const LockHistory history;
    // The branch point of baseline and HEAD is baseline itself: the whole history is HEAD's change.
    const auto forward = runDiffCommand({"--git", "baseline...HEAD", history.lockfile().string()});
    INFO(forward.err);
    CHECK(forward.exitCode == 1);
    CHECK(forward.out.ends_with("13 changes: 3 added, 1 removed, 2 upgraded, 1 downgraded, 6 changed\n"));
    // baseline adds nothing since the branch point.
    const auto backward = runDiffCommand({"--git", "HEAD...baseline", history.lockfile().string()});
    INFO(backward.err);
    CHECK(backward.exitCode == 0);

    const auto base = diff::mergeBase(history.lockfile(), "HEAD", "baseline");
    REQUIRE(base.has_value());
    CHECK(history.firstCommitId().starts_with(*base));
}

TEST_CASE("The branches and tags of a repository are listed for the compare-with chooser", "[diff][git]")
{
    const LockHistory history;
    const auto names = diff::listRevisionNames(history.lockfile());
    REQUIRE(names.has_value());
    CHECK(std::find(names->branches.begin(), names->branches.end(), "baseline") != names->branches.end());
    CHECK(names->branches.size() == 2); // baseline and the default branch
    CHECK(names->tags.empty());
    const test::TempDir outside("pindex-no-repo");
    CHECK_FALSE(diff::listRevisionNames(outside.path()).has_value());
}

TEST_CASE("commitFiles makes a repository, then records each change as a new commit on HEAD", "[diff][git]")
{
    const test::TempDir tree("pindex-commit-files");
    std::filesystem::create_directories(tree / "app");
    REQUIRE(writeFileAtomic(tree / "app/pylock.toml", "lock-version = \"1.0\"\n").has_value());
    REQUIRE(writeFileAtomic(tree / "notes.txt", "not committed\n").has_value());

    // Not a repository yet: the first commit creates it.
    REQUIRE(
        diff::commitFiles({.workTree = tree.path(), .paths = {"app/pylock.toml"}, .message = "First lock"})
            .has_value());
    CHECK(std::filesystem::is_directory(tree / ".git"));
    CHECK(diff::readFileAtRevision(tree / "app/pylock.toml", "HEAD") == "lock-version = \"1.0\"\n");
    // Only the paths asked for are recorded.
    const auto notes = diff::readFileAtRevision(tree / "notes.txt", "HEAD");
    REQUIRE_FALSE(notes.has_value());
    CHECK(notes.error().code == ErrorCode::NotFound);

    // A second commit on top of the first: HEAD has the new content, HEAD~1 keeps the old one.
    REQUIRE(writeFileAtomic(tree / "app/pylock.toml", "lock-version = \"1.0\"\n# relocked\n").has_value());
    REQUIRE(diff::commitFiles({.workTree = tree.path(), .paths = {"app/pylock.toml"}, .message = "Relock"})
                .has_value());
    CHECK(diff::readFileAtRevision(tree / "app/pylock.toml", "HEAD") ==
          "lock-version = \"1.0\"\n# relocked\n");
    CHECK(diff::readFileAtRevision(tree / "app/pylock.toml", "HEAD~1") == "lock-version = \"1.0\"\n");

    // A path that does not exist is an error naming the work tree; HEAD stays where it was.
    const auto missing =
        diff::commitFiles({.workTree = tree.path(), .paths = {"app/missing.toml"}, .message = "Nothing"});
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().describe().find(tree.path().string()) != std::string::npos);
    CHECK(diff::readFileAtRevision(tree / "app/pylock.toml", "HEAD~2").has_value() == false);
}
