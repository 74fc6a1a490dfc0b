#include <algorithm>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "core/resolver/resolver.h"
#include "tests/unit/resolver/memory_source.h"

using pindex::ErrorCode;
using pindex::resolver::Completion;
using pindex::resolver::Dependency;
using pindex::resolver::PrereleaseMode;
using pindex::resolver::ResolveOptions;
using pindex::test::MemorySource;
using pindex::test::MemoryVersion;
using pindex::test::optionsFor;

namespace {

std::string versionOf(const pindex::resolver::Resolution& resolution, std::string_view name)
{
    const auto* package = resolution.find(name);
    return package ? package->version.str() : std::string("(missing)");
}

} // namespace

TEST_CASE("The newest version that satisfies every requirement is chosen", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0"}).add("a", {.version = "2.0"}).add("a", {.version = "3.0"});
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a<3"}));
    REQUIRE(resolution);
    CHECK(versionOf(*resolution, "a") == "2.0");
    CHECK(resolution->packages.size() == 1);
    CHECK(resolution->packages[0].candidate.indexName == "memory");
}

TEST_CASE("Conflicts are learned and the solver backjumps to an older version", "[resolver]")
{
    // a 2 needs c 2, b needs c 1: only a 1 works with b.
    MemorySource source;
    source.add("a", {.version = "1.0", .dependencies = {"c==1.0"}});
    source.add("a", {.version = "2.0", .dependencies = {"c==2.0"}});
    source.add("b", {.version = "1.0", .dependencies = {"c<2"}});
    source.add("c", {.version = "1.0"}).add("c", {.version = "2.0"});
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a", "b"}));
    REQUIRE(resolution);
    CHECK(versionOf(*resolution, "a") == "1.0");
    CHECK(versionOf(*resolution, "b") == "1.0");
    CHECK(versionOf(*resolution, "c") == "1.0");
    const auto* a = resolution->find("a");
    REQUIRE(a);
    CHECK(a->dependencies == std::vector<std::string>{"c"});
}

TEST_CASE("A resolution that hands its state over resolves the same and frees nothing until asked",
          "[resolver]")
{
    const auto fill = [](MemorySource& source) {
        source.add("a", {.version = "1.0", .dependencies = {"c==1.0"}});
        source.add("a", {.version = "2.0", .dependencies = {"c==2.0"}});
        source.add("b", {.version = "1.0", .dependencies = {"c<2"}});
        source.add("c", {.version = "1.0"}).add("c", {.version = "2.0"});
    };
    MemorySource plainSource;
    fill(plainSource);
    const auto plain = pindex::resolver::resolve(plainSource, optionsFor({"a", "b"}));
    REQUIRE(plain);

    auto source = std::make_unique<MemorySource>();
    fill(*source);
    auto options = std::make_unique<ResolveOptions>(optionsFor({"a", "b"}));
    std::shared_ptr<void> state;
    const auto kept = pindex::resolver::resolve(*source, *options, {}, state);
    REQUIRE(kept);
    REQUIRE(kept->packages.size() == plain->packages.size());
    for (const auto& package : plain->packages)
        CHECK(versionOf(*kept, package.name) == package.version.str());
    CHECK(source->listed == plainSource.listed);
    // The solver's state is the caller's now, alone, and may outlive the source and the options.
    REQUIRE(state);
    CHECK(state.use_count() == 1);
    source.reset();
    options.reset();
    state.reset();
    CHECK_FALSE(state);
}

TEST_CASE("An unsatisfiable project is explained step by step", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0", .dependencies = {"b<1"}});
    source.add("a", {.version = "2.0", .dependencies = {"b<1"}});
    source.add("b", {.version = "0.5"}).add("b", {.version = "1.5"});
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a", "b>=1"}));
    REQUIRE_FALSE(resolution);
    CHECK(resolution.error().code == ErrorCode::Unsatisfiable);
    const auto& text = resolution.error().message;
    CHECK(text.rfind("Because ", 0) == 0);
    CHECK(text.find("a depends on b==0.5") != std::string::npos);
    CHECK(text.find("your project depends on b") != std::string::npos);
    CHECK(text.find("your project's requirements cannot be satisfied") != std::string::npos);
    CHECK_FALSE(resolution.error().hint.empty());
}

TEST_CASE("A missing package is reported with the index it was looked for on", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0", .dependencies = {"ghost>=1"}});
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a"}));
    REQUIRE_FALSE(resolution);
    CHECK(resolution.error().message.find("ghost was not found on index 'memory'") != std::string::npos);
}

TEST_CASE("Skipped candidates are explained with their reason", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0", .requiresPython = ">=3.13"});
    source.add("b", {.version = "1.0", .wheelTags = {"cp312-cp312-win_amd64"}});
    SECTION("requires-python")
    {
        const auto resolution = pindex::resolver::resolve(source, optionsFor({"a"}));
        REQUIRE_FALSE(resolution);
        CHECK(resolution.error().message.find("requires Python >=3.13 but the target is Python 3.12") !=
              std::string::npos);
    }
    SECTION("wheel tags")
    {
        const auto resolution = pindex::resolver::resolve(source, optionsFor({"b"}));
        REQUIRE_FALSE(resolution);
        CHECK(resolution.error().message.find("no wheel for CPython 3.12 on linux-x86_64") !=
              std::string::npos);
    }
}

TEST_CASE("The best-ranked compatible wheel is reported", "[resolver]")
{
    MemorySource source;
    source.add("a",
               {.version = "1.0",
                .wheelTags = {"py3-none-any", "cp312-cp312-manylinux_2_17_x86_64", "cp312-cp312-win_amd64"}});
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a"}));
    REQUIRE(resolution);
    REQUIRE(resolution->packages[0].wheel);
    CHECK(resolution->packages[0].wheel->tag == "cp312-cp312-manylinux_2_17_x86_64");
}

TEST_CASE("Deferred files are loaded only for the versions the resolver looks at, with the same "
          "results and explanations",
          "[resolver][lazy]")
{
    const auto fill = [](MemorySource& source) {
        // 200 versions of a (the newest only for Windows), c 1.0 needing what no version of d offers.
        for (int minor = 0; minor < 200; ++minor) {
            MemoryVersion version{.version = "1." + std::to_string(minor), .dependencies = {"b"}};
            if (minor == 199) {
                version.wheelTags = {"cp312-cp312-win_amd64", "py2-none-any"};
            }
            source.add("a", std::move(version));
        }
        source.add("b",
                   {.version = "1.0", .wheelTags = {"cp312-cp312-manylinux_2_17_x86_64", "py3-none-any"}});
        source.add("c", {.version = "1.0", .dependencies = {"d>=2"}});
        source.add("d", {.version = "1.0"}).add("d", {.version = "2.0", .yanked = true});
        source.add("d", {.version = "3.0", .wheelTags = {"cp27-cp27m-win32"}});
    };
    MemorySource eager;
    fill(eager);
    MemorySource deferred;
    deferred.deferFiles = true;
    fill(deferred);

    const auto expected = pindex::resolver::resolve(eager, optionsFor({"a"}));
    const auto resolution = pindex::resolver::resolve(deferred, optionsFor({"a"}));
    REQUIRE(expected);
    REQUIRE(resolution);
    CHECK(versionOf(*resolution, "a") == "1.198");
    CHECK(versionOf(*resolution, "b") == "1.0");
    for (const auto& package : resolution->packages) {
        const auto* same = expected->find(package.name);
        REQUIRE(same != nullptr);
        CHECK(package.version == same->version);
        // The chosen candidates carry their files, as the lock needs them.
        CHECK(package.candidate.filesLoaded());
        REQUIRE(package.candidate.wheels.size() == same->candidate.wheels.size());
        REQUIRE(package.wheel);
        CHECK(package.wheel->tag == same->wheel->tag);
    }
    CHECK(resolution->find("b")->wheel->tag == "cp312-cp312-manylinux_2_17_x86_64");
    // Of a's 200 versions, the skipped newest one and the chosen one were looked at, and the
    // oldest ones the package choice counts usable versions with.
    const auto& loaded = *deferred.filesLoaded;
    const auto loadedOfA =
        std::ranges::count_if(loaded, [](const std::string& each) { return each.starts_with("a=="); });
    CHECK(loadedOfA <= 4);
    CHECK(std::ranges::find(loaded, "a==1.199") != loaded.end());
    CHECK(std::ranges::find(loaded, "a==1.198") != loaded.end());

    // Every skip reason, the one needing the files included, reads as it does without deferral.
    const auto failedEager = pindex::resolver::resolve(eager, optionsFor({"c"}));
    const auto failed = pindex::resolver::resolve(deferred, optionsFor({"c"}));
    REQUIRE_FALSE(failedEager);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().message == failedEager.error().message);
    CHECK(failed.error().message.find("d==3.0 is skipped because it has no wheel for") != std::string::npos);
    CHECK(failed.error().message.find("d==2.0 is skipped because it is yanked") != std::string::npos);
}

TEST_CASE("Extras pull in their dependencies at the base version", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0", .dependencies = {"b; extra == 'fast'"}});
    source.add("a", {.version = "2.0", .dependencies = {"b>=2; extra == 'fast'", "c"}});
    source.add("b", {.version = "1.0"}).add("b", {.version = "2.0"});
    source.add("c", {.version = "1.0"});
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a[fast]"}));
    REQUIRE(resolution);
    CHECK(versionOf(*resolution, "a") == "2.0");
    CHECK(versionOf(*resolution, "b") == "2.0");
    CHECK(versionOf(*resolution, "c") == "1.0");
    const auto* a = resolution->find("a");
    REQUIRE(a);
    CHECK(a->extras == std::vector<std::string>{"fast"});
    CHECK(a->dependencies == std::vector<std::string>{"b", "c"});
}

TEST_CASE("Environment markers are evaluated for the target", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0",
                     .dependencies = {"winonly; sys_platform == 'win32'", "old; python_version < '3.8'",
                                      "new; python_version >= '3.8'"}});
    source.add("new", {.version = "1.0"});
    auto options = optionsFor({"a", "skipped; sys_platform == 'darwin'"});
    const auto resolution = pindex::resolver::resolve(source, options);
    REQUIRE(resolution);
    CHECK(resolution->packages.size() == 2);
    CHECK(resolution->find("new"));
    CHECK_FALSE(resolution->find("winonly"));
}

TEST_CASE("Pre-releases need an explicit request, a global opt-in, or nothing else", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0"}).add("a", {.version = "2.0b1"});
    source.add("only", {.version = "1.0rc1"});
    CHECK(versionOf(*pindex::resolver::resolve(source, optionsFor({"a"})), "a") == "1.0");
    CHECK(versionOf(*pindex::resolver::resolve(source, optionsFor({"a>=2.0b1"})), "a") == "2.0b1");
    CHECK(versionOf(*pindex::resolver::resolve(source, optionsFor({"only"})), "only") == "1.0rc1");
    auto options = optionsFor({"a"});
    options.prereleases = PrereleaseMode::Allow;
    CHECK(versionOf(*pindex::resolver::resolve(source, options), "a") == "2.0b1");
    options.prereleases = PrereleaseMode::Disallow;
    CHECK(versionOf(*pindex::resolver::resolve(source, options), "a") == "1.0");
}

TEST_CASE("Yanked versions are used only when pinned with ==", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0"}).add("a", {.version = "2.0", .yanked = true});
    CHECK(versionOf(*pindex::resolver::resolve(source, optionsFor({"a"})), "a") == "1.0");
    CHECK(versionOf(*pindex::resolver::resolve(source, optionsFor({"a==2.0"})), "a") == "2.0");
    const auto refused = pindex::resolver::resolve(source, optionsFor({"a>=2"}));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("yanked") != std::string::npos);
}

TEST_CASE("Locked versions are kept unless an upgrade is asked for", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0"}).add("a", {.version = "2.0"});
    source.add("b", {.version = "1.0"}).add("b", {.version = "2.0"});
    auto options = optionsFor({"a", "b"});
    options.preferences.emplace("a", *pindex::standards::Version::parse("1.0"));
    options.preferences.emplace("b", *pindex::standards::Version::parse("1.0"));
    auto kept = pindex::resolver::resolve(source, options);
    REQUIRE(kept);
    CHECK(versionOf(*kept, "a") == "1.0");
    CHECK(versionOf(*kept, "b") == "1.0");

    options.upgradePackages.insert("b");
    auto one = pindex::resolver::resolve(source, options);
    REQUIRE(one);
    CHECK(versionOf(*one, "a") == "1.0");
    CHECK(versionOf(*one, "b") == "2.0");

    options.upgradeAll = true;
    auto all = pindex::resolver::resolve(source, options);
    REQUIRE(all);
    CHECK(versionOf(*all, "a") == "2.0");
}

TEST_CASE("A locked version that no longer fits is replaced", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0"}).add("a", {.version = "2.0"});
    auto options = optionsFor({"a>=2"});
    options.preferences.emplace("a", *pindex::standards::Version::parse("1.0"));
    const auto resolution = pindex::resolver::resolve(source, options);
    REQUIRE(resolution);
    CHECK(versionOf(*resolution, "a") == "2.0");
}

TEST_CASE("Direct dependencies are announced to the source before they are listed", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0", .dependencies = {"c"}});
    source.add("b", {.version = "1.0"});
    source.add("c", {.version = "1.0"});
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a", "b"}));
    REQUIRE(resolution);
    REQUIRE(source.prefetched.size() >= 3);
    CHECK(source.prefetched[0] == "a");
    CHECK(source.prefetched[1] == "b");
    CHECK(std::find(source.prefetched.begin(), source.prefetched.end(), "c") != source.prefetched.end());
}

TEST_CASE("What the resolution will need is asked for ahead, each answer leading to the next requests",
          "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0", .dependencies = {"b>=2", "skipped; python_version < '3'"}});
    source.add("a", {.version = "2.0", .dependencies = {"b>=2", "skipped; python_version < '3'"}});
    source.add("b", {.version = "1.0"}).add("b", {.version = "2.0", .dependencies = {"c[x]"}});
    source.add("b", {.version = "3.0", .yanked = true});
    source.add("c", {.version = "1.0", .dependencies = {"e; extra == 'x'", "f; extra == 'y'"}});
    source.add("d", {.version = "1.0"}).add("e", {.version = "1.0"}).add("f", {.version = "1.0"});
    auto options = optionsFor({"a<2", "d"});
    const auto resolution = pindex::resolver::resolve(source, options);
    REQUIRE(resolution);
    // Each page asked for when a requirement names the package, each likely candidate's metadata
    // when its page arrives (newest usable within the requirement, yanked and marker-excluded ones
    // left out, an extra's dependencies followed).
    std::vector<std::string> pages;
    for (const auto& batch : source.candidateBatches)
        pages.insert(pages.end(), batch.begin(), batch.end());
    std::vector<std::string> metadata;
    for (const auto& batch : source.metadataBatches)
        metadata.insert(metadata.end(), batch.begin(), batch.end());
    CHECK(pages == std::vector<std::string>{"a", "d", "b", "c", "e"});
    CHECK(metadata == std::vector<std::string>{"a==1.0", "d==1.0", "b==2.0", "c==1.0", "e==1.0"});
    CHECK(versionOf(*resolution, "e") == "1.0");
    CHECK(std::find(source.listed.begin(), source.listed.end(), "f") == source.listed.end());
}

TEST_CASE("A Requires-Python known only from the metadata skips the version, with the reason", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0"});
    source.add("a", {.version = "2.0", .metadataRequiresPython = ">=3.99"});
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a"}));
    REQUIRE(resolution);
    CHECK(versionOf(*resolution, "a") == "1.0");
    const auto refused = pindex::resolver::resolve(source, optionsFor({"a>=2"}));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("its metadata requires Python >=3.99 but the target is Python") !=
          std::string::npos);
}

TEST_CASE("A failing source is an error, not an unsatisfiable project", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0", .dependencies = {"b"}});
    source.failListing("b");
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a"}));
    REQUIRE_FALSE(resolution);
    CHECK(resolution.error().code == ErrorCode::Network);
    CHECK(resolution.error().indexName == "memory");
}

TEST_CASE("A stopped resolution reports Cancelled", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0"});
    std::stop_source stop;
    stop.request_stop();
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a"}), stop.get_token());
    REQUIRE_FALSE(resolution);
    CHECK(resolution.error().code == ErrorCode::Cancelled);
}

TEST_CASE("Unsatisfiable explanations are deterministic", "[resolver]")
{
    const auto run = [] {
        MemorySource source;
        source.add("a", {.version = "1.0", .dependencies = {"c==1"}});
        source.add("b", {.version = "1.0", .dependencies = {"c==2"}});
        source.add("c", {.version = "1"}).add("c", {.version = "2"});
        return pindex::resolver::resolve(source, optionsFor({"a", "b"})).error().message;
    };
    const auto first = run();
    CHECK(first == run());
    CHECK(first.find("a is incompatible with b") != std::string::npos);
}

TEST_CASE("The project's requires-python is honoured", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "1.0", .requiresPython = ">=3.8"});
    source.add("a", {.version = "2.0", .requiresPython = ">=3.10,<4"});
    auto options = optionsFor({"a"});
    options.environment = *pindex::resolver::TargetEnvironment::make("3.12", "linux-x86_64");

    SECTION("a candidate must support the oldest Python the project supports")
    {
        options.requiresPython = *pindex::standards::SpecifierSet::parse(">=3.9");
        const auto resolution = pindex::resolver::resolve(source, options);
        REQUIRE(resolution);
        CHECK(versionOf(*resolution, "a") == "1.0");

        options.requirements = optionsFor({"a>=2"}).requirements;
        const auto failed = pindex::resolver::resolve(source, options);
        REQUIRE_FALSE(failed);
        CHECK(failed.error().code == ErrorCode::Unsatisfiable);
        CHECK(failed.error().message.find("the project supports Python >=3.9") != std::string::npos);
    }
    SECTION("a project that supports only newer Pythons may use newer candidates")
    {
        options.requiresPython = *pindex::standards::SpecifierSet::parse("~=3.11");
        const auto resolution = pindex::resolver::resolve(source, options);
        REQUIRE(resolution);
        CHECK(versionOf(*resolution, "a") == "2.0");
    }
    SECTION("a target outside the project's range is refused at once")
    {
        options.requiresPython = *pindex::standards::SpecifierSet::parse(">=3.13");
        const auto failed = pindex::resolver::resolve(source, options);
        REQUIRE_FALSE(failed);
        CHECK(failed.error().code == ErrorCode::Unsatisfiable);
        CHECK(failed.error().message.find("outside the project's requires-python >=3.13") !=
              std::string::npos);
        CHECK(source.listed.empty());
    }
}

TEST_CASE("Walking down the versions of a package asks for the older ones in one batch", "[resolver]")
{
    MemorySource source;
    source.add("c", {.version = "1.0"});
    source.add("b", {.version = "1.0"});
    for (const auto* version : {"2.0", "3.0", "4.0", "5.0", "6.0", "7.0"}) {
        source.add("b", {.version = version, .dependencies = {"c>=2"}});
    }
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"b", "c"}));
    REQUIRE(resolution);
    CHECK(versionOf(*resolution, "b") == "1.0");
    // The closure asked for b 7.0; the first conflict walks to 6.0, and the rest follow at once.
    const auto batched = std::find_if(source.metadataBatches.begin(), source.metadataBatches.end(),
                                      [](const auto& batch) { return batch.size() > 2; });
    REQUIRE(batched != source.metadataBatches.end());
    CHECK(batched->front() == "b==6.0");
    CHECK(std::find(batched->begin(), batched->end(), "b==1.0") != batched->end());
}

TEST_CASE("A direct URL requirement is refused with a message and a way out", "[resolver]")
{
    const auto dependency =
        Dependency::parse("acme-tools @ https://files.example/acme_tools-1.0-py3-none-any.whl");
    REQUIRE_FALSE(dependency);
    CHECK(dependency.error().code == ErrorCode::Unsupported);
    CHECK(dependency.error().message.find("direct URL requirements are not resolved yet") !=
          std::string::npos);
    CHECK(dependency.error().hint.find("require acme-tools by name") != std::string::npos);
}

TEST_CASE("A package with only pre-releases resolves to its newest one", "[resolver]")
{
    MemorySource source;
    source.add("a", {.version = "18.3a0"}).add("a", {.version = "19.10b0"});
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"a"}));
    REQUIRE(resolution);
    CHECK(versionOf(*resolution, "a") == "19.10b0");
}

namespace {

// The resolvelib cheroot case in miniature: the likely versions of pytest-testmon (coverage<5
// against the project's coverage==5.3) and then of pytest (testmon's pytest<4 against
// pytest-mock's pytest>=5) are not the answer, and the answer's pytest brings new packages. As in
// the snapshot, 0.9.11 is testmon's oldest version with a wheel.
MemorySource cherootLike()
{
    MemorySource source;
    source.add("coverage", {.version = "4.5.4"}).add("coverage", {.version = "5.3"});
    for (const auto* version : {"0.9.14", "0.9.15", "0.9.16", "0.9.17", "0.9.18", "0.9.19"}) {
        source.add("pytest-testmon",
                   {.version = version, .dependencies = {"pytest<6,>=2.8", "coverage<5,>=4"}});
    }
    for (const auto* version : {"0.9.11", "0.9.12", "0.9.13"}) {
        source.add("pytest-testmon", {.version = version, .dependencies = {"pytest<4,>=2.8", "coverage>=4"}});
    }
    for (const auto* version : {"1.13.0", "2.0.0", "3.0.0", "3.1.0", "3.2.0"}) {
        source.add("pytest-mock", {.version = version, .dependencies = {"pytest>=2.7"}});
    }
    source.add("pytest-mock", {.version = "3.3.0", .dependencies = {"pytest>=5.0"}});
    source.add("pytest-mock", {.version = "3.3.1", .dependencies = {"pytest>=5.0"}});
    source.add("pytest-sugar", {.version = "0.9.4", .dependencies = {"pytest>=2.9", "termcolor>=1.1.0"}});
    source.add("pytest",
               {.version = "3.9.3", .dependencies = {"py>=1.5.0", "setuptools", "atomicwrites>=1.0"}});
    source.add("pytest",
               {.version = "3.10.1", .dependencies = {"py>=1.5.0", "setuptools", "atomicwrites>=1.0"}});
    source.add("pytest", {.version = "5.4.3", .dependencies = {"py>=1.5.0", "packaging"}});
    source.add("py", {.version = "1.9.0"}).add("packaging", {.version = "20.4"});
    source.add("setuptools", {.version = "50.3.2"}).add("atomicwrites", {.version = "1.4.0"});
    source.add("termcolor", {.version = "1.1.0"});
    return source;
}

std::size_t metadataRequestsOf(const MemorySource& source, std::string_view name)
{
    std::size_t count = 0;
    for (const auto& [key, round] : source.requestRound) {
        count += key.starts_with(std::string(name) + "==") ? 1U : 0U;
    }
    return count;
}

} // namespace

TEST_CASE("What a conflict will need is asked for before the solver meets it", "[resolver]")
{
    auto source = cherootLike();
    const auto resolution = pindex::resolver::resolve(
        source,
        optionsFor({"coverage==5.3", "pytest-mock>=1.11.0", "pytest-sugar>=0.9.3", "pytest-testmon<1.0.0"}));
    REQUIRE(resolution);
    CHECK(versionOf(*resolution, "pytest-testmon") == "0.9.13");
    CHECK(versionOf(*resolution, "pytest") == "3.10.1");
    CHECK(versionOf(*resolution, "pytest-mock") == "3.2.0");
    CHECK(versionOf(*resolution, "setuptools") == "50.3.2");
    const auto& asked = source.requestRound;
    // Round 0 asks for the pages of the requirements, round 1 for their likely versions' metadata.
    CHECK(asked.at("pytest-testmon==0.9.19") == 1);
    // testmon 0.9.19 needs coverage<5, which the project's coverage==5.3 rules out: the next
    // older versions are asked for as soon as that metadata arrives, in one batch.
    for (const auto* version : {"0.9.18", "0.9.17", "0.9.13", "0.9.11"}) {
        CHECK(asked.at("pytest-testmon==" + std::string(version)) == 2);
    }
    // testmon 0.9.13 needs pytest<4, which pytest's likely 5.4.3 does not satisfy: pytest 3.10.1
    // becomes an alternative at once, and pytest-mock 3.3.1 (pytest>=5) excludes it, so its older
    // versions are asked for in the same round.
    CHECK(asked.at("pytest==3.10.1") == 3);
    CHECK(asked.at("pytest-mock==3.3.0") == 3);
    CHECK(asked.at("pytest-mock==3.2.0") == 3);
    // The packages only pytest 3.10.1 brings: page and metadata right after its metadata.
    CHECK(asked.at("setuptools") == 4);
    CHECK(asked.at("atomicwrites==1.4.0") == 5);
    // The solver found everything it needed fetched: nothing was asked for after the answers of
    // round 5 (the likely versions of the deepest packages) had arrived.
    for (const auto& [key, round] : asked) {
        CAPTURE(key);
        CHECK(round <= 5);
    }
    CHECK(source.rounds == 6);
    // What speculation costs: one batch of testmon (below the ruled-out 0.9.19, stopping once
    // a version is not ruled out), one alternative of pytest, one batch of pytest-mock.
    CHECK(metadataRequestsOf(source, "pytest-testmon") == 9);
    CHECK(metadataRequestsOf(source, "pytest") == 2);
    CHECK(metadataRequestsOf(source, "pytest-mock") == 1 + 6);
    CHECK(!asked.contains("coverage==4.5.4"));
}

TEST_CASE("A walk down a ruled-out package goes on only while every version it brought is ruled out",
          "[resolver]")
{
    MemorySource source;
    source.add("c", {.version = "1.0"}).add("c", {.version = "2.0"});
    for (int version = 1; version <= 20; ++version) {
        source.add("b", {.version = std::to_string(version) + ".0",
                         .dependencies = {version >= 10 ? std::string("c>=2") : std::string("c")}});
    }
    const auto resolution = pindex::resolver::resolve(source, optionsFor({"b", "c==1.0"}));
    REQUIRE(resolution);
    CHECK(versionOf(*resolution, "b") == "9.0");
    const auto& asked = source.requestRound;
    CHECK(asked.at("b==20.0") == 1);
    CHECK(asked.at("b==19.0") == 2);
    CHECK(asked.at("b==12.0") == 2);
    CHECK(asked.at("b==11.0") == 3);
    CHECK(asked.at("b==4.0") == 3);
    CHECK(!asked.contains("b==3.0"));
    CHECK(!asked.contains("c==2.0"));
}

namespace {

// A source whose answers for some packages never come on their own, as from an index that does
// not answer: whoever waits for one of them gets it (so that the test cannot hang) and is noted.
class HoldingSource : public MemorySource
{
public:
    std::set<std::string> held; // packages whose pages are held back
    bool waitedForHeld = false;

    std::vector<Completion> takeCompleted() override
    {
        std::vector<Completion> given;
        for (auto& completion : MemorySource::takeCompleted())
            (held.contains(completion.name) ? m_back : given).push_back(std::move(completion));
        if (given.empty() && !m_back.empty()) {
            waitedForHeld = true;
            return std::exchange(m_back, {});
        }
        return given;
    }

private:
    std::vector<Completion> m_back;
};

// A source that hands its answers back one at a time, the last asked first, and now and then
// between the solver's decisions: the answers arrive in another order and at other moments.
class TricklingSource : public MemorySource
{
public:
    std::vector<Completion> takeCompleted() override
    {
        for (auto& completion : MemorySource::takeCompleted())
            m_queue.push_back(std::move(completion));
        if (m_queue.empty())
            return {};
        std::vector<Completion> one{std::move(m_queue.back())};
        m_queue.pop_back();
        return one;
    }
    std::vector<Completion> pollCompleted() override
    {
        return ++m_polls % 3 == 0 ? takeCompleted() : std::vector<Completion>{};
    }

private:
    std::vector<Completion> m_queue;
    int m_polls = 0;
};

} // namespace

TEST_CASE("The solver decides while answers arrive and never waits for one it does not read", "[resolver]")
{
    HoldingSource source;
    source.add("a", {.version = "1.0", .dependencies = {"b"}}).add("b", {.version = "1.0"});
    source.add("z", {.version = "1.0"});
    auto options = optionsFor({"a"});
    // The existing lock still has z, which the project no longer needs: its page is asked for up
    // front, and its answer never comes.
    options.preferences.insert_or_assign("z", *pindex::standards::Version::parse("1.0"));
    source.held = {"z"};
    const auto resolution = pindex::resolver::resolve(source, options);
    REQUIRE(resolution);
    CHECK(source.requestRound.contains("z"));
    CHECK_FALSE(source.waitedForHeld);
    CHECK(versionOf(*resolution, "a") == "1.0");
    CHECK(versionOf(*resolution, "b") == "1.0");
    CHECK(resolution->find("z") == nullptr);
}

TEST_CASE("When and in which order answers arrive changes nothing the solver decides", "[resolver]")
{
    const auto options =
        optionsFor({"coverage==5.3", "pytest-mock>=1.11.0", "pytest-sugar>=0.9.3", "pytest-testmon<1.0.0"});
    auto reference = cherootLike();
    const auto expected = pindex::resolver::resolve(reference, options);
    REQUIRE(expected);
    TricklingSource trickling;
    static_cast<MemorySource&>(trickling) = cherootLike();
    const auto resolution = pindex::resolver::resolve(trickling, options);
    REQUIRE(resolution);
    REQUIRE(resolution->packages.size() == expected->packages.size());
    for (std::size_t i = 0; i < expected->packages.size(); ++i) {
        CHECK(resolution->packages[i].name == expected->packages[i].name);
        CHECK(resolution->packages[i].version == expected->packages[i].version);
        CHECK(resolution->packages[i].dependencies == expected->packages[i].dependencies);
    }
    CHECK(resolution->statistics.decisions == expected->statistics.decisions);
    CHECK(resolution->statistics.conflicts == expected->statistics.conflicts);
    CHECK(resolution->statistics.conflicts > 0);
}
