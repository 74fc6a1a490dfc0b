// ProjectDocument: pins ([tool.uv.sources]), pattern pins ([tool.pindex.pin-patterns]) and
// dependencies ([project.dependencies], extras, dependency groups).

#include <algorithm>

#include "core/project/project_document.h"
#include "core/project/source_markers.h"
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

// Markers compared as uv reads them (spacing and quotes do not matter).
bool sameMarker(const std::string& written, const std::string& wanted)
{
    if (written.empty() || wanted.empty())
        return written.empty() && wanted.empty();
    const auto left = normalizeMarker(written);
    const auto right = normalizeMarker(wanted);
    return left && right ? *left == *right : written == wanted;
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

Status ProjectDocument::checkPinTarget(const std::string& what, const std::string& index, bool uvSource) const
{
    const auto names = indexNames();
    if (std::find(names.begin(), names.end(), index) != names.end())
        return {};
    if (const auto other = otherIndex(index)) {
        // uv lets [tool.uv.sources] name the indexes of pyproject.toml files only (this project's and
        // its workspace root's); Pindex's pattern pins may name any index of the configuration.
        if (!uvSource || std::filesystem::path(other->origin.file).filename() == "pyproject.toml")
            return {};
        auto error = invalid("Cannot pin '" + what + "' to '" + index + "': that index is defined in " +
                             other->origin.file + ":" + std::to_string(other->origin.line) + " (" +
                             std::string(toString(other->origin.scope)) +
                             "), and uv only accepts pins to indexes defined in pyproject.toml.");
        error.indexName = index;
        error.hint = "Declare the index under [[tool.uv.index]] in " + m_snapshot.path.string() +
                     " too (explicit = true keeps it out of the search order), or use a pattern pin.";
        return std::unexpected(std::move(error));
    }
    auto error = invalid("Cannot pin '" + what + "' to '" + index + "': there is no index with that name.");
    error.indexName = index;
    error.hint = "Add the index first.";
    return std::unexpected(std::move(error));
}

std::optional<IndexEntry> ProjectDocument::otherIndex(const std::string& name) const
{
    const auto names = indexNames();
    if (std::find(names.begin(), names.end(), name) != names.end())
        return std::nullopt;
    for (const auto& entry : m_otherIndexes) {
        if (entry.name == name)
            return entry;
    }
    return std::nullopt;
}

Status ProjectDocument::pinPackage(const std::string& package, const std::string& index,
                                   const std::string& markerText)
{
    if (isUvToml())
        return std::unexpected(
            makeError(ErrorCode::Unsupported, "Pins live in pyproject.toml, not in uv.toml."));
    if (!standards::isValidName(package))
        return std::unexpected(invalid("'" + package + "' is not a valid package name."));
    if (auto known = checkPinTarget(package, index, true); !known)
        return known;
    std::string marker;
    if (!markerText.empty()) {
        auto normalized = normalizeMarker(markerText);
        if (!normalized)
            return std::unexpected(
                invalid("Invalid marker '" + markerText + "': " + normalized.error().message));
        marker = std::move(*normalized);
    }
    const std::string key = sourceKeyFor(package).value_or(package);
    KeyPath path = sourcesPath();
    path.push_back(key);
    const auto existing = m_editor.find(path);
    const std::string entry = sourceText(index, marker);
    // Inside an inline table (`sources = { ... }`) a list stays on one line.
    const bool inlineSources = m_editor.find(sourcesPath()).has_value();
    auto list = [&](const std::vector<std::string>& items) {
        std::string text;
        for (const auto& item : items)
            text += inlineSources ? (text.empty() ? "" : ", ") + item : "\n    " + item + ",";
        return inlineSources ? "[" + text + "]" : m_editor.convertLineEndings("[" + text + "\n]");
    };
    auto overlapError = [&](const std::vector<std::string>& others) -> Status {
        std::string described;
        for (const auto& other : others)
            described += (described.empty() ? "`" : "`, `") + other;
        auto error = invalid("Cannot pin '" + package + "' to '" + index + "' where `" + marker +
                             "`: uv needs the markers of a package's sources to be disjoint, and this one "
                             "overlaps " +
                             described + "`.");
        error.indexName = index;
        // The hint narrows the new marker to where the other entry does not hold, when that leaves
        // something.
        const auto complement = others.size() == 1 ? complementMarker(others.front()) : Result<std::string>();
        const auto remains = others.size() == 1 && complement ? markersOverlap(marker, *complement) : false;
        if (remains && *remains)
            error.hint =
                "Pin it where `" + marker + " and " + *complement + "`, or unpin the other entry first.";
        else
            error.hint =
                others.size() == 1 ? "Unpin the other entry first." : "Unpin the overlapping entries first.";
        return std::unexpected(std::move(error));
    };
    // An index pin in the single-table form keeps its other keys: only `index` (and a marker that no
    // longer applies) change.
    const bool indexTable =
        existing && existing->kind == ScannedValue::Kind::InlineTable &&
        std::any_of(existing->entries.begin(), existing->entries.end(),
                    [](const ScannedEntry& item) { return item.key == KeyPath{"index"}; });
    auto repoint = [&](TomlEditor& editor) -> Status {
        if (auto set = editor.setValue(path, "index", quoteTomlString(index)); !set)
            return set;
        if (marker.empty())
            return editor.removeKey(path, "marker");
        return editor.setValue(path, "marker", quoteTomlString(marker));
    };
    if (marker.empty() && indexTable)
        return transaction(repoint);
    if (marker.empty() || !existing)
        return transaction([&](TomlEditor& editor) { return editor.setValue(sourcesPath(), key, entry); });

    if (existing->kind == ScannedValue::Kind::Array) {
        const auto& items = existing->items;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (sameMarker(markerOf(items[i]), marker))
                return transaction(
                    [&](TomlEditor& editor) { return editor.replaceArrayItem(path, i, entry); });
        }
        if (items.size() == 1 && markerOf(items.front()).empty())
            return pinBesideUnconditional(package, index, marker, key, items.front());
        std::vector<std::string> overlapping;
        for (const auto& item : items) {
            const auto other = markerOf(item);
            const auto overlap = other.empty() ? Result<bool>(true) : markersOverlap(other, marker);
            if (!overlap || *overlap)
                overlapping.push_back(other.empty() ? std::string("true") : other);
        }
        if (!overlapping.empty())
            return overlapError(overlapping);
        return transaction(
            [&](TomlEditor& editor) { return editor.insertArrayItem(path, items.size(), entry); });
    }
    if (existing->kind != ScannedValue::Kind::InlineTable)
        return transaction([&](TomlEditor& editor) { return editor.setValue(sourcesPath(), key, entry); });
    const std::string existingMarker = markerOf(*existing);
    if (sameMarker(existingMarker, marker))
        return indexTable ? transaction(repoint) : transaction([&](TomlEditor& editor) {
            return editor.setValue(sourcesPath(), key, entry);
        });
    if (existingMarker.empty())
        return pinBesideUnconditional(package, index, marker, key, *existing);
    if (const auto overlap = markersOverlap(existingMarker, marker); !overlap || *overlap)
        return overlapError({existingMarker});
    const std::string previous =
        m_editor.text().substr(existing->span.begin, existing->span.end - existing->span.begin);
    return transaction([&](TomlEditor& editor) {
        return editor.setValue(sourcesPath(), key, list({previous, entry}));
    });
}

Status ProjectDocument::pinBesideUnconditional(const std::string& package, const std::string& index,
                                               const std::string& marker, const std::string& key,
                                               const ScannedValue& unconditional)
{
    // The same index everywhere already: the pin narrows to the marker.
    const bool sameIndex = std::any_of(unconditional.entries.begin(), unconditional.entries.end(),
                                       [&index](const ScannedEntry& entry) {
                                           return entry.key == KeyPath{"index"} && entry.value.text == index;
                                       });
    const std::string entry = sourceText(index, marker);
    if (sameIndex || unconditional.kind != ScannedValue::Kind::InlineTable || unconditional.entries.empty())
        return transaction([&](TomlEditor& editor) { return editor.setValue(sourcesPath(), key, entry); });
    // uv wants a marker on every entry of a list: the existing pin keeps "everywhere else".
    const auto complement = complementMarker(marker);
    if (!complement) {
        auto error = invalid("Cannot pin '" + package + "' to '" + index + "' where `" + marker +
                             "` beside its pin without a marker: " + complement.error().message + ".");
        error.hint = "Give the existing pin a marker first, or pin without a marker.";
        return std::unexpected(std::move(error));
    }
    const auto& text = m_editor.text();
    std::string previous =
        text.substr(unconditional.span.begin, unconditional.span.end - unconditional.span.begin);
    const std::size_t insertAt = unconditional.entries.back().value.span.end - unconditional.span.begin;
    previous.insert(insertAt, ", marker = " + quoteTomlString(*complement));
    const bool inlineSources = m_editor.find(sourcesPath()).has_value();
    const std::string listText =
        inlineSources ? "[" + previous + ", " + entry + "]"
                      : m_editor.convertLineEndings("[\n    " + previous + ",\n    " + entry + ",\n]");
    KeyPath path = sourcesPath();
    path.push_back(key);
    const auto existing = m_editor.find(path);
    return transaction([&](TomlEditor& editor) -> Status {
        if (existing && existing->kind == ScannedValue::Kind::Array)
            return editor.replaceSpans({{existing->span, listText}});
        return editor.setValue(sourcesPath(), key, listText);
    });
}

Status ProjectDocument::unpinPackage(const std::string& package, const std::string& markerText)
{
    const auto key = sourceKeyFor(package);
    if (!key)
        return std::unexpected(makeError(ErrorCode::NotFound, "'" + package + "' is not pinned."));
    KeyPath path = sourcesPath();
    path.push_back(*key);
    const auto existing = m_editor.find(path);
    if (markerText.empty())
        return transaction([&](TomlEditor& editor) { return editor.removeKey(sourcesPath(), *key); });
    if (existing && existing->kind == ScannedValue::Kind::Array) {
        const auto& items = existing->items;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (!sameMarker(markerOf(items[i]), markerText))
                continue;
            if (items.size() == 1)
                return transaction([&](TomlEditor& editor) { return editor.removeKey(sourcesPath(), *key); });
            if (items.size() == 2) {
                // One entry left: the single-table form, as uv writes it.
                const auto& other = items[1 - i];
                const std::string remaining =
                    m_editor.text().substr(other.span.begin, other.span.end - other.span.begin);
                return transaction([&](TomlEditor& editor) {
                    return editor.replaceSpans({{existing->span, remaining}});
                });
            }
            return transaction([&](TomlEditor& editor) { return editor.removeArrayItem(path, i); });
        }
    } else if (existing && sameMarker(markerOf(*existing), markerText)) {
        return transaction([&](TomlEditor& editor) { return editor.removeKey(sourcesPath(), *key); });
    }
    return std::unexpected(
        makeError(ErrorCode::NotFound, "'" + package + "' has no pin for the marker `" + markerText + "`."));
}

Status ProjectDocument::addPatternPin(const std::string& pattern, const std::string& index)
{
    if (isUvToml())
        return std::unexpected(makeError(ErrorCode::Unsupported, "Pattern pins live in pyproject.toml."));
    if (!isValidPattern(pattern))
        return std::unexpected(
            invalid("'" + pattern + "' is not a valid pattern: use name characters and the globs * ? [ ]."));
    if (auto known = checkPinTarget(pattern, index, false); !known)
        return known;
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
