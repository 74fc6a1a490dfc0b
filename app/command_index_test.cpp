// pindex index test NAME [--project DIR]: is a configured index reachable, which API flavour does
// it speak (PEP 691 JSON or PEP 503 HTML), does it require authentication, do the configured
// credentials work (URL, UV_INDEX_<NAME>_*, netrc, the OS keychain), and how long does it take to
// answer. Exit 0 when the index is usable, 1 when it is not, 2 on usage or configuration errors.

#include <ostream>

#include "app/arguments.h"
#include "app/commands.h"
#include "app/keychain.h"
#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/index/connection_test.h"
#include "core/index/index_client.h"
#include "core/install/project_lock.h"
#include "core/project/pyproject.h"

namespace pindex::app {
namespace {

using Check = index::ConnectionReport::CredentialCheck;
using Verdict = index::ConnectionReport::Verdict;

void printCredentials(std::ostream& out, const index::ConnectionReport& report)
{
    const std::string source(auth::describeSource(report.credentialSource));
    out << "  credentials:    ";
    switch (report.credentialCheck) {
    case Check::NoneFound: out << "none found (URL, environment, netrc, keychain)\n"; break;
    case Check::LookupFailed:
        out << "could not be looked up: " << report.credentialLookupError->message << '\n';
        if (!report.credentialLookupError->hint.empty())
            out << "                  (" << report.credentialLookupError->hint << ")\n";
        break;
    case Check::NotUsed: out << "from " << source << ", not used (authenticate = never)\n"; break;
    case Check::NotChecked:
        out << "from " << source << ", not checked (HTTP " << report.credentialStatus << ")\n";
        break;
    case Check::Accepted:
        out << "from " << source << ", accepted (HTTP " << report.credentialStatus << " in "
            << report.credentialLatency.count() << " ms)\n";
        break;
    case Check::Rejected:
        out << "from " << source << ", rejected (HTTP " << report.credentialStatus << ")\n";
        break;
    }
}

int printReport(std::ostream& out, const index::IndexConfig& config, const index::ConnectionReport& report)
{
    out << "Index " << config.name << "  " << report.url << '\n';
    if (report.verdict == Verdict::Unreachable) {
        out << "  reachable:      no (" << report.problem << ")\n";
        return 1;
    }
    if (report.isLocalDirectory) {
        out << "  reachable:      yes (a local flat index directory)\n"
            << "  API:            " << report.flavour << " (" << report.localFileCount
            << " distribution files)\n"
            << "  authentication: not applicable\n";
        return 0;
    }
    out << "  reachable:      yes (HTTP " << report.anonymousStatus << " in " << report.latency.count()
        << " ms" << (report.http2 ? ", HTTP/2" : "") << ")\n";
    out << "  latency:        " << report.latency.count() << " ms\n";
    out << "  authentication: " << (report.authenticationRequired ? "required" : "not required")
        << " (authenticate = " << index::toString(config.authenticate) << ")\n";
    printCredentials(out, report);
    if (!report.usable()) {
        out << "  API:            unknown ("
            << (report.problem.empty() ? "no successful answer" : report.problem) << ")\n";
        if (report.needsCredentials()) {
            const auto names = auth::environmentVariableNames(config.name);
            out << "  hint:           run `pindex auth login " << config.name
                << " --username USER --password -`, or set " << names.username << " and " << names.password
                << '\n';
        }
        return 1;
    }
    out << "  API:            " << report.flavour;
    if (!report.apiVersion.empty())
        out << ", api-version " << report.apiVersion;
    if (report.projectCount)
        out << ", " << *report.projectCount
            << (config.format == index::IndexFormat::Flat ? " distribution files" : " projects listed");
    out << '\n';
    return 0;
}

} // namespace

int runIndexTest(CommandContext& context)
{
    std::vector<std::string> words = context.arguments;
    if (!words.empty() && words.front() == "test")
        words.erase(words.begin());
    const auto arguments = Arguments::parse(words, {.flags = {}, .valued = {"project"}});
    if (!arguments) {
        context.err << "pindex index test: " << arguments.error().describe() << '\n';
        return 2;
    }
    if (arguments->positional().size() != 1) {
        context.err << "Usage: pindex index test NAME [--project DIR]\n";
        return 2;
    }
    const std::string& name = arguments->positional().front();
    const std::filesystem::path directory = arguments->valueOr("project", ".");
    const auto project = project::loadPyProject(directory / "pyproject.toml");
    if (!project) {
        context.err << "pindex index test: " << project.error().describe() << '\n';
        return 2;
    }
    const project::IndexEntry* entry = nullptr;
    for (const auto& candidate : project->indexes) {
        if (candidate.name == name)
            entry = &candidate;
    }
    if (entry == nullptr) {
        context.err << "pindex index test: no index named '" << name << "' in "
                    << (directory / "pyproject.toml").string() << '\n';
        return 2;
    }
    const index::IndexConfig config = install::indexConfigFor(*entry, directory);
    // The test runs on a worker; the keychain is loaded only if the chain reaches it, and then
    // answers on the main thread's event loop.
    return runWithKeychain([&](auth::CredentialStore& keychain) {
        auto chain =
            auth::makeCredentialChain({.environment = auth::processEnvironment(), .keychain = &keychain});
        return printReport(context.out, config, index::testConnection(config, chain.get()));
    });
}

} // namespace pindex::app
