#include "tests/scenarios/scenario_runner.h"

#include "core/resolver/resolver.h"
#include "core/standards/name.h"

namespace pindex::scenarios {

std::string skipReason(const Scenario& scenario)
{
    if (scenario.universal) {
        return "needs universal resolution (all platforms at once)";
    }
    return {};
}

Outcome runScenario(const Scenario& scenario, resolver::CandidateSource& source)
{
    const auto fail = [](std::string message) { return Outcome{Outcome::Kind::Failed, std::move(message)}; };
    resolver::ResolveOptions options;
    for (const auto& text : scenario.rootRequires) {
        auto dependency = resolver::Dependency::parse(text);
        if (!dependency) {
            return fail("root requirement: " + dependency.error().describe());
        }
        options.requirements.push_back(std::move(*dependency));
    }
    auto environment = resolver::TargetEnvironment::make(scenario.resolverPython.value_or(scenario.python),
                                                         scenario.platform);
    if (!environment) {
        return fail(environment.error().describe());
    }
    options.environment = std::move(*environment);
    if (scenario.prereleases) {
        options.prereleases = resolver::PrereleaseMode::Allow;
    }
    for (const auto& name : scenario.noBuild) {
        options.noBuild.insert(standards::canonicalizeName(name));
    }
    for (const auto& name : scenario.noBinary) {
        options.noBinary.insert(standards::canonicalizeName(name));
    }

    auto resolution = resolver::resolve(source, options);
    const bool satisfiable = resolution.has_value();
    if (!satisfiable && resolution.error().code != ErrorCode::Unsatisfiable) {
        return fail("resolver error: " + resolution.error().describe());
    }
    if (scenario.expectSatisfiable && *scenario.expectSatisfiable != satisfiable) {
        if (satisfiable) {
            std::string picked;
            for (const auto& package : resolution->packages) {
                picked += " " + package.name + "==" + package.version.str();
            }
            return fail("expected no solution, got" + picked);
        }
        return fail("expected a solution, got: " + resolution.error().message);
    }
    if (!satisfiable) {
        // Picks or indexes to check say a solution is expected, even without `satisfiable`.
        if (!scenario.expectPackages.empty() || !scenario.expectIndexes.empty()) {
            return fail("expected a solution (the scenario names what it picks), got: " +
                        resolution.error().message);
        }
        return Outcome{Outcome::Kind::Passed, resolution.error().message};
    }
    std::string problems;
    if (scenario.hasExpectedPackages) {
        for (const auto& [name, version] : scenario.expectPackages) {
            const auto* picked = resolution->find(name);
            const auto expected = standards::Version::parse(version);
            if (!picked) {
                problems += "; " + name + " missing (expected " + version + ")";
            } else if (!expected || !(picked->version == *expected)) { // PEP 440: 2.0 is 2.0.0
                problems += "; " + name + "==" + picked->version.str() + " (expected " + version + ")";
            }
        }
        for (const auto& package : resolution->packages) {
            if (!scenario.expectPackages.contains(package.name)) {
                problems += "; unexpected " + package.name + "==" + package.version.str();
            }
        }
    }
    for (const auto& [name, index] : scenario.expectIndexes) {
        const auto* picked = resolution->find(name);
        if (!picked) {
            problems += "; " + name + " missing (expected from index '" + index + "')";
        } else if (picked->candidate.indexName != index) {
            problems +=
                "; " + name + " from index '" + picked->candidate.indexName + "' (expected '" + index + "')";
        }
    }
    if (!problems.empty()) {
        return fail(problems.substr(2));
    }
    return Outcome{Outcome::Kind::Passed, {}};
}

} // namespace pindex::scenarios
