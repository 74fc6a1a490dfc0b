#pragma once

// Provider presets for private package indexes: each fills a URL template with named blanks
// ("https://{host}/artifactory/api/pypi/{repository}/simple/"), validating every blank first, and
// says what the provider expects as username and password. Also suggests an index name for a URL
// that follows uv's name rules and is unique in a project.
//
// Invariants: presets are constant data (presets() returns the same list every time); a filled URL
// never carries credentials and always ends with '/'; suggestIndexName always returns a valid name
// (project::isValidIndexName's rule: ASCII letters, digits, '-', '_', '.') not in `taken`.

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"

namespace pindex::index {

struct PresetField
{
    enum class Kind {
        Host,     // "pkgs.example.com" or "pkgs.example.com:8443"; a pasted "https://host/" is accepted
        BaseUrl,  // "https://host[:port][/path]" (servers that live under any path)
        Segment,  // one URL path segment: letters, digits, '.', '_', '~', '-', percent escapes
        DnsLabel, // lower-case letters, digits and '-' (regions, locations, CodeArtifact domains)
        Digits,   // an account or project number
    };
    std::string key;     // the blank's name in the template, e.g. "repository"
    std::string label;   // English label, e.g. "Repository"
    std::string example; // a placeholder value, e.g. "pypi-local"
    Kind kind = Kind::Segment;
};

struct IndexPreset
{
    std::string id;          // stable identifier, e.g. "artifactory"
    std::string displayName; // e.g. "JFrog Artifactory"
    std::string urlTemplate; // blanks as {key}
    std::vector<PresetField> fields;
    std::string usernameHint; // what the provider expects as username, e.g. "aws"
    std::string passwordHint; // what goes in the password field, e.g. "an identity token"
};

// Artifactory, Nexus, Azure Artifacts (organization and project feeds), AWS CodeArtifact, GitLab
// (project and group), Google Artifact Registry, devpi, pypiserver.
[[nodiscard]] std::span<const IndexPreset> indexPresets();
[[nodiscard]] const IndexPreset* findIndexPreset(std::string_view id);

// Why one blank is not acceptable.
enum class FieldProblem {
    None,
    Empty,
    HasCredentials,
    NotAHost,
    NotAUrl,
    HasSlash,
    BadCharacter,
    NotDigits,
    NotLowerCase
};

// The value as it will go into the URL (trimmed; a pasted "https://host/" reduced to "host"),
// or the problem that stops it.
struct CheckedField
{
    std::string value;
    FieldProblem problem = FieldProblem::None;
};
[[nodiscard]] CheckedField checkPresetField(const PresetField& field, std::string_view value);

// Fills every blank; ErrorCode::Invalid names the first blank that is missing or not acceptable.
[[nodiscard]] Result<std::string> fillPreset(const IndexPreset& preset,
                                             const std::map<std::string, std::string>& values);

// A name for the index at `url`, from the most specific meaningful label of its host
// ("acme.jfrog.io" gives "acme", "pkgs.example.com" gives "example"), else from its last meaningful
// path segment (an Azure feed), else "private"; valid and not in `taken` ("-2", "-3", ... appended).
[[nodiscard]] std::string suggestIndexName(std::string_view url, const std::vector<std::string>& taken);

} // namespace pindex::index
