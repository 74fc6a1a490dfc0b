// poetry.lock into a LockSnapshot: lock-version 1.x (files under [metadata.files] or per package)
// and 2.x (per-package `groups` and `markers`).

#include <map>
#include <unordered_map>

#include "core/lock/lock_reader.h"
#include "core/lock/toml_support.h"

namespace pindex::lock {
namespace {

using detail::nodeError;
using detail::optionalString;
using detail::TomlNode;

constexpr std::string_view kPypiSimple = "https://pypi.org/simple";

Status readFiles(const TomlNode& node, LockedPackage& package, const std::string& sourceName)
{
    const TomlNode* array = node.asArray();
    if (array == nullptr)
        return std::unexpected(nodeError(node, sourceName, "'files' must be an array"));
    for (const auto& item : *array) {
        const TomlNode* entry = item.asTable();
        if (entry == nullptr)
            return std::unexpected(nodeError(item, sourceName, "a file must be a table"));
        LockedFile file;
        auto name = optionalString(*entry, "file", sourceName);
        if (!name)
            return std::unexpected(name.error());
        file.name = std::move(*name);
        file.url = detail::lenientString(*entry, "url");
        const std::string hash = detail::lenientString(*entry, "hash");
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

void addDependency(std::string_view name, const TomlNode& constraint, LockedPackage& package)
{
    LockedDependency dependency;
    dependency.name = std::string(name);
    if (const auto text = constraint.asString()) {
        dependency.version = std::string(*text);
    } else if (const TomlNode* table = constraint.asTable()) {
        dependency.version = detail::lenientString(*table, "version");
        dependency.marker = detail::lenientString(*table, "markers");
        if (const TomlNode* extras = table->get("extras");
            extras != nullptr && extras->asArray() != nullptr) {
            for (const auto& extra : *extras) {
                if (const auto value = extra.asString())
                    dependency.extras.emplace_back(*value);
            }
        }
    }
    package.dependencies.push_back(std::move(dependency));
}

// A plain marker, or per-group markers as "group: marker; group: marker" sorted by group.
std::string markersText(const TomlNode& node)
{
    if (const auto text = node.asString())
        return std::string(*text);
    std::map<std::string, std::string> groups;
    if (node.asTable() != nullptr) {
        for (const auto& marker : node) {
            if (const auto text = marker.asString())
                groups.emplace(std::string(marker.key()), std::string(*text));
        }
    }
    std::string combined;
    for (const auto& [group, marker] : groups)
        combined += (combined.empty() ? "" : "; ") + group + ": " + marker;
    return combined;
}

Status readSource(const TomlNode& source, LockedPackage& package, const std::string& sourceName)
{
    const std::string type = detail::lenientString(source, "type");
    const std::string url = detail::lenientString(source, "url");
    if (type == "legacy" || type.empty()) {
        package.index = url;
    } else if (type == "git") {
        VcsSource vcs;
        vcs.url = url;
        vcs.requestedRevision = detail::lenientString(source, "reference");
        vcs.commitId = detail::lenientString(source, "resolved_reference");
        vcs.subdirectory = detail::lenientString(source, "subdirectory");
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

Result<LockedPackage> readPoetryPackage(const TomlNode& table, const std::string& sourceName)
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
    package.requiresPython = detail::lenientString(table, "python-versions");
    if (package.requiresPython == "*")
        package.requiresPython.clear();
    if (const TomlNode* markers = table.get("markers"))
        package.marker = markersText(*markers);

    if (const TomlNode* source = table.get("source")) {
        const TomlNode* sourceTable = source->asTable();
        if (sourceTable == nullptr)
            return std::unexpected(nodeError(*source, sourceName, "'source' must be a table"));
        if (auto status = readSource(*sourceTable, package, sourceName); !status)
            return std::unexpected(status.error());
    } else {
        package.index = std::string(kPypiSimple);
    }
    if (const TomlNode* files = table.get("files")) {
        if (auto status = readFiles(*files, package, sourceName); !status)
            return std::unexpected(status.error());
    }
    if (const TomlNode* dependencies = table.get("dependencies")) {
        if (dependencies->asTable() == nullptr)
            return std::unexpected(nodeError(*dependencies, sourceName, "'dependencies' must be a table"));
        for (const auto& constraint : *dependencies) {
            if (constraint.asArray() != nullptr) {
                for (const auto& alternative : constraint)
                    addDependency(constraint.key(), alternative, package);
            } else {
                addDependency(constraint.key(), constraint, package);
            }
        }
    }
    return package;
}

} // namespace

Result<LockSnapshot> parsePoetryLock(std::string_view content, const std::string& sourceName)
{
    LockSnapshot snapshot;
    snapshot.format = LockFormat::PoetryLock;
    snapshot.sourceName = sourceName;
    snapshot.createdBy = "poetry";
    snapshot.packages.reserve(detail::countHeaders(content, "[[package]]"));
    const auto addPackage = [&](const TomlNode& table) -> Status {
        auto package = readPoetryPackage(table, sourceName);
        if (!package)
            return std::unexpected(package.error());
        snapshot.packages.push_back(std::move(*package));
        return {};
    };
    // [metadata] comes after the packages.
    const auto readMetadata = [&](const TomlNode& root) -> Status {
        if (const TomlNode* metadata = root.get("metadata"); metadata != nullptr && metadata->asTable()) {
            snapshot.lockVersion = detail::lenientString(*metadata, "lock-version");
            snapshot.requiresPython = detail::lenientString(*metadata, "python-versions");
        }
        // poetry.lock 1.x: files per package name under [metadata.files], one lookup per package.
        std::unordered_map<std::string_view, const TomlNode*> legacyFiles;
        if (const TomlNode* files = root.path({"metadata", "files"}); files != nullptr && files->asTable()) {
            for (const auto& entry : *files)
                legacyFiles.emplace(entry.key(), &entry);
        }
        if (!legacyFiles.empty()) {
            for (auto& package : snapshot.packages) {
                if (!package.wheels.empty() || package.sdist)
                    continue;
                if (const auto files = legacyFiles.find(package.name); files != legacyFiles.end()) {
                    if (auto status = readFiles(*files->second, package, sourceName); !status)
                        return status;
                }
            }
        }
        return {};
    };
    if (auto status = detail::readPackageArray(content, sourceName,
                                               {"package", {"package"}, {}, addPackage, readMetadata});
        !status)
        return std::unexpected(status.error());
    return snapshot;
}

} // namespace pindex::lock
