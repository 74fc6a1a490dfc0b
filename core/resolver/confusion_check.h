#pragma once

// The dependency-confusion check: for each package meant to come from one index (it is pinned
// there, or the lock took it from a private index), does another configured index serve the same
// name, and could that index be used instead given the strategy and the pins? Pure: whether an
// index has a package is asked through `hasPackage`, so tests feed answers and the window asks the
// real indexes on a worker thread.
//
// Rules (those of index_policy.h): a pinned package (sources or a pattern pin) only ever comes from
// its index, so it is safe. An explicit index serves only packages pinned to it, so it never
// shadows. Otherwise, with first-index an index searched before the intended one shadows the
// package today (Shadowed), one searched after it takes over as soon as the intended index stops
// listing the name or is unreachable under ignore-error-codes (Exposed); with unsafe-best-match
// any other index shadows it (a higher version wins); with unsafe-first-match an earlier index
// shadows it and a later one exposes it.
//
// Invariants: findings are sorted by package, then by the other index's search position; a package
// is never reported against its own index.

#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

#include "core/resolver/index_policy.h"
#include "core/util/error.h"

namespace pindex::resolver {

enum class ConfusionRisk : std::uint8_t { Shadowed, Exposed };

struct ConfusionFinding
{
    std::string package;       // canonical
    std::string intendedIndex; // where it is meant to come from
    std::string otherIndex;    // where the same name exists too
    ConfusionRisk risk = ConfusionRisk::Exposed;
    std::string explanation;      // one calm sentence
    std::string suggestedPattern; // e.g. "acme-*" when several findings share a prefix; else ""
};

struct ConfusionQuery
{
    std::vector<PolicyIndex> indexes; // search order, default last
    IndexStrategy strategy = IndexStrategy::FirstIndex;
    IndexPins pins;
    // Canonical package name -> the index it is meant to come from.
    std::vector<std::pair<std::string, std::string>> packages;
};

// hasPackage(position in `indexes`, canonical name): whether that index lists the name.
using HasPackage = std::function<Result<bool>(std::size_t index, const std::string& package)>;

// Errors from hasPackage stop the check (Cancelled when `stop` was requested).
[[nodiscard]] Result<std::vector<ConfusionFinding>>
checkConfusion(const ConfusionQuery& query, const HasPackage& hasPackage, std::stop_token stop = {});

} // namespace pindex::resolver
