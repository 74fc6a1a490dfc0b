#include "core/project/uv_settings_reader.h"

#include <algorithm>
#include <set>

namespace pindex::project::detail {
namespace {

std::string stringAt(const toml::table& table, std::string_view key)
{
    if (const auto* value = table.get_as<std::string>(key))
        return value->get();
    return {};
}

std::string scalarText(const toml::node& node)
{
    if (const auto* text = node.as_string())
        return text->get();
    if (const auto* number = node.as_integer())
        return std::to_string(number->get());
    if (const auto* flag = node.as_boolean())
        return flag->get() ? "true" : "false";
    return {};
}

IndexEntry readIndex(const toml::table& table, const std::string& file, ValueOrigin::Scope scope)
{
    IndexEntry entry;
    entry.origin = originOf(table, file, scope);
    entry.name = stringAt(table, "name");
    entry.url = stringAt(table, "url");
    entry.isDefault = table["default"].value_or(false);
    entry.isExplicit = table["explicit"].value_or(false);
    if (const auto format = stringAt(table, "format"); !format.empty())
        entry.format = format;
    if (const auto authenticate = stringAt(table, "authenticate"); !authenticate.empty())
        entry.authenticate = authenticate;
    if (const auto* codes = table.get_as<toml::array>("ignore-error-codes")) {
        for (const auto& code : *codes) {
            if (const auto* number = code.as_integer())
                entry.ignoreErrorCodes.push_back(static_cast<int>(number->get()));
        }
    }
    if (const auto* cache = table.get_as<toml::table>("cache-control")) {
        entry.cacheControlApi = stringAt(*cache, "api");
        entry.cacheControlFiles = stringAt(*cache, "files");
    }
    return entry;
}

SourceEntry readSource(const std::string& package, const toml::table& table, const std::string& file,
                       ValueOrigin::Scope scope)
{
    SourceEntry source;
    source.package = package;
    source.origin = originOf(table, file, scope);
    source.marker = stringAt(table, "marker");
    std::string detail;
    auto addDetail = [&detail](std::string_view key, const std::string& value) {
        if (value.empty())
            return;
        if (!detail.empty())
            detail += ", ";
        detail += std::string(key) + "=" + value;
    };
    if (table.contains("index")) {
        source.kind = SourceEntry::Kind::Index;
        source.target = stringAt(table, "index");
    } else if (table.contains("git")) {
        source.kind = SourceEntry::Kind::Git;
        source.target = stringAt(table, "git");
        for (const auto* key : {"rev", "tag", "branch", "subdirectory"})
            addDetail(key, stringAt(table, key));
    } else if (table.contains("url")) {
        source.kind = SourceEntry::Kind::Url;
        source.target = stringAt(table, "url");
        addDetail("subdirectory", stringAt(table, "subdirectory"));
    } else if (table.contains("path")) {
        source.kind = SourceEntry::Kind::Path;
        source.target = stringAt(table, "path");
    } else if (table.contains("workspace")) {
        source.kind = SourceEntry::Kind::Workspace;
    }
    for (const auto* key : {"editable", "package", "extra", "group"}) {
        if (const auto* node = table.get(key))
            addDetail(key, scalarText(*node));
    }
    source.detail = std::move(detail);
    return source;
}

} // namespace

ValueOrigin originOf(const toml::node& node, const std::string& file, ValueOrigin::Scope scope)
{
    return {scope, file, node.source().begin.line, node.source().begin.column};
}

void readUvSettings(const toml::table& uv, const std::string& file, ValueOrigin::Scope scope, UvSettings& out)
{
    if (const auto* indexes = uv.get_as<toml::array>("index")) {
        for (const auto& node : *indexes) {
            if (const auto* table = node.as_table())
                out.indexes.push_back(readIndex(*table, file, scope));
        }
    }
    // The legacy forms: extra-index-url entries come after the named indexes; index-url is the
    // default unless a named index claims that role.
    if (const auto* extra = uv.get_as<toml::array>("extra-index-url")) {
        for (const auto& node : *extra) {
            if (const auto* url = node.as_string()) {
                IndexEntry entry;
                entry.url = url->get();
                entry.isLegacy = true;
                entry.origin = originOf(node, file, scope);
                out.indexes.push_back(std::move(entry));
            }
        }
    }
    if (const auto* url = uv.get_as<std::string>("index-url")) {
        IndexEntry entry;
        entry.url = url->get();
        entry.isLegacy = true;
        entry.isDefault = true;
        entry.origin = originOf(*url, file, scope);
        out.indexes.push_back(std::move(entry));
    }
    if (const auto* strategy = uv.get_as<std::string>("index-strategy")) {
        out.indexStrategy = strategy->get();
        out.indexStrategyOrigin = originOf(*strategy, file, scope);
    }
    if (const auto* sources = uv.get_as<toml::table>("sources")) {
        for (const auto& [key, node] : *sources) {
            const std::string package(key.str());
            if (const auto* table = node.as_table()) {
                out.sources.push_back(readSource(package, *table, file, scope));
            } else if (const auto* list = node.as_array()) {
                for (const auto& item : *list) {
                    if (const auto* itemTable = item.as_table())
                        out.sources.push_back(readSource(package, *itemTable, file, scope));
                }
            }
        }
    }
    // toml++ keeps a table's keys sorted; the model keeps the file's order.
    std::stable_sort(out.sources.begin(), out.sources.end(),
                     [](const SourceEntry& a, const SourceEntry& b) { return before(a.origin, b.origin); });
    if (const auto* dev = uv.get_as<toml::array>("dev-dependencies")) {
        for (const auto& node : *dev) {
            if (const auto* text = node.as_string()) {
                DependencyEntry entry;
                entry.kind = DependencyEntry::Kind::Group;
                entry.group = "dev";
                entry.requirement = text->get();
                entry.isLegacy = true;
                entry.origin = originOf(node, file, scope);
                out.devDependencies.push_back(std::move(entry));
            }
        }
    }
}

void checkPins(const std::vector<SourceEntry>& sources, const std::vector<PatternPin>& patterns,
               const std::vector<IndexEntry>& sourceIndexes, const std::vector<IndexEntry>& allIndexes,
               std::vector<Error>& problems)
{
    auto find = [](const std::vector<IndexEntry>& indexes, const std::string& name) -> const IndexEntry* {
        for (const auto& index : indexes) {
            if (index.name == name)
                return &index;
        }
        return nullptr;
    };
    for (const auto& source : sources) {
        if (source.kind != SourceEntry::Kind::Index || find(sourceIndexes, source.target) != nullptr)
            continue;
        std::string message = "'" + source.package + "' is pinned to the index '" + source.target + "', ";
        if (const auto* elsewhere = find(allIndexes, source.target))
            message += "which is defined in " + elsewhere->origin.file + ":" +
                       std::to_string(elsewhere->origin.line) +
                       "; uv only accepts pins to indexes defined in pyproject.toml.";
        else
            message += "which is not defined.";
        problems.push_back(
            makeFileError(ErrorCode::Invalid, message, source.origin.file, source.origin.line));
    }
    for (const auto& pin : patterns) {
        if (find(sourceIndexes, pin.index) == nullptr && find(allIndexes, pin.index) == nullptr)
            problems.push_back(makeFileError(ErrorCode::Invalid,
                                             "The pattern '" + pin.pattern + "' is pinned to the index '" +
                                                 pin.index + "', which is not defined.",
                                             pin.origin.file, pin.origin.line));
    }
}

bool before(const ValueOrigin& a, const ValueOrigin& b)
{
    return a.line != b.line ? a.line < b.line : a.column < b.column;
}

void checkIndexNames(const std::vector<IndexEntry>& indexes, std::vector<Error>& problems)
{
    std::set<std::string> seen;
    for (const auto& index : indexes) {
        if (index.isLegacy || index.isImplicit)
            continue;
        const auto line = index.origin.line;
        if (index.name.empty()) {
            // uv allows an unnamed index; it just cannot be pinned to.
        } else if (!isValidIndexName(index.name)) {
            problems.push_back(makeFileError(ErrorCode::Invalid,
                                             "The index name '" + index.name +
                                                 "' may only hold ASCII letters, digits, '-', '_' and '.'.",
                                             index.origin.file, line));
        } else if (!seen.insert(index.name).second) {
            problems.push_back(makeFileError(ErrorCode::Invalid,
                                             "The index name '" + index.name + "' is used twice.",
                                             index.origin.file, line));
        }
    }
}

} // namespace pindex::project::detail
