// poetry.lock into a LockSnapshot: lock-version 1.x (files under [metadata.files] or per package)
// and 2.x (per-package `groups` and `markers`).

#include "core/lock/lock_reader.h"
#include "core/lock/toml_support.h"

namespace pindex::lock {
namespace {

using detail::nodeError;
using detail::optionalString;

constexpr std::string_view kPypiSimple = "https://pypi.org/simple";

Status readFiles(const toml::node& node, LockedPackage& package, const std::string& sourceName)
{
    const auto* array = node.as_array();
    if (array == nullptr)
        return std::unexpected(nodeError(node, sourceName, "'files' must be an array"));
    for (const auto& item : *array) {
        const auto* entry = item.as_table();
        if (entry == nullptr)
            return std::unexpected(nodeError(item, sourceName, "a file must be a table"));
        LockedFile file;
        auto name = optionalString(*entry, "file", sourceName);
        if (!name)
            return std::unexpected(name.error());
        file.name = std::move(*name);
        file.url = optionalString(*entry, "url", sourceName).value_or("");
        const std::string hash = optionalString(*entry, "hash", sourceName).value_or("");
        if (!hash.empty())
            detail::addHashText(file.hashes, hash);
        if (file.name.ends_with(".whl"))
            package.wheels.push_back(std::move(file));
        else if (!package.sdist)
            package.sdist = std::move(file);
        else
            package.wheels.push_back(std::move(file)); // a second source archive: keep its hash
    }
    return {};
}

void addDependency(std::string_view name, const toml::node& constraint, LockedPackage& package)
{
    LockedDependency dependency;
    dependency.name = std::string(name);
    if (const auto* text = constraint.as_string()) {
        dependency.version = text->get();
    } else if (const auto* table = constraint.as_table()) {
        dependency.version = (*table)["version"].value_or(std::string());
        dependency.marker = (*table)["markers"].value_or(std::string());
        if (const auto* extras = (*table)["extras"].as_array()) {
            for (const auto& extra : *extras) {
                if (const auto* value = extra.as_string())
                    dependency.extras.push_back(value->get());
            }
        }
    }
    package.dependencies.push_back(std::move(dependency));
}

std::string markersText(const toml::node& node)
{
    if (const auto* text = node.as_string())
        return text->get();
    std::string combined;
    if (const auto* table = node.as_table()) {
        for (const auto& [group, marker] : *table) {
            if (const auto* text = marker.as_string())
                combined += (combined.empty() ? "" : "; ") + std::string(group.str()) + ": " + text->get();
        }
    }
    return combined;
}

Status readSource(const toml::table& source, LockedPackage& package, const std::string& sourceName)
{
    const std::string type = optionalString(source, "type", sourceName).value_or("");
    const std::string url = optionalString(source, "url", sourceName).value_or("");
    if (type == "legacy" || type.empty()) {
        package.index = url;
    } else if (type == "git") {
        VcsSource vcs;
        vcs.url = url;
        vcs.requestedRevision = optionalString(source, "reference", sourceName).value_or("");
        vcs.commitId = optionalString(source, "resolved_reference", sourceName).value_or("");
        vcs.subdirectory = optionalString(source, "subdirectory", sourceName).value_or("");
        package.vcs = std::move(vcs);
    } else if (type == "directory") {
        package.directory = DirectorySource{.path = url, .editable = false};
    } else if (type == "file" || type == "url") {
        LockedFile archive;
        (type == "url" ? archive.url : archive.path) = url;
        archive.name = detail::fileNameFromLocation(url);
        package.archive = std::move(archive);
    } else {
        return std::unexpected(nodeError(source, sourceName, "unknown source type '" + type + "'"));
    }
    return {};
}

Result<LockedPackage> readPoetryPackage(const toml::table& table, const std::string& sourceName)
{
    LockedPackage package;
    package.line = detail::lineOf(table);
    auto name = detail::requiredString(table, "name", sourceName);
    if (!name)
        return std::unexpected(name.error());
    package.name = std::move(*name);
    auto version = detail::requiredString(table, "version", sourceName);
    if (!version)
        return std::unexpected(version.error());
    package.version = std::move(*version);
    package.requiresPython = optionalString(table, "python-versions", sourceName).value_or("");
    if (package.requiresPython == "*")
        package.requiresPython.clear();
    if (const toml::node* markers = table.get("markers"))
        package.marker = markersText(*markers);

    if (const toml::node* source = table.get("source")) {
        const auto* sourceTable = source->as_table();
        if (sourceTable == nullptr)
            return std::unexpected(nodeError(*source, sourceName, "'source' must be a table"));
        if (auto status = readSource(*sourceTable, package, sourceName); !status)
            return std::unexpected(status.error());
    } else {
        package.index = std::string(kPypiSimple);
    }
    if (const toml::node* files = table.get("files")) {
        if (auto status = readFiles(*files, package, sourceName); !status)
            return std::unexpected(status.error());
    }
    if (const toml::node* dependencies = table.get("dependencies")) {
        const auto* dependencyTable = dependencies->as_table();
        if (dependencyTable == nullptr)
            return std::unexpected(nodeError(*dependencies, sourceName, "'dependencies' must be a table"));
        for (const auto& [dependencyName, constraint] : *dependencyTable) {
            if (const auto* alternatives = constraint.as_array()) {
                for (const auto& alternative : *alternatives)
                    addDependency(dependencyName.str(), alternative, package);
            } else {
                addDependency(dependencyName.str(), constraint, package);
            }
        }
    }
    return package;
}

} // namespace

Result<LockSnapshot> parsePoetryLock(std::string_view content, const std::string& sourceName)
{
    auto document = detail::parseTomlDocument(content, sourceName);
    if (!document)
        return std::unexpected(document.error());
    const toml::table& root = *document;

    LockSnapshot snapshot;
    snapshot.format = LockFormat::PoetryLock;
    snapshot.sourceName = sourceName;
    snapshot.createdBy = "poetry";
    if (const auto* metadata = root["metadata"].as_table()) {
        snapshot.lockVersion = optionalString(*metadata, "lock-version", sourceName).value_or("");
        snapshot.requiresPython = optionalString(*metadata, "python-versions", sourceName).value_or("");
    }
    const toml::table* legacyFiles = root["metadata"]["files"].as_table();

    if (const toml::node* packages = root.get("package")) {
        const auto* array = packages->as_array();
        if (array == nullptr)
            return std::unexpected(nodeError(*packages, sourceName, "'package' must be an array of tables"));
        for (const auto& item : *array) {
            const auto* table = item.as_table();
            if (table == nullptr)
                return std::unexpected(nodeError(item, sourceName, "a package must be a table"));
            auto package = readPoetryPackage(*table, sourceName);
            if (!package)
                return std::unexpected(package.error());
            if (legacyFiles != nullptr && package->wheels.empty() && !package->sdist) {
                if (const toml::node* files = legacyFiles->get(package->name)) {
                    if (auto status = readFiles(*files, *package, sourceName); !status)
                        return std::unexpected(status.error());
                }
            }
            snapshot.packages.push_back(std::move(*package));
        }
    }
    return snapshot;
}

} // namespace pindex::lock
