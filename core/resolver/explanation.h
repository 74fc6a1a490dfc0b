#pragma once

// explainFailure: turns the derivation of PubGrub's final incompatibility into sentences people
// can follow ("Because a>=2 depends on b<1 and your project depends on b>=1, a>=2 cannot be
// used."), numbering conclusions that are used more than once, and naming the index (and pin)
// each package's versions came from and why candidates were skipped.
//
// Invariant: the text depends only on the store and the catalog, so the same failure always gives
// the same words.

#include <string>
#include <vector>

#include "core/resolver/incompatibility.h"
#include "core/resolver/package_catalog.h"

namespace pindex::resolver {

[[nodiscard]] std::string explainFailure(const std::vector<Incompatibility>& store, IncompatibilityId failure,
                                         const PackageCatalog& catalog);

} // namespace pindex::resolver
