// pylock.toml (PEP 751) into a LockSnapshot.

#include "core/lock/lock_reader.h"
#include "core/lock/toml_support.h"

namespace pindex::lock {
namespace {

using detail::nodeError;
using detail::optionalString;
using detail::TomlNode;

Result<LockedFile> readLockedFile(const TomlNode& table, const std::string& sourceName)
{
    LockedFile file;
    for (auto [key, target] : {std::pair{"name", &file.name}, {"url", &file.url}, {"path", &file.path}}) {
        auto value = optionalString(table, key, sourceName);
        if (!value)
            return std::unexpected(value.error());
        *target = std::move(*value);
    }
    if (file.name.empty())
        file.name = detail::fileNameFromLocation(file.url.empty() ? file.path : file.url);
    file.size = detail::optionalSize(table, "size");
    file.uploadTime = detail::dateTimeText(table, "upload-time");
    if (const TomlNode* hashes = table.get("hashes")) {
        const TomlNode* hashTable = hashes->asTable();
        if (hashTable == nullptr)
            return std::unexpected(nodeError(*hashes, sourceName, "'hashes' must be a table"));
        for (const auto& digest : *hashTable) {
            if (const auto text = digest.asString())
                file.hashes.emplace(std::string(digest.key()), std::string(*text));
            else
                return std::unexpected(nodeError(digest, sourceName, "a hash must be a string"));
        }
    }
    return file;
}

Result<std::optional<LockedFile>> readOptionalFile(const TomlNode& package, std::string_view key,
                                                   const std::string& sourceName)
{
    const TomlNode* node = package.get(key);
    if (node == nullptr)
        return std::optional<LockedFile>();
    const TomlNode* table = node->asTable();
    if (table == nullptr)
        return std::unexpected(nodeError(*node, sourceName, "'" + std::string(key) + "' must be a table"));
    auto file = readLockedFile(*table, sourceName);
    if (!file)
        return std::unexpected(file.error());
    return std::optional<LockedFile>(std::move(*file));
}

Status readSources(const TomlNode& table, LockedPackage& package, const std::string& sourceName)
{
    if (const TomlNode* vcs = table.get("vcs"); vcs != nullptr && vcs->asTable() != nullptr) {
        VcsSource source;
        source.type = optionalString(*vcs, "type", sourceName).value_or("git");
        source.url = detail::lenientString(*vcs, "url");
        source.path = detail::lenientString(*vcs, "path");
        source.requestedRevision = detail::lenientString(*vcs, "requested-revision");
        source.commitId = detail::lenientString(*vcs, "commit-id");
        source.subdirectory = detail::lenientString(*vcs, "subdirectory");
        package.vcs = std::move(source);
    }
    if (const TomlNode* directory = table.get("directory");
        directory != nullptr && directory->asTable() != nullptr) {
        DirectorySource source;
        source.path = detail::lenientString(*directory, "path");
        const TomlNode* editable = directory->get("editable");
        source.editable = editable != nullptr && editable->asBoolean().value_or(false);
        source.subdirectory = detail::lenientString(*directory, "subdirectory");
        package.directory = std::move(source);
    }
    auto archive = readOptionalFile(table, "archive", sourceName);
    if (!archive)
        return std::unexpected(archive.error());
    package.archive = std::move(*archive);
    auto sdist = readOptionalFile(table, "sdist", sourceName);
    if (!sdist)
        return std::unexpected(sdist.error());
    package.sdist = std::move(*sdist);
    if (const TomlNode* wheels = table.get("wheels")) {
        const TomlNode* array = wheels->asArray();
        if (array == nullptr)
            return std::unexpected(nodeError(*wheels, sourceName, "'wheels' must be an array of tables"));
        package.wheels.reserve(array->size());
        for (const auto& item : *array) {
            const TomlNode* wheel = item.asTable();
            if (wheel == nullptr)
                return std::unexpected(nodeError(item, sourceName, "a wheel must be a table"));
            auto file = readLockedFile(*wheel, sourceName);
            if (!file)
                return std::unexpected(file.error());
            package.wheels.push_back(std::move(*file));
        }
    }
    return {};
}

Result<LockedPackage> readPackage(const TomlNode& table, const std::string& sourceName)
{
    LockedPackage package;
    package.line = detail::lineOf(table);
    auto name = detail::requiredString(table, "name", sourceName);
    if (!name)
        return std::unexpected(name.error());
    package.name = std::move(*name);
    for (auto [key, target] : {std::pair{"version", &package.version},
                               {"marker", &package.marker},
                               {"requires-python", &package.requiresPython},
                               {"index", &package.index}}) {
        auto value = optionalString(table, key, sourceName);
        if (!value)
            return std::unexpected(value.error());
        *target = std::move(*value);
    }
    if (const TomlNode* dependencies = table.get("dependencies")) {
        const TomlNode* array = dependencies->asArray();
        if (array == nullptr)
            return std::unexpected(nodeError(*dependencies, sourceName, "'dependencies' must be an array"));
        package.dependencies.reserve(array->size());
        for (const auto& item : *array) {
            const TomlNode* entry = item.asTable();
            if (entry == nullptr)
                return std::unexpected(nodeError(item, sourceName, "a dependency must be a table"));
            LockedDependency dependency;
            dependency.name = detail::lenientString(*entry, "name");
            dependency.version = detail::lenientString(*entry, "version");
            dependency.marker = detail::lenientString(*entry, "marker");
            if (!dependency.name.empty())
                package.dependencies.push_back(std::move(dependency));
        }
    }
    if (auto status = readSources(table, package, sourceName); !status)
        return std::unexpected(status.error());
    if (const TomlNode* identities = table.get("attestation-identities");
        identities != nullptr && identities->asArray() != nullptr) {
        for (const auto& item : *identities) {
            std::map<std::string, std::string> identity;
            if (item.asTable() != nullptr) {
                for (const auto& value : item) {
                    if (const auto text = value.asString())
                        identity.emplace(std::string(value.key()), std::string(*text));
                }
            }
            package.attestationIdentities.push_back(std::move(identity));
        }
    }
    if (const TomlNode* yanked = table.path({"tool", "pindex", "yanked"}))
        package.yanked = yanked->asBoolean();
    return package;
}

} // namespace

Result<LockSnapshot> parsePylock(std::string_view content, const std::string& sourceName)
{
    LockSnapshot snapshot;
    snapshot.format = LockFormat::Pylock;
    snapshot.sourceName = sourceName;
    snapshot.packages.reserve(detail::countHeaders(content, "[[packages]]"));
    const auto readHeader = [&](const TomlNode& root) -> Status {
        auto lockVersion = detail::requiredString(root, "lock-version", sourceName);
        if (!lockVersion)
            return std::unexpected(lockVersion.error());
        snapshot.lockVersion = std::move(*lockVersion);
        if (!snapshot.lockVersion.starts_with("1.")) {
            auto error =
                makeFileError(ErrorCode::Unsupported,
                              "pylock.toml lock-version " + snapshot.lockVersion + " is not supported",
                              sourceName, detail::lineOf(*root.get("lock-version")));
            return std::unexpected(std::move(error));
        }
        for (auto [key, target] :
             {std::pair{"created-by", &snapshot.createdBy}, {"requires-python", &snapshot.requiresPython}}) {
            auto value = optionalString(root, key, sourceName);
            if (!value)
                return std::unexpected(value.error());
            *target = std::move(*value);
        }
        for (auto [key, target] : {std::pair{"environments", &snapshot.environments},
                                   {"extras", &snapshot.extras},
                                   {"dependency-groups", &snapshot.dependencyGroups},
                                   {"default-groups", &snapshot.defaultGroups}}) {
            auto values = detail::stringArray(root, key, sourceName);
            if (!values)
                return std::unexpected(values.error());
            *target = std::move(*values);
        }
        return {};
    };
    const auto addPackage = [&](const TomlNode& table) -> Status {
        auto package = readPackage(table, sourceName);
        if (!package)
            return std::unexpected(package.error());
        snapshot.packages.push_back(std::move(*package));
        return {};
    };
    if (auto status =
            detail::readPackageArray(content, sourceName, {"packages", {"packages"}, readHeader, addPackage});
        !status)
        return std::unexpected(status.error());
    return snapshot;
}

} // namespace pindex::lock
