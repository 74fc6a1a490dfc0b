// pylock.toml (PEP 751) into a LockSnapshot.

#include "core/lock/lock_reader.h"
#include "core/lock/toml_support.h"

namespace pindex::lock {
namespace {

using detail::nodeError;
using detail::optionalString;

Result<LockedFile> readLockedFile(const toml::table& table, const std::string& sourceName)
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
    if (const toml::node* hashes = table.get("hashes")) {
        const auto* hashTable = hashes->as_table();
        if (hashTable == nullptr)
            return std::unexpected(nodeError(*hashes, sourceName, "'hashes' must be a table"));
        for (const auto& [algorithm, digest] : *hashTable) {
            if (const auto* text = digest.as_string())
                file.hashes.emplace(std::string(algorithm.str()), text->get());
            else
                return std::unexpected(nodeError(digest, sourceName, "a hash must be a string"));
        }
    }
    return file;
}

Result<std::optional<LockedFile>> readOptionalFile(const toml::table& package, std::string_view key,
                                                   const std::string& sourceName)
{
    const toml::node* node = package.get(key);
    if (node == nullptr)
        return std::optional<LockedFile>();
    const auto* table = node->as_table();
    if (table == nullptr)
        return std::unexpected(nodeError(*node, sourceName, "'" + std::string(key) + "' must be a table"));
    auto file = readLockedFile(*table, sourceName);
    if (!file)
        return std::unexpected(file.error());
    return std::optional<LockedFile>(std::move(*file));
}

Status readSources(const toml::table& table, LockedPackage& package, const std::string& sourceName)
{
    if (const auto* vcs = table["vcs"].as_table()) {
        VcsSource source;
        source.type = optionalString(*vcs, "type", sourceName).value_or("git");
        source.url = optionalString(*vcs, "url", sourceName).value_or("");
        source.path = optionalString(*vcs, "path", sourceName).value_or("");
        source.requestedRevision = optionalString(*vcs, "requested-revision", sourceName).value_or("");
        source.commitId = optionalString(*vcs, "commit-id", sourceName).value_or("");
        source.subdirectory = optionalString(*vcs, "subdirectory", sourceName).value_or("");
        package.vcs = std::move(source);
    }
    if (const auto* directory = table["directory"].as_table()) {
        DirectorySource source;
        source.path = optionalString(*directory, "path", sourceName).value_or("");
        source.editable = (*directory)["editable"].value_or(false);
        source.subdirectory = optionalString(*directory, "subdirectory", sourceName).value_or("");
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
    if (const toml::node* wheels = table.get("wheels")) {
        const auto* array = wheels->as_array();
        if (array == nullptr)
            return std::unexpected(nodeError(*wheels, sourceName, "'wheels' must be an array of tables"));
        for (const auto& item : *array) {
            const auto* wheel = item.as_table();
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

Result<LockedPackage> readPackage(const toml::table& table, const std::string& sourceName)
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
    if (const toml::node* dependencies = table.get("dependencies")) {
        const auto* array = dependencies->as_array();
        if (array == nullptr)
            return std::unexpected(nodeError(*dependencies, sourceName, "'dependencies' must be an array"));
        for (const auto& item : *array) {
            const auto* entry = item.as_table();
            if (entry == nullptr)
                return std::unexpected(nodeError(item, sourceName, "a dependency must be a table"));
            LockedDependency dependency;
            dependency.name = optionalString(*entry, "name", sourceName).value_or("");
            dependency.version = optionalString(*entry, "version", sourceName).value_or("");
            dependency.marker = optionalString(*entry, "marker", sourceName).value_or("");
            if (!dependency.name.empty())
                package.dependencies.push_back(std::move(dependency));
        }
    }
    if (auto status = readSources(table, package, sourceName); !status)
        return std::unexpected(status.error());
    if (const auto* identities = table["attestation-identities"].as_array()) {
        for (const auto& item : *identities) {
            std::map<std::string, std::string> identity;
            if (const auto* entry = item.as_table()) {
                for (const auto& [key, value] : *entry) {
                    if (const auto* text = value.as_string())
                        identity.emplace(std::string(key.str()), text->get());
                }
            }
            package.attestationIdentities.push_back(std::move(identity));
        }
    }
    if (const auto* yanked = table["tool"]["pindex"]["yanked"].as_boolean())
        package.yanked = yanked->get();
    return package;
}

} // namespace

Result<LockSnapshot> parsePylock(std::string_view content, const std::string& sourceName)
{
    auto document = detail::parseTomlDocument(content, sourceName);
    if (!document)
        return std::unexpected(document.error());
    const toml::table& root = *document;

    LockSnapshot snapshot;
    snapshot.format = LockFormat::Pylock;
    snapshot.sourceName = sourceName;
    auto lockVersion = detail::requiredString(root, "lock-version", sourceName);
    if (!lockVersion)
        return std::unexpected(lockVersion.error());
    snapshot.lockVersion = std::move(*lockVersion);
    if (!snapshot.lockVersion.starts_with("1.")) {
        auto error = makeFileError(ErrorCode::Unsupported,
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
    if (const toml::node* packages = root.get("packages")) {
        const auto* array = packages->as_array();
        if (array == nullptr)
            return std::unexpected(nodeError(*packages, sourceName, "'packages' must be an array of tables"));
        for (const auto& item : *array) {
            const auto* table = item.as_table();
            if (table == nullptr)
                return std::unexpected(nodeError(item, sourceName, "a package must be a table"));
            auto package = readPackage(*table, sourceName);
            if (!package)
                return std::unexpected(package.error());
            snapshot.packages.push_back(std::move(*package));
        }
    }
    return snapshot;
}

} // namespace pindex::lock
