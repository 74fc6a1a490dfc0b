#pragma once

// pindex::resolver::CandidateSource: where the resolver gets its candidates from. The resolver
// knows nothing about HTTP, indexes or scenario files; core/index's index set implements this
// interface over the network, tests implement it over scenario files.
//
// A source answers two questions: which versions of a package may be used (already filtered by
// the index strategy, explicit indexes and pins, each naming the index that serves it) and what
// one candidate depends on. Both calls may block; the prefetch calls are hints that let a
// network-backed source start fetching before the resolver asks, so independent requests run in
// parallel; the streaming calls (request*, takeCompleted) let the resolver react to each answer as
// it arrives and ask the next questions at once, instead of waiting for a whole batch.
//
// Invariants: listCandidates() returns each version at most once; names are PEP 503 canonical. A
// candidate's files may be deferred (Candidate::loadFiles); the resolver loads them before it
// reads `wheels` or `sdist`.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
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

struct Candidate;

// The files of a package's candidates, built only when they are needed: a source reading a page of
// thousands of files (IndexSource) turns a version's files into Distributions (URL resolved and
// masked, hash, wheel tags) only for the versions the resolver looks at.
class CandidateFiles
{
public:
    virtual ~CandidateFiles() = default;
    // Fills `candidate.wheels` and `candidate.sdist` with the files of the version in `slot`.
    virtual void fill(std::uint32_t slot, Candidate& candidate) const = 0;
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
    // False when the source already knows that the sdist's metadata needs a build. True also when
    // it may not: a network source reads the sdist's PKG-INFO only when the version is tried, and
    // fetchMetadata then answers Unsupported ("... needs a build: ...") if PEP 643 does not let the
    // PKG-INFO stand for the built metadata, which makes the resolver skip the version.
    bool sdistMetadataKnown = true;
    // Lower is tried first; the newest version wins among equals. All 0 except under the
    // unsafe-first-match strategy, where it is the position of the candidate's index.
    std::uint32_t priority = 0;
    // Set by a source that builds the files on demand: `wheels` and `sdist` stay empty until
    // loadFiles() fills them from `deferredFiles` (slot `filesSlot`). Everything else (version,
    // index, yanked, requires-python) is known at once.
    std::shared_ptr<const CandidateFiles> deferredFiles;
    std::uint32_t filesSlot = 0;

    // Builds `wheels` and `sdist` if the source deferred them; does nothing afterwards.
    void loadFiles()
    {
        if (deferredFiles) {
            const auto files = std::move(deferredFiles);
            files->fill(filesSlot, *this);
        }
    }
    [[nodiscard]] bool filesLoaded() const { return deferredFiles == nullptr; }
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
    // A direct URL ("name @ https://..."), empty for a requirement by name. The resolver refuses
    // such a dependency of an index package when its marker holds (as uv does).
    std::string url;

    // From a PEP 508 requirement (the name is canonicalized).
    [[nodiscard]] static Dependency fromRequirement(const standards::Requirement& requirement);
    // Parses a PEP 508 string; URL requirements are Unsupported for now.
    [[nodiscard]] static Result<Dependency> parse(std::string_view text);
};

struct CandidateMetadata
{
    std::vector<Dependency> dependencies;
    std::vector<std::string> providedExtras;
    // The metadata's Requires-Python (it matters when the index gave none for the files).
    std::optional<standards::SpecifierSet> requiresPython;
};

// One candidate whose metadata a prefetch asks for (the candidate outlives the source's work on it).
struct MetadataRequest
{
    std::string name; // canonical
    const Candidate* candidate = nullptr;
};

// An answer to a streaming request, ready to be read with listCandidates / fetchMetadata (which
// then return at once, with the result or the failure).
struct Completion
{
    enum class Kind { Candidates, Metadata };
    Kind kind = Kind::Candidates;
    std::string name;
    const Candidate* candidate = nullptr; // Metadata: the candidate of the request
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

    // Streaming: each requested answer is handed back once by takeCompleted(), which blocks until
    // at least one is ready and returns all that are, or returns nothing when no requested answer
    // is outstanding. A network source starts each request at once and on its own; these defaults
    // answer at once and leave the work to listCandidates / fetchMetadata.
    virtual void requestCandidates(std::span<const std::string> names)
    {
        for (const auto& name : names) {
            m_immediate.push_back(Completion{.kind = Completion::Kind::Candidates, .name = name});
        }
    }
    virtual void requestMetadata(std::span<const MetadataRequest> requests)
    {
        for (const auto& request : requests) {
            m_immediate.push_back(Completion{
                .kind = Completion::Kind::Metadata, .name = request.name, .candidate = request.candidate});
        }
    }
    [[nodiscard]] virtual std::vector<Completion> takeCompleted() { return std::exchange(m_immediate, {}); }
    // The same without waiting: the answers that are ready now. A source that answers only when
    // asked (these defaults) has none: its answers come with the next takeCompleted().
    [[nodiscard]] virtual std::vector<Completion> pollCompleted() { return {}; }

private:
    std::vector<Completion> m_immediate;
};

} // namespace pindex::resolver
