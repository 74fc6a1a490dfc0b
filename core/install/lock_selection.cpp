#include "core/install/lock_selection.h"

#include <cctype>
#include <optional>
#include <set>

#include "core/standards/marker.h"
#include "core/standards/name.h"
#include "core/standards/tags.h"
#include "core/standards/wheel_name.h"

namespace pindex::install {

namespace {

std::string requirementName(const std::string& requirement)
{
    std::size_t end = 0;
    while (end < requirement.size() &&
           (std::isalnum(static_cast<unsigned char>(requirement[end])) != 0 || requirement[end] == '-' ||
            requirement[end] == '_' || requirement[end] == '.'))
        ++end;
    return standards::canonicalizeName(requirement.substr(0, end));
}

} // namespace

LockSelection selectFromLock(const lock::LockSnapshot& snapshot, const InterpreterInfo& interpreter)
{
    LockSelection selection;
    std::set<std::string> roots;
    for (const auto& requirement : snapshot.rootRequirements)
        roots.insert(requirementName(requirement));
    const standards::SupportedTags supported(interpreter.supportedTags());
    for (const auto& package : snapshot.packages) {
        const std::string name = package.canonicalName();
        if (!package.marker.empty()) {
            auto marker = standards::Marker::parse(package.marker);
            if (!marker) {
                selection.problems.push_back(
                    makeError(ErrorCode::Parse, "The marker of " + name + " (`" + package.marker +
                                                    "`) is not valid: " + marker.error().message));
                continue;
            }
            auto holds = marker->evaluate(interpreter.markers);
            if (!holds) {
                selection.problems.push_back(holds.error());
                continue;
            }
            if (!*holds)
                continue;
        }
        if (package.vcs || package.directory) {
            selection.problems.push_back(makeError(
                ErrorCode::Unsupported, name + " comes from a " + (package.vcs ? "VCS" : "directory") +
                                            " source, which needs a build; Pindex does not build yet."));
            continue;
        }
        const lock::LockedFile* best = nullptr;
        std::optional<std::size_t> bestRank;
        for (const auto& wheel : package.wheels) {
            auto parsed = standards::parseWheelName(wheel.name);
            if (!parsed)
                continue;
            const auto rank = standards::rank(*parsed, supported);
            if (rank && (!bestRank || *rank < *bestRank)) {
                bestRank = rank;
                best = &wheel;
            }
        }
        if (best == nullptr) {
            if (package.sdist)
                selection.problems.push_back(
                    makeError(ErrorCode::Unsupported,
                              name + " " + package.version +
                                  " has no wheel for this environment, only a source distribution "
                                  "that needs a build; Pindex does not build yet."));
            else
                selection.problems.push_back(
                    makeError(ErrorCode::NotFound,
                              name + " " + package.version + " has no wheel for this environment."));
            continue;
        }
        SelectedPackage selected;
        selected.target = {.name = name, .version = package.version, .requested = roots.contains(name)};
        selected.wheel = *best;
        if (const auto hash = best->hashes.find("sha256"); hash != best->hashes.end())
            selected.sha256 = hash->second;
        selection.packages.push_back(std::move(selected));
    }
    return selection;
}

} // namespace pindex::install
