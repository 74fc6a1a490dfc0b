#pragma once

// A resolvelib functional case (../shared/data/resolvelib/README.md): `index` names the snapshot
// (index-<name>.json beside the case), `requested` the project's requirements, and either
// `resolved` (resolvelib's answer: a version, or {version, marker}) or `conflicted` (the packages
// that must conflict). checkCase() judges a resolution independently of the resolver.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/resolver/resolver.h"
#include "core/resolver/target_environment.h"
#include "core/util/error.h"
#include "tests/scenarios/snapshot_source.h"

namespace pindex::scenarios {

struct ExpectedPick
{
    std::string version;
    std::string marker; // empty: always expected
};

struct ResolvelibCase
{
    std::string index;
    std::vector<std::string> requested;
    std::map<std::string, ExpectedPick> resolved; // canonical name -> resolvelib's pick
    std::optional<std::vector<std::string>> conflicted;

    // The snapshot file the case names.
    [[nodiscard]] std::filesystem::path snapshotBeside(const std::filesystem::path& caseFile) const;
};

// Errors name the file and what is wrong with it.
[[nodiscard]] Result<ResolvelibCase> loadResolvelibCase(const std::filesystem::path& file);

// The target the cases assume: CPython 3.11 on Linux x86_64.
[[nodiscard]] resolver::TargetEnvironment resolvelibTarget();

struct CaseVerdict
{
    std::vector<std::string> failures;    // empty: the case passed
    std::vector<std::string> differences; // from resolvelib's answer; not failures
};

// A solution must meet every requirement (of the project, of each chosen version and of its
// activated extras), read from the snapshot's own strings; where it differs from `resolved`, the
// differences are listed. A case with `conflicted` must have no solution, and the explanation
// must name every package it lists.
[[nodiscard]] CaseVerdict checkCase(const ResolvelibCase& testCase,
                                    const Result<resolver::Resolution>& outcome,
                                    const test::SnapshotSource& snapshot,
                                    const resolver::TargetEnvironment& target);

} // namespace pindex::scenarios
