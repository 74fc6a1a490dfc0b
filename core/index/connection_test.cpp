#include "core/index/connection_test.h"

#include "core/index/flat_index.h"
#include "core/index/simple_html.h"
#include "core/index/simple_json.h"
#include "core/index/url.h"

namespace pindex::index {
namespace {

using Verdict = ConnectionReport::Verdict;
using CredentialCheck = ConnectionReport::CredentialCheck;

bool isJson(std::string_view contentType)
{
    return contentType.find("json") != std::string_view::npos;
}

bool isSuccess(long status)
{
    return status >= 200 && status < 300;
}

bool isRefusal(long status)
{
    return status == 401 || status == 403;
}

void describeApi(ConnectionReport& report, const IndexConfig& config, const HttpResponse& response,
                 const std::string& url)
{
    if (config.format == IndexFormat::Flat) {
        report.flavour = "flat (a page of links)";
        if (auto page = parseProjectPageHtml(response.body, url)) {
            std::size_t count = 0;
            for (const auto& file : page->files) {
                if (projectNameOfFile(file.filename))
                    ++count;
            }
            report.projectCount = count;
        }
        return;
    }
    const bool json = isJson(response.contentType);
    report.flavour = json ? "JSON (PEP 691)" : "HTML (PEP 503)";
    const auto list = json ? parseProjectListJson(response.body, url) : parseProjectListHtml(response.body);
    if (list) {
        report.apiVersion = list->apiVersion;
        report.projectCount = list->names.size();
    }
}

Verdict verdictOf(const ConnectionReport& report)
{
    if (isSuccess(report.anonymousStatus) || report.credentialCheck == CredentialCheck::Accepted)
        return Verdict::Usable;
    if (report.authenticationRequired)
        return report.credentialCheck == CredentialCheck::Rejected ? Verdict::CredentialsRejected
                                                                   : Verdict::AuthenticationRequired;
    return Verdict::Failed;
}

} // namespace

ConnectionReport testConnection(const IndexConfig& config, auth::CredentialProvider* credentials,
                                HttpClient* http, std::stop_token stop)
{
    ConnectionReport report;
    report.url = maskUrlCredentials(config.url);
    const auto split = splitUrlCredentials(config.url);

    // A local flat index: a directory (or file:// URL) read in place.
    if (config.format == IndexFormat::Flat &&
        (!split.url.contains("://") || split.url.starts_with("file://"))) {
        const auto path = pathOfFileUrl(split.url).value_or(std::filesystem::path(split.url));
        const auto files = listFlatDirectory(path);
        if (!files) {
            report.verdict = Verdict::Unreachable;
            report.problem = files.error().describe();
            return report;
        }
        report.verdict = Verdict::Usable;
        report.isLocalDirectory = true;
        report.localFileCount = files->size();
        report.anonymousStatus = 200;
        report.flavour = "flat (a local directory)";
        return report;
    }

    std::optional<HttpClient> ownClient;
    if (http == nullptr)
        http = &ownClient.emplace(HttpClientOptions{.maxAttempts = 2});
    const std::string url = config.format == IndexFormat::Flat ? split.url : withTrailingSlash(split.url);
    const std::vector<std::pair<std::string, std::string>> accept = {
        {"Accept", config.format == IndexFormat::Flat ? "text/html" : kSimpleAcceptHeader}};

    // 1. Without credentials: reachability, latency, and whether the index asks for authentication.
    const auto anonymous = http->get({.url = url, .headers = accept, .timeoutSeconds = 20}, stop);
    if (!anonymous) {
        report.verdict = Verdict::Unreachable;
        report.problem = anonymous.error().message;
        return report;
    }
    report.anonymousStatus = anonymous->status;
    report.latency = anonymous->elapsed;
    report.http2 = anonymous->httpVersion2;
    report.authenticationRequired = isRefusal(anonymous->status);
    if (isSuccess(anonymous->status))
        describeApi(report, config, *anonymous, url);
    else if (!report.authenticationRequired)
        report.problem = "the index answered HTTP " + std::to_string(anonymous->status);

    // 2. With the credentials the provider finds (URL, UV_INDEX_<NAME>_*, netrc, keychain).
    const auto finish = [&report] {
        report.verdict = verdictOf(report);
        return report;
    };
    std::optional<auth::ProvidedCredentials> provided;
    if (split.credentials) {
        provided = auth::ProvidedCredentials{*split.credentials, auth::CredentialSource::Url};
    } else if (credentials != nullptr) {
        auto found = credentials->credentialsFor({config.name, config.url});
        if (!found) {
            report.credentialCheck = CredentialCheck::LookupFailed;
            report.credentialLookupError = found.error();
            return finish();
        }
        provided = std::move(*found);
    }
    if (!provided)
        return finish();
    report.credentialSource = provided->source;
    if (config.authenticate == AuthenticateMode::Never) {
        report.credentialCheck = CredentialCheck::NotUsed;
        return finish();
    }
    const auto authenticated = http->get(
        {.url = url, .headers = accept, .credentials = provided->credentials, .timeoutSeconds = 20}, stop);
    if (!authenticated) {
        report.credentialCheck = CredentialCheck::NotChecked;
        return finish();
    }
    report.credentialStatus = authenticated->status;
    report.credentialLatency = authenticated->elapsed;
    if (isRefusal(authenticated->status))
        report.credentialCheck = CredentialCheck::Rejected;
    else if (!isSuccess(authenticated->status))
        report.credentialCheck = CredentialCheck::NotChecked;
    else
        report.credentialCheck = CredentialCheck::Accepted;
    if (report.credentialCheck == CredentialCheck::Accepted && !isSuccess(anonymous->status)) {
        report.problem.clear();
        describeApi(report, config, *authenticated, url);
    }
    return finish();
}

} // namespace pindex::index
