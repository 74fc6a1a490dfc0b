// ProjectDocument: pins ([tool.uv.sources]), pattern pins ([tool.pindex.pin-patterns]) and
// dependencies ([project.dependencies], extras, dependency groups).

#include <algorithm>

#include "core/project/project_document.h"
#include "core/standards/marker.h"
#include "core/standards/name.h"
#include "core/standards/requirement.h"

namespace pindex::project {
namespace {

const KeyPath kPatternPath{"tool", "pindex", "pin-patterns"};

Error invalid(std::string message)
{
    return makeError(ErrorCode::Invalid, std::move(message));
}

std::string markerOf(const ScannedValue& value)
{
    for (const auto& entry : value.entries) {
        if (entry.key == KeyPath{"marker"} && entry.value.kind == ScannedValue::Kind::String)
            return entry.value.text;
    }
    return {};
}

std::string sourceText(const std::string& index, const std::string& marker)
{
    std::string text = "{ index = " + quoteTomlString(index);
    if (!marker.empty())
        text += ", marker = " + quoteTomlString(marker);
    return text + " }";
}

bool isValidPattern(const std::string& pattern)
{
    if (pattern.empty())
        return false;
    return std::all_of(pattern.begin(), pattern.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
               c == '_' || c == '.' || c == '*' || c == '?' || c == '[' || c == ']' || c == '!';
    });
}

KeyPath dependencyPath(DependencyEntry::Kind kind, const std::string& group)
{
    switch (kind) {
    case DependencyEntry::Kind::Main: return {"project", "dependencies"};
    case DependencyEntry::Kind::Extra: return {"project", "optional-dependencies", group};
    case DependencyEntry::Kind::Group: return {"dependency-groups", group};
    }
    return {};
}

Status checkGroup(DependencyEntry::Kind kind, const std::string& group)
{
    if (kind == DependencyEntry::Kind::Main || standards::isValidName(group))
        return {};
    return std::unexpected(invalid("'" + group + "' is not a valid " +
                                   (kind == DependencyEntry::Kind::Extra ? "extra" : "dependency group") +
                                   " name."));
}

// The requirement as a TOML string, in the quoting style of its neighbours.
std::string quoteRequirement(const std::string& requirement, bool literal)
{
    if (literal && requirement.find('\'') == std::string::npos && requirement.find('\n') == std::string::npos)
        return "'" + requirement + "'";
    return quoteTomlString(requirement);
}

std::optional<std::size_t> findRequirement(const ScannedValue& array, const std::string& canonical)
{
    for (std::size_t i = 0; i < array.items.size(); ++i) {
        const auto& item = array.items[i];
        if (item.kind == ScannedValue::Kind::String && requirementName(item.text) == canonical)
            return i;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> ProjectDocument::sourceKeyFor(const std::string& package) const
{
    const auto canonical = standards::canonicalizeName(package);
    for (const auto& [key, value] : m_editor.children(sourcesPath())) {
        if (standards::canonicalizeName(key) == canonical)
            return key;
    }
    return std::nullopt;
}

Status ProjectDocument::pinPackage(const std::string& package, const std::string& index,
                                   const std::string& marker)
{
    if (isUvToml())
        return std::unexpected(
            makeError(ErrorCode::Unsupported, "Pins live in pyproject.toml, not in uv.toml."));
    if (!standards::isValidName(package))
        return std::unexpected(invalid("'" + package + "' is not a valid package name."));
    const auto names = indexNames();
    if (std::find(names.begin(), names.end(), index) == names.end()) {
        auto error =
            invalid("Cannot pin '" + package + "' to '" + index + "': there is no index with that name.");
        error.indexName = index;
        error.hint = "Add the index first.";
        return std::unexpected(std::move(error));
    }
    if (!marker.empty()) {
        if (const auto parsedMarker = standards::Marker::parse(marker); !parsedMarker)
            return std::unexpected(
                invalid("Invalid marker '" + marker + "': " + parsedMarker.error().message));
    }
    const std::string key = sourceKeyFor(package).value_or(package);
    KeyPath path = sourcesPath();
    path.push_back(key);
    const auto existing = m_editor.find(path);
    const std::string entry = sourceText(index, marker);
    // Inside an inline table (`sources = { ... }`) a list stays on one line.
    const bool inlineSources = m_editor.find(sourcesPath()).has_value();
    auto list = [&](const std::string& items) {
        return inlineSources ? "[" + items + "]" : m_editor.convertLineEndings("[\n    " + items + ",\n]");
    };
    return transaction([&](TomlEditor& editor) -> Status {
        if (marker.empty())
            return editor.setValue(sourcesPath(), key, entry);
        if (!existing)
            return editor.setValue(sourcesPath(), key, list(entry));
        if (existing->kind == ScannedValue::Kind::Array) {
            for (std::size_t i = 0; i < existing->items.size(); ++i) {
                if (markerOf(existing->items[i]) == marker)
                    return editor.replaceArrayItem(path, i, entry);
            }
            return editor.insertArrayItem(path, existing->items.size(), entry);
        }
        const std::string existingMarker = markerOf(*existing);
        if (existing->kind == ScannedValue::Kind::InlineTable && existingMarker == marker)
            return editor.setValue(sourcesPath(), key, entry);
        if (existing->kind != ScannedValue::Kind::InlineTable || existingMarker.empty())
            return editor.setValue(sourcesPath(), key, list(entry));
        const std::string previous =
            editor.text().substr(existing->span.begin, existing->span.end - existing->span.begin);
        return editor.setValue(
            sourcesPath(), key,
            list(previous + (inlineSources ? ", " : m_editor.convertLineEndings(",\n    ")) + entry));
    });
}

Status ProjectDocument::unpinPackage(const std::string& package, const std::string& marker)
{
    const auto key = sourceKeyFor(package);
    if (!key)
        return std::unexpected(makeError(ErrorCode::NotFound, "'" + package + "' is not pinned."));
    KeyPath path = sourcesPath();
    path.push_back(*key);
    const auto existing = m_editor.find(path);
    return transaction([&](TomlEditor& editor) -> Status {
        if (marker.empty())
            return editor.removeKey(sourcesPath(), *key);
        if (existing && existing->kind == ScannedValue::Kind::Array) {
            for (std::size_t i = 0; i < existing->items.size(); ++i) {
                if (markerOf(existing->items[i]) != marker)
                    continue;
                if (existing->items.size() == 1)
                    return editor.removeKey(sourcesPath(), *key);
                return editor.removeArrayItem(path, i);
            }
        } else if (existing && markerOf(*existing) == marker) {
            return editor.removeKey(sourcesPath(), *key);
        }
        return std::unexpected(
            makeError(ErrorCode::NotFound, "'" + package + "' has no pin for the marker '" + marker + "'."));
    });
}

Status ProjectDocument::addPatternPin(const std::string& pattern, const std::string& index)
{
    if (isUvToml())
        return std::unexpected(makeError(ErrorCode::Unsupported, "Pattern pins live in pyproject.toml."));
    if (!isValidPattern(pattern))
        return std::unexpected(
            invalid("'" + pattern + "' is not a valid pattern: use name characters and the globs * ? [ ]."));
    const auto names = indexNames();
    if (std::find(names.begin(), names.end(), index) == names.end()) {
        auto error =
            invalid("Cannot pin '" + pattern + "' to '" + index + "': there is no index with that name.");
        error.indexName = index;
        return std::unexpected(std::move(error));
    }
    return transaction(
        [&](TomlEditor& editor) { return editor.setValue(kPatternPath, pattern, quoteTomlString(index)); });
}

Status ProjectDocument::removePatternPin(const std::string& pattern)
{
    const auto children = m_editor.children(kPatternPath);
    const bool present = std::any_of(children.begin(), children.end(),
                                     [&pattern](const auto& child) { return child.first == pattern; });
    if (!present)
        return std::unexpected(makeError(ErrorCode::NotFound, "There is no pattern pin '" + pattern + "'."));
    return transaction([&](TomlEditor& editor) { return editor.removeKey(kPatternPath, pattern); });
}

Status ProjectDocument::addDependency(DependencyEntry::Kind kind, const std::string& group,
                                      const std::string& requirement)
{
    if (auto valid = checkGroup(kind, group); !valid)
        return valid;
    const auto parsed = standards::parseRequirement(requirement);
    if (!parsed)
        return std::unexpected(invalid(parsed.error().message));
    const std::string name = standards::canonicalizeName(parsed->name);
    const KeyPath path = dependencyPath(kind, group);
    const KeyPath parent(path.begin(), path.end() - 1);
    const auto array = m_editor.find(path);
    if (array && array->kind != ScannedValue::Kind::Array)
        return std::unexpected(invalid(formatTomlPath(path) + " is not a list."));
    if (!array || array->items.empty()) {
        return transaction([&](TomlEditor& editor) {
            return editor.setValue(
                parent, path.back(),
                editor.convertLineEndings("[\n    " + quoteTomlString(requirement) + ",\n]"));
        });
    }
    if (findRequirement(*array, name))
        return std::unexpected(invalid("'" + name + "' is already listed in " + formatTomlPath(path) + "."));
    // Keep a sorted list sorted (as uv does); otherwise append.
    std::vector<std::string> names;
    bool allStrings = true;
    for (const auto& item : array->items) {
        allStrings = allStrings && item.kind == ScannedValue::Kind::String;
        names.push_back(item.kind == ScannedValue::Kind::String ? requirementName(item.text) : std::string());
    }
    std::size_t position = names.size();
    if (allStrings && std::is_sorted(names.begin(), names.end())) {
        position =
            static_cast<std::size_t>(std::upper_bound(names.begin(), names.end(), name) - names.begin());
    }
    const bool literal = array->items.front().literalQuotes;
    return transaction([&](TomlEditor& editor) {
        return editor.insertArrayItem(path, position, quoteRequirement(requirement, literal));
    });
}

Status ProjectDocument::removeDependency(DependencyEntry::Kind kind, const std::string& group,
                                         const std::string& package)
{
    const KeyPath path = dependencyPath(kind, group);
    const auto array = m_editor.find(path);
    const auto position =
        array ? findRequirement(*array, standards::canonicalizeName(package)) : std::nullopt;
    if (!position)
        return std::unexpected(makeError(ErrorCode::NotFound,
                                         "'" + package + "' is not listed in " + formatTomlPath(path) + "."));
    return transaction([&](TomlEditor& editor) { return editor.removeArrayItem(path, *position); });
}

Status ProjectDocument::changeDependency(DependencyEntry::Kind kind, const std::string& group,
                                         const std::string& package, const std::string& requirement)
{
    const auto parsed = standards::parseRequirement(requirement);
    if (!parsed)
        return std::unexpected(invalid(parsed.error().message));
    const std::string name = standards::canonicalizeName(parsed->name);
    const KeyPath path = dependencyPath(kind, group);
    const auto array = m_editor.find(path);
    const auto canonical = standards::canonicalizeName(package);
    const auto position = array ? findRequirement(*array, canonical) : std::nullopt;
    if (!position)
        return std::unexpected(makeError(ErrorCode::NotFound,
                                         "'" + package + "' is not listed in " + formatTomlPath(path) + "."));
    if (name != canonical && findRequirement(*array, name))
        return std::unexpected(invalid("'" + name + "' is already listed in " + formatTomlPath(path) + "."));
    const bool literal = array->items[*position].literalQuotes;
    return transaction([&](TomlEditor& editor) {
        return editor.replaceArrayItem(path, *position, quoteRequirement(requirement, literal));
    });
}

} // namespace pindex::project
