#include "core/index/index_presets.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace pindex::index {
namespace {

using Kind = PresetField::Kind;

const std::vector<IndexPreset>& presetTable()
{
    static const std::vector<IndexPreset> table = {
        {"artifactory",
         "JFrog Artifactory",
         "https://{host}/artifactory/api/pypi/{repository}/simple/",
         {{"host", "Server", "acme.jfrog.io", Kind::Host},
          {"repository", "Repository key", "pypi-local", Kind::Segment}},
         "your Artifactory user name",
         "an identity token or API key"},
        {"nexus",
         "Sonatype Nexus Repository",
         "https://{host}/repository/{repository}/simple/",
         {{"host", "Server", "nexus.example.com", Kind::Host},
          {"repository", "Repository", "pypi-internal", Kind::Segment}},
         "your Nexus user name",
         "your password or a user token"},
        {"azure",
         "Azure Artifacts (organization feed)",
         "https://pkgs.dev.azure.com/{organization}/_packaging/{feed}/pypi/simple/",
         {{"organization", "Organization", "contoso", Kind::Segment},
          {"feed", "Feed", "python-internal", Kind::Segment}},
         "any non-empty name",
         "a personal access token with Packaging (Read)"},
        {"azure-project",
         "Azure Artifacts (project feed)",
         "https://pkgs.dev.azure.com/{organization}/{project}/_packaging/{feed}/pypi/simple/",
         {{"organization", "Organization", "contoso", Kind::Segment},
          {"project", "Project", "platform", Kind::Segment},
          {"feed", "Feed", "python-internal", Kind::Segment}},
         "any non-empty name",
         "a personal access token with Packaging (Read)"},
        {"codeartifact",
         "AWS CodeArtifact",
         "https://{domain}-{account}.d.codeartifact.{region}.amazonaws.com/pypi/{repository}/simple/",
         {{"domain", "Domain", "acme", Kind::DnsLabel},
          {"account", "AWS account ID", "123456789012", Kind::Digits},
          {"region", "Region", "eu-west-1", Kind::DnsLabel},
          {"repository", "Repository", "python", Kind::Segment}},
         "aws",
         "the output of `aws codeartifact get-authorization-token` (valid for 12 hours)"},
        {"gitlab",
         "GitLab (project)",
         "https://{host}/api/v4/projects/{project}/packages/pypi/simple/",
         {{"host", "Server", "gitlab.com", Kind::Host}, {"project", "Project ID", "12345", Kind::Segment}},
         "the token's name, or your user name",
         "a deploy token or personal access token with read_package_registry"},
        {"gitlab-group",
         "GitLab (group)",
         "https://{host}/api/v4/groups/{group}/-/packages/pypi/simple/",
         {{"host", "Server", "gitlab.com", Kind::Host}, {"group", "Group ID", "678", Kind::Segment}},
         "the token's name, or your user name",
         "a deploy token or personal access token with read_package_registry"},
        {"google",
         "Google Artifact Registry",
         "https://{location}-python.pkg.dev/{project}/{repository}/simple/",
         {{"location", "Location", "europe-west1", Kind::DnsLabel},
          {"project", "Project", "acme-platform", Kind::Segment},
          {"repository", "Repository", "python-internal", Kind::Segment}},
         "oauth2accesstoken",
         "the output of `gcloud auth print-access-token`"},
        {"devpi",
         "devpi",
         "{server}/{user}/{index}/+simple/",
         {{"server", "Server URL", "https://devpi.example.com", Kind::BaseUrl},
          {"user", "User", "team", Kind::Segment},
          {"index", "Index", "prod", Kind::Segment}},
         "your devpi user name",
         "your devpi password"},
        {"pypiserver",
         "pypiserver",
         "{server}/simple/",
         {{"server", "Server URL", "http://pypi.internal:8080", Kind::BaseUrl}},
         "a user from the server's htpasswd file",
         "that user's password"},
    };
    return table;
}

std::string trim(std::string_view text)
{
    const auto isSpace = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

bool isAsciiAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isHost(std::string_view host)
{
    // host[:port], where host is DNS labels or an IPv4 address (IPv6 literals in brackets too).
    std::string_view name = host;
    if (const auto colon = host.rfind(':'); colon != std::string_view::npos && !host.ends_with(']')) {
        const std::string_view port = host.substr(colon + 1);
        if (port.empty() || port.size() > 5 ||
            !std::ranges::all_of(port, [](char c) { return c >= '0' && c <= '9'; }))
            return false;
        name = host.substr(0, colon);
    }
    if (name.starts_with('[') && name.ends_with(']'))
        return name.size() > 2 && std::ranges::all_of(name.substr(1, name.size() - 2), [](char c) {
                   return isAsciiAlnum(c) || c == ':' || c == '.';
               });
    if (name.empty() || name.size() > 253 || name.front() == '.' || name.back() == '.' || name.contains(".."))
        return false;
    std::size_t start = 0;
    while (start <= name.size()) {
        const auto end = std::min(name.find('.', start), name.size());
        const std::string_view label = name.substr(start, end - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        if (!std::ranges::all_of(label, [](char c) { return isAsciiAlnum(c) || c == '-'; }))
            return false;
        start = end + 1;
    }
    return true;
}

bool isSegmentCharacter(char c)
{
    return isAsciiAlnum(c) || c == '.' || c == '_' || c == '~' || c == '-' || c == '%';
}

} // namespace

std::span<const IndexPreset> indexPresets()
{
    return presetTable();
}

const IndexPreset* findIndexPreset(std::string_view id)
{
    for (const auto& preset : presetTable()) {
        if (preset.id == id)
            return &preset;
    }
    return nullptr;
}

CheckedField checkPresetField(const PresetField& field, std::string_view value)
{
    std::string text = trim(value);
    if (text.empty())
        return {text, FieldProblem::Empty};
    switch (field.kind) {
    case Kind::Host: {
        if (const auto scheme = text.find("://"); scheme != std::string::npos)
            text.erase(0, scheme + 3);
        while (text.ends_with('/'))
            text.pop_back();
        if (text.contains('@'))
            return {text, FieldProblem::HasCredentials};
        if (text.contains('/'))
            return {text, FieldProblem::HasSlash};
        if (!isHost(text))
            return {text, FieldProblem::NotAHost};
        return {text, FieldProblem::None};
    }
    case Kind::BaseUrl: {
        while (text.ends_with('/'))
            text.pop_back();
        const bool http = text.starts_with("http://") || text.starts_with("https://");
        if (!http)
            return {text, FieldProblem::NotAUrl};
        const auto authorityStart = text.find("://") + 3;
        const auto authorityEnd = std::min(text.find('/', authorityStart), text.size());
        const std::string_view authority =
            std::string_view(text).substr(authorityStart, authorityEnd - authorityStart);
        if (authority.contains('@'))
            return {text, FieldProblem::HasCredentials};
        if (!isHost(authority))
            return {text, FieldProblem::NotAHost};
        const std::string_view path = std::string_view(text).substr(authorityEnd);
        if (!std::ranges::all_of(path, [](char c) { return isSegmentCharacter(c) || c == '/' || c == '+'; }))
            return {text, FieldProblem::BadCharacter};
        return {text, FieldProblem::None};
    }
    case Kind::Segment:
        if (text.contains('/'))
            return {text, FieldProblem::HasSlash};
        if (!std::ranges::all_of(text, isSegmentCharacter))
            return {text, FieldProblem::BadCharacter};
        return {text, FieldProblem::None};
    case Kind::DnsLabel:
        if (std::ranges::any_of(text, [](char c) { return c >= 'A' && c <= 'Z'; }))
            return {text, FieldProblem::NotLowerCase};
        if (text.front() == '-' || text.back() == '-' || !std::ranges::all_of(text, [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            }))
            return {text, FieldProblem::BadCharacter};
        return {text, FieldProblem::None};
    case Kind::Digits:
        if (!std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; }))
            return {text, FieldProblem::NotDigits};
        return {text, FieldProblem::None};
    }
    return {text, FieldProblem::BadCharacter};
}

Result<std::string> fillPreset(const IndexPreset& preset, const std::map<std::string, std::string>& values)
{
    std::string url = preset.urlTemplate;
    for (const auto& field : preset.fields) {
        const auto found = values.find(field.key);
        const CheckedField checked =
            checkPresetField(field, found == values.end() ? std::string_view() : found->second);
        if (checked.problem != FieldProblem::None) {
            Error error = makeError(ErrorCode::Invalid,
                                    preset.displayName + ": \"" + field.label + "\" is " +
                                        (checked.problem == FieldProblem::Empty ? "missing" : "not valid"));
            error.hint = "for example " + field.example;
            return std::unexpected(std::move(error));
        }
        const std::string blank = "{" + field.key + "}";
        for (auto at = url.find(blank); at != std::string::npos;
             at = url.find(blank, at + checked.value.size()))
            url.replace(at, blank.size(), checked.value);
    }
    if (!url.ends_with('/'))
        url += '/';
    return url;
}

std::string suggestIndexName(std::string_view url, const std::vector<std::string>& taken)
{
    // Host and path, without scheme, credentials, port, query.
    std::string_view rest = url;
    if (const auto scheme = rest.find("://"); scheme != std::string_view::npos)
        rest.remove_prefix(scheme + 3);
    rest = rest.substr(0, std::min(rest.find_first_of("?#"), rest.size()));
    const auto slash = std::min(rest.find('/'), rest.size());
    std::string_view authority = rest.substr(0, slash);
    const std::string_view path = rest.substr(slash);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);
    if (const auto colon = authority.rfind(':'); colon != std::string_view::npos && !authority.ends_with(']'))
        authority = authority.substr(0, colon);

    auto lower = [](std::string_view text) {
        std::string out(text);
        std::ranges::transform(out, out.begin(), [](char c) {
            return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        });
        return out;
    };
    static constexpr std::array kGenericHostLabels = {
        "www",      "pypi",      "pkgs",         "pkg",         "packages",  "package",
        "repo",     "repos",     "repository",   "artifactory", "nexus",     "devpi",
        "registry", "python",    "dev",          "azure",       "jfrog",     "gitlab",
        "github",   "amazonaws", "codeartifact", "d",           "localhost", "simple",
        "index",    "docker",    "artifacts",    "cloudsmith",  "io"};
    static constexpr std::array kGenericPathSegments = {
        "simple",   "+simple",    "api",        "pypi",        "v4",   "projects", "groups", "-",
        "packages", "_packaging", "repository", "artifactory", "root", "index",    "web",    "python"};
    auto isGeneric = [](const std::string& word, const auto& list) {
        return std::ranges::find(list, word) != list.end();
    };
    auto isDigits = [](const std::string& word) {
        return !word.empty() && std::ranges::all_of(word, [](char c) { return c >= '0' && c <= '9'; });
    };

    std::vector<std::string> labels;
    for (std::size_t start = 0; start < authority.size();) {
        const auto end = std::min(authority.find('.', start), authority.size());
        labels.push_back(lower(authority.substr(start, end - start)));
        start = end + 1;
    }
    const bool isAddress = !labels.empty() && std::ranges::all_of(labels, isDigits);
    std::string candidate;
    if (!isAddress) {
        if (labels.size() > 1)
            labels.pop_back(); // the top-level domain
        for (auto label : labels) {
            // "europe-west1-python" (Google: a location) says nothing; "acme-123456789012"
            // (CodeArtifact: domain-account) names the domain.
            if (label.ends_with("-python"))
                continue;
            if (const auto dash = label.rfind('-');
                dash != std::string::npos && isDigits(label.substr(dash + 1)))
                label.erase(dash);
            if (!label.empty() && !isGeneric(label, kGenericHostLabels) && !label.starts_with("us-") &&
                !label.starts_with("eu-")) {
                candidate = label;
                break;
            }
        }
    }
    if (candidate.empty()) {
        // The last meaningful path segment ("feed" of an Azure URL, "repo" of a Google one).
        std::string last;
        for (std::size_t start = 1; start < path.size();) {
            const auto end = std::min(path.find('/', start), path.size());
            const std::string segment = lower(path.substr(start, end - start));
            if (!segment.empty() && !isGeneric(segment, kGenericPathSegments) && !isDigits(segment))
                last = segment;
            start = end + 1;
        }
        candidate = last;
    }

    std::string name;
    for (const char c : candidate) {
        const bool ok = isAsciiAlnum(c) || c == '-' || c == '_' || c == '.';
        if (ok)
            name += c;
        else if (!name.empty() && name.back() != '-')
            name += '-';
    }
    while (!name.empty() && (name.back() == '-' || name.back() == '.'))
        name.pop_back();
    while (!name.empty() && (name.front() == '-' || name.front() == '.'))
        name.erase(0, 1);
    if (name.empty())
        name = "private";
    if (name.size() > 40)
        name.resize(40);

    std::string unique = name;
    for (int suffix = 2; std::ranges::find(taken, unique) != taken.end(); ++suffix)
        unique = name + "-" + std::to_string(suffix);
    return unique;
}

} // namespace pindex::index
