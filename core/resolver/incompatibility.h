#pragma once

// The facts the PubGrub solver learns: terms ("package P has a version in S") and
// incompatibilities (sets of terms that cannot all hold), with the cause of each so that a
// failure can be explained as a derivation.
//
// Invariants: an incompatibility holds at most one term per package and never a term that every
// assignment satisfies (a full set); a derived incompatibility names its two causes, which are
// always older entries of the same store.

#include <cstddef>
#include <string>
#include <vector>

#include "core/resolver/version_set.h"

namespace pindex::resolver {

using PackageId = std::size_t;
using IncompatibilityId = std::size_t;

struct Term
{
    PackageId package = 0;
    VersionSet set;
};

enum class CauseKind {
    Root,        // the project itself must be selected
    Dependency,  // a version of a package depends on another package
    NoVersions,  // no usable version in a range (explained by skip reasons and the origin)
    Unavailable, // one version cannot be used (its metadata could not be read, ...)
    Derived,     // learned from two other incompatibilities
};

struct Incompatibility
{
    std::vector<Term> terms;
    CauseKind kind = CauseKind::Root;
    IncompatibilityId left = 0;  // Derived only
    IncompatibilityId right = 0; // Derived only
    // External causes: the dependent and the dependency as people read them ("a 1.0.0",
    // "b>=2 (no versions)") or the reason a version is unusable.
    std::string subject;
    std::string detail;
};

} // namespace pindex::resolver
