#pragma once

// pindex::resolver::CandidateSource: where the resolver gets its candidates from. The resolver
// knows nothing about HTTP, indexes or scenario files; core/index's index set implements this
// interface over the network, tests implement it over scenario files.
//
// A source answers two questions: which versions of a package may be used (already filtered by
// the index strategy, explicit indexes and pins, each naming the index that serves it) and what
// one candidate depends on. Both calls may block; prefetch() is a hint that lets a network-backed
// source start fetching before the resolver asks, so independent requests run in parallel.
//
// Invariants: listCandidates() returns each version at most once; names are PEP 503 canonical.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/standards/marker.h"
#include "core/standards/requirement.h"
#include "core/standards/specifier.h"
#include "core/standards/version.h"
#include "core/util/error.h"

namespace pindex::resolver {

// One distribution file of a candidate.
struct Distribution
{
    std::string filename;
    std::string url; // never with credentials
    std::string sha256;
    std::uint64_t size = 0;
    std::string uploadTime; // RFC 3339, empty when unknown
};

// A wheel and the compatibility tags of its file name ("py3-none-any", compressed sets allowed).
struct WheelFile
{
    std::string tag;
    Distribution file;
};

struct Candidate
{
    standards::Version version;
    std::string indexName;
    std::string indexUrl; // never with credentials
    bool yanked = false;
    std::optional<standards::SpecifierSet> requiresPython;
    std::vector<WheelFile> wheels;
    std::optional<Distribution> sdist;
    // Whether the sdist's metadata is known without a build (static PKG-INFO, PEP 643).
    bool sdistMetadataKnown = true;
    // Lower is tried first; the newest version wins among equals. All 0 except under the
    // unsafe-first-match strategy, where it is the position of the candidate's index.
    std::uint32_t priority = 0;
};

// All a source offers for one package name.
struct PackageCandidates
{
    std::vector<Candidate> candidates; // any order
    // Where the versions come from, for people: "index 'private' (pinned by sources)".
    std::string origin;
};

// One dependency of a candidate (a Requires-Dist entry) or of the project.
struct Dependency
{
    std::string name; // canonical
    std::vector<std::string> extras;
    standards::SpecifierSet specifier;
    // Evaluated for the target with `extra` set to the extra being resolved ("" for the package
    // itself), so `extra == "x"` selects the dependencies of extra x.
    std::optional<standards::Marker> marker;
    // The original text, for messages.
    std::string text;

    // From a PEP 508 requirement (the name is canonicalized).
    [[nodiscard]] static Dependency fromRequirement(const standards::Requirement& requirement);
    // Parses a PEP 508 string; URL requirements are Unsupported for now.
    [[nodiscard]] static Result<Dependency> parse(std::string_view text);
};

struct CandidateMetadata
{
    std::vector<Dependency> dependencies;
    std::vector<std::string> providedExtras;
};

// One candidate whose metadata a prefetch asks for (the candidate outlives the call).
struct MetadataRequest
{
    std::string name; // canonical
    const Candidate* candidate = nullptr;
};

class CandidateSource
{
public:
    virtual ~CandidateSource() = default;

    // The versions of a package that may be used. A package no index serves gives an empty list,
    // not an error; errors are for failures (network, parse, authentication).
    [[nodiscard]] virtual Result<PackageCandidates> listCandidates(const std::string& name) = 0;

    // The dependencies of one candidate (from a wheel's METADATA, a PEP 658 file or a static sdist).
    [[nodiscard]] virtual Result<CandidateMetadata> fetchMetadata(const std::string& name,
                                                                  const Candidate& candidate) = 0;

    // Hints: the resolver will soon ask for these packages' candidates, or for these candidates'
    // metadata. A network source fetches them all at once (concurrently) and keeps the answers for
    // the calls above; the defaults do nothing. Failures are not reported here: the later call
    // meets them and reports them.
    virtual void prefetchCandidates(std::span<const std::string> names) { (void)names; }
    virtual void prefetchMetadata(std::span<const MetadataRequest> requests) { (void)requests; }
};

} // namespace pindex::resolver
