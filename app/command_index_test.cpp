// pindex index test NAME [--project DIR]: is a configured index reachable, which API flavour does
// it speak (PEP 691 JSON or PEP 503 HTML), does it require authentication, do the configured
// credentials work, and how long does it take to answer. Exit 0 when the index is usable.

#include <ostream>

#include "app/arguments.h"
#include "app/commands.h"
#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/index/flat_index.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/index/simple_api.h"
#include "core/index/simple_html.h"
#include "core/index/simple_json.h"
#include "core/index/url.h"
#include "core/project/pyproject.h"

namespace pindex::app {
namespace {

index::IndexConfig toIndexConfig(const project::IndexEntry& entry)
{
    return {.name = entry.name,
            .url = entry.url,
            .format = entry.format == "flat" ? index::IndexFormat::Flat : index::IndexFormat::Simple,
            .authenticate =
                index::parseAuthenticateMode(entry.authenticate).value_or(index::AuthenticateMode::Auto),
            .isDefault = entry.isDefault,
            .isExplicit = entry.isExplicit,
            .apiCacheControl = entry.cacheControlApi,
            .ignoreErrorCodes = entry.ignoreErrorCodes};
}

std::string flavourOf(const index::HttpResponse& response)
{
    if (response.contentType.find("json") != std::string::npos)
        return "JSON (PEP 691)";
    return "HTML (PEP 503)";
}

int testFlatDirectory(CommandContext& context, const index::IndexConfig& config)
{
    const auto split = index::splitUrlCredentials(config.url);
    const auto path = index::pathOfFileUrl(split.url).value_or(std::filesystem::path(split.url));
    const auto files = index::listFlatDirectory(path);
    if (!files) {
        context.out << "  reachable:      no (" << files.error().describe() << ")\n";
        return 1;
    }
    context.out << "  reachable:      yes (a local flat index directory)\n"
                << "  API:            flat (" << files->size() << " distribution files)\n"
                << "  authentication: not applicable\n";
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
    const index::IndexConfig config = toIndexConfig(*entry);
    auto& out = context.out;
    out << "Index " << config.name << "  " << maskUrlCredentials(config.url) << '\n';

    const auto split = index::splitUrlCredentials(config.url);
    if (config.format == index::IndexFormat::Flat && !split.url.contains("://"))
        return testFlatDirectory(context, config);
    if (config.format == index::IndexFormat::Flat && split.url.starts_with("file://"))
        return testFlatDirectory(context, config);

    index::HttpClient http({.maxAttempts = 2});
    const std::string url =
        config.format == index::IndexFormat::Flat ? split.url : index::withTrailingSlash(split.url);
    const std::vector<std::pair<std::string, std::string>> accept = {{"Accept", index::kSimpleAcceptHeader}};

    // 1. Without credentials: reachability, latency, and whether the index asks for authentication.
    const auto anonymous = http.get({.url = url, .headers = accept, .timeoutSeconds = 20});
    if (!anonymous) {
        out << "  reachable:      no (" << anonymous.error().message << ")\n";
        return 1;
    }
    out << "  reachable:      yes (HTTP " << anonymous->status << " in " << anonymous->elapsed.count()
        << " ms" << (anonymous->httpVersion2 ? ", HTTP/2" : "") << ")\n";
    const bool challenged = anonymous->status == 401 || anonymous->status == 403;
    out << "  authentication: " << (challenged ? "required" : "not required")
        << " (authenticate = " << index::toString(config.authenticate) << ")\n";

    // 2. With the configured credentials (URL, UV_INDEX_<NAME>_*, netrc), when there are any.
    auto chain = auth::makeCredentialChain({.environment = auth::processEnvironment()});
    const auto provided = chain->credentialsFor({config.name, config.url});
    std::optional<index::HttpResponse> authenticated;
    if (!provided) {
        out << "  credentials:    could not be looked up (" << provided.error().message << ")\n";
    } else if (!*provided) {
        out << "  credentials:    none configured\n";
    } else if (config.authenticate == index::AuthenticateMode::Never) {
        out << "  credentials:    configured but not used (authenticate = never)\n";
    } else {
        const auto withCredentials = http.get(
            {.url = url, .headers = accept, .credentials = (*provided)->credentials, .timeoutSeconds = 20});
        const std::string source(auth::describeSource((*provided)->source));
        if (!withCredentials) {
            out << "  credentials:    from " << source << ", not checked (" << withCredentials.error().message
                << ")\n";
        } else if (withCredentials->status == 200) {
            out << "  credentials:    from " << source << ", accepted (" << withCredentials->elapsed.count()
                << " ms)\n";
            authenticated = *withCredentials;
        } else {
            out << "  credentials:    from " << source << ", rejected (HTTP " << withCredentials->status
                << ")\n";
        }
    }

    const index::HttpResponse* usable =
        anonymous->status == 200 ? &*anonymous : (authenticated ? &*authenticated : nullptr);
    if (usable == nullptr) {
        out << "  API:            unknown (no successful answer)\n";
        if (challenged)
            out << "  hint:           set UV_INDEX_<NAME>_USERNAME and _PASSWORD, or run `pindex auth login "
                << config.name << "`\n";
        return 1;
    }
    out << "  API:            " << flavourOf(*usable);
    if (config.format == index::IndexFormat::Simple) {
        const auto list = usable->contentType.find("json") != std::string::npos
                              ? index::parseProjectListJson(usable->body, url)
                              : index::parseProjectListHtml(usable->body);
        if (list) {
            if (!list->apiVersion.empty())
                out << ", api-version " << list->apiVersion;
            out << ", " << list->names.size() << " projects listed";
        }
    }
    out << '\n';
    return 0;
}

} // namespace pindex::app
