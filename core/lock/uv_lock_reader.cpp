// uv.lock into a LockSnapshot: current revisions (`[[package]]` with inline `source` tables) and
// the early format (`[[distribution]]` with "registry+URL" source strings).

#include "core/lock/lock_reader.h"
#include "core/lock/toml_support.h"

namespace pindex::lock {
namespace {

using detail::nodeError;
using detail::optionalString;
using detail::TomlNode;

Result<LockedFile> readUvFile(const TomlNode& node, const std::string& sourceName)
{
    const TomlNode* table = node.asTable();
    if (table == nullptr)
        return std::unexpected(nodeError(node, sourceName, "a file entry must be a table"));
    LockedFile file;
    auto url = optionalString(*table, "url", sourceName);
    if (!url)
        return std::unexpected(url.error());
    file.url = std::move(*url);
    file.path = detail::lenientString(*table, "path");
    // Wheels of path and URL sources carry only their file name.
    file.name = detail::lenientString(*table, "filename");
    if (file.name.empty())
        file.name = detail::fileNameFromLocation(file.url.empty() ? file.path : file.url);
    auto hash = optionalString(*table, "hash", sourceName);
    if (!hash)
        return std::unexpected(hash.error());
    if (!hash->empty())
        detail::addHashText(file.hashes, *hash);
    file.size = detail::optionalSize(*table, "size");
    file.uploadTime = detail::dateTimeText(*table, "upload-time");
    return file;
}

// "https://github.com/o/r?rev=v1#0123abcd" -> url, requested revision and commit.
VcsSource gitSource(std::string_view text)
{
    VcsSource source;
    if (const auto hash = text.find('#'); hash != std::string_view::npos) {
        source.commitId = std::string(text.substr(hash + 1));
        text = text.substr(0, hash);
    }
    if (const auto query = text.find('?'); query != std::string_view::npos) {
        std::string_view parameters = text.substr(query + 1);
        text = text.substr(0, query);
        while (!parameters.empty()) {
            const auto amp = parameters.find('&');
            const std::string_view pair = parameters.substr(0, amp);
            for (const std::string_view key : {"rev=", "tag=", "branch="}) {
                if (pair.starts_with(key))
                    source.requestedRevision = std::string(pair.substr(key.size()));
            }
            if (pair.starts_with("subdirectory="))
                source.subdirectory = std::string(pair.substr(13));
            parameters = amp == std::string_view::npos ? std::string_view() : parameters.substr(amp + 1);
        }
    }
    source.url = std::string(text);
    return source;
}

// Applies a source (table or early "kind+location" string) to the package. Returns true when the
// package is a member of the project's workspace (editable or virtual root).
Result<bool> applySource(const TomlNode& node, LockedPackage& package, const std::string& sourceName)
{
    std::string kind;
    std::string location;
    if (const TomlNode* table = node.asTable()) {
        for (const char* key : {"registry", "git", "editable", "virtual", "directory", "path", "url"}) {
            const TomlNode* value = table->get(key);
            if (const auto text = value == nullptr ? std::nullopt : value->asString()) {
                kind = key;
                location = std::string(*text);
                break;
            }
        }
    } else if (const auto text = node.asString()) {
        const std::string_view value = *text;
        const auto plus = value.find('+');
        if (plus == std::string_view::npos)
            return std::unexpected(nodeError(node, sourceName, "a source must look like KIND+LOCATION"));
        kind = std::string(value.substr(0, plus));
        location = std::string(value.substr(plus + 1));
        if (kind == "direct")
            kind = "url";
    } else {
        return std::unexpected(nodeError(node, sourceName, "'source' must be a table or a string"));
    }
    if (kind == "registry") {
        package.index = location;
    } else if (kind == "git") {
        package.vcs = gitSource(location);
    } else if (kind == "editable" || kind == "virtual" || kind == "directory") {
        package.directory = DirectorySource{.path = location, .editable = kind == "editable"};
        return kind != "directory";
    } else if (kind == "path" || kind == "url") {
        LockedFile archive;
        (kind == "url" ? archive.url : archive.path) = location;
        archive.name = detail::fileNameFromLocation(location);
        package.archive = std::move(archive);
    } else {
        return std::unexpected(nodeError(node, sourceName, "unknown source kind '" + kind + "'"));
    }
    return false;
}

Status readDependencyList(const TomlNode& node, std::string_view extra, LockedPackage& package,
                          const std::string& sourceName)
{
    const TomlNode* array = node.asArray();
    if (array == nullptr)
        return std::unexpected(nodeError(node, sourceName, "dependencies must be an array"));
    package.dependencies.reserve(package.dependencies.size() + array->size());
    for (const auto& item : *array) {
        const TomlNode* entry = item.asTable();
        if (entry == nullptr)
            return std::unexpected(nodeError(item, sourceName, "a dependency must be a table"));
        auto name = detail::requiredString(*entry, "name", sourceName);
        if (!name)
            return std::unexpected(name.error());
        LockedDependency dependency;
        dependency.name = std::move(*name);
        dependency.version = detail::lenientString(*entry, "version");
        dependency.marker = detail::lenientString(*entry, "marker");
        dependency.extras =
            detail::stringArray(*entry, "extra", sourceName).value_or(std::vector<std::string>{});
        if (!extra.empty()) {
            const std::string condition = "extra == '" + std::string(extra) + "'";
            dependency.marker =
                dependency.marker.empty() ? condition : "(" + dependency.marker + ") and " + condition;
        }
        package.dependencies.push_back(std::move(dependency));
    }
    return {};
}

Result<LockedPackage> readUvPackage(const TomlNode& table, const std::string& sourceName, bool& isMember)
{
    LockedPackage package;
    package.line = detail::lineOf(table);
    auto name = detail::requiredString(table, "name", sourceName);
    if (!name)
        return std::unexpected(name.error());
    package.name = std::move(*name);
    auto version = optionalString(table, "version", sourceName);
    if (!version)
        return std::unexpected(version.error());
    package.version = std::move(*version);
    isMember = false;
    if (const TomlNode* source = table.get("source")) {
        auto member = applySource(*source, package, sourceName);
        if (!member)
            return std::unexpected(member.error());
        isMember = *member;
    }
    auto markers = detail::stringArray(table, "resolution-markers", sourceName);
    if (!markers)
        return std::unexpected(markers.error());
    for (const auto& marker : *markers)
        package.marker += (package.marker.empty() ? "(" : " or (") + marker + ")";
    if (markers->size() == 1)
        package.marker = markers->front();

    if (const TomlNode* dependencies = table.get("dependencies")) {
        if (auto status = readDependencyList(*dependencies, {}, package, sourceName); !status)
            return std::unexpected(status.error());
    }
    for (const char* key : {"optional-dependencies", "dev-dependencies"}) {
        const bool optional = std::string_view(key) == "optional-dependencies";
        const TomlNode* groups = table.get(key);
        if (groups != nullptr && groups->asTable() != nullptr) {
            for (const auto& list : *groups) {
                const std::string_view extra = optional ? list.key() : std::string_view();
                if (auto status = readDependencyList(list, extra, package, sourceName); !status)
                    return std::unexpected(status.error());
            }
        }
    }
    if (const TomlNode* sdist = table.get("sdist")) {
        auto file = readUvFile(*sdist, sourceName);
        if (!file)
            return std::unexpected(file.error());
        package.sdist = std::move(*file);
    }
    if (const TomlNode* wheels = table.get("wheels")) {
        const TomlNode* array = wheels->asArray();
        if (array == nullptr)
            return std::unexpected(nodeError(*wheels, sourceName, "'wheels' must be an array"));
        package.wheels.reserve(array->size());
        for (const auto& item : *array) {
            auto file = readUvFile(item, sourceName);
            if (!file)
                return std::unexpected(file.error());
            package.wheels.push_back(std::move(*file));
        }
    }
    return package;
}

} // namespace

Result<LockSnapshot> parseUvLock(std::string_view content, const std::string& sourceName)
{
    LockSnapshot snapshot;
    snapshot.format = LockFormat::UvLock;
    snapshot.sourceName = sourceName;
    snapshot.createdBy = "uv";
    // Revision 1 files name the array [[distribution]], later ones [[package]].
    const std::string_view arrayKey = detail::countHeaders(content, "[[distribution]]") > 0 &&
                                              detail::countHeaders(content, "[[package]]") == 0
                                          ? "distribution"
                                          : "package";
    snapshot.packages.reserve(detail::countHeaders(content, "[[" + std::string(arrayKey) + "]]"));
    const auto readHeader = [&](const TomlNode& root) -> Status {
        const TomlNode* versionNode = root.get("version");
        const auto version = versionNode == nullptr ? std::nullopt : versionNode->asInteger();
        if (!version)
            return std::unexpected(
                makeFileError(ErrorCode::Parse, "missing 'version' (an integer)", sourceName, 1));
        snapshot.lockVersion = std::to_string(*version);
        if (const TomlNode* revision = root.get("revision"); revision != nullptr && revision->asInteger())
            snapshot.lockVersion += "." + std::to_string(*revision->asInteger());
        auto requiresPython = optionalString(root, "requires-python", sourceName);
        if (!requiresPython)
            return std::unexpected(requiresPython.error());
        snapshot.requiresPython = std::move(*requiresPython);
        auto environments = detail::stringArray(root, "supported-markers", sourceName);
        if (!environments)
            return std::unexpected(environments.error());
        snapshot.environments = std::move(*environments);
        return {};
    };
    const auto addPackage = [&](const TomlNode& table) -> Status {
        bool isMember = false;
        auto package = readUvPackage(table, sourceName, isMember);
        if (!package)
            return std::unexpected(package.error());
        if (isMember)
            snapshot.rootRequirements.push_back(package->name);
        snapshot.packages.push_back(std::move(*package));
        return {};
    };
    if (auto status = detail::readPackageArray(
            content, sourceName, {arrayKey, {"package", "distribution"}, readHeader, addPackage});
        !status)
        return std::unexpected(status.error());
    return snapshot;
}

} // namespace pindex::lock
