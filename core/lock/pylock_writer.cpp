#include "core/lock/pylock_writer.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string_view>

#include "core/util/file_io.h"
#include "core/util/quoted_string.h"

namespace pindex::lock {

namespace {

std::string stringArray(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "" : ", ") + quoteString(items[i]);
    }
    return out + "]";
}

// An RFC 3339 date-time TOML accepts as a bare offset date-time ("2024-05-01T12:00:00Z").
bool isTomlDateTime(std::string_view text)
{
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ')) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == ':' || c == 'T' || c == 'Z' || c == '.' || c == '+';
    });
}

void writeFile(std::string& out, const std::string& header, const LockedFile& file)
{
    out += header + "\n";
    if (!file.name.empty()) {
        out += "name = " + quoteString(file.name) + "\n";
    }
    if (!file.url.empty()) {
        out += "url = " + quoteString(stripUrlCredentials(file.url)) + "\n";
    }
    if (!file.path.empty()) {
        out += "path = " + quoteString(file.path) + "\n";
    }
    if (file.size) {
        out += "size = " + std::to_string(*file.size) + "\n";
    }
    if (!file.uploadTime.empty()) {
        out += "upload-time = " +
               (isTomlDateTime(file.uploadTime) ? file.uploadTime : quoteString(file.uploadTime)) + "\n";
    }
    std::string hashes;
    for (const auto& [algorithm, digest] : file.hashes) { // std::map: sorted
        hashes += (hashes.empty() ? "" : ", ") + algorithm + " = " + quoteString(digest);
    }
    out += "hashes = {" + (hashes.empty() ? std::string() : " " + hashes + " ") + "}\n";
}

// The file system path of a local index or file ("/srv/wheels/a.whl", "file:///srv/wheels/"), or
// nullopt for a remote URL.
std::optional<std::filesystem::path> localPath(std::string_view location)
{
    constexpr std::string_view kFileScheme = "file://";
    if (location.starts_with(kFileScheme)) {
        location.remove_prefix(kFileScheme.size());
    } else if (location.find("://") != std::string_view::npos) {
        return std::nullopt;
    }
    if (location.empty()) {
        return std::nullopt;
    }
    return std::filesystem::path(std::string(location));
}

// `path` relative to `directory` with '/' separators when both are absolute; else `path` unchanged.
// A trailing slash (an index directory) is kept.
std::string portablePath(const std::filesystem::path& path, const std::filesystem::path& directory)
{
    std::string text = path.generic_string();
    if (directory.empty() || !path.is_absolute() || !directory.is_absolute()) {
        return text;
    }
    const bool isDirectory = text.ends_with('/');
    auto relative = path.lexically_normal().lexically_relative(directory.lexically_normal()).generic_string();
    if (relative.empty()) {
        return text;
    }
    if (relative.ends_with("/.")) {
        relative.resize(relative.size() - 2);
    }
    if (isDirectory && !relative.ends_with('/')) {
        relative += '/';
    }
    return relative;
}

} // namespace

LockSnapshot snapshotFromResolution(const resolver::Resolution& resolution, const PylockInputs& inputs)
{
    LockSnapshot snapshot;
    snapshot.format = LockFormat::Pylock;
    snapshot.lockVersion = "1.0";
    snapshot.createdBy = inputs.createdBy;
    snapshot.requiresPython = inputs.requiresPython;
    snapshot.environments = inputs.environments;
    const auto toFile = [&inputs](const resolver::Distribution& distribution) {
        LockedFile file;
        file.name = distribution.filename;
        if (auto local = localPath(distribution.url)) {
            file.path = portablePath(*local, inputs.lockDirectory);
        } else {
            file.url = stripUrlCredentials(distribution.url);
        }
        if (distribution.size != 0) {
            file.size = distribution.size;
        }
        file.uploadTime = distribution.uploadTime;
        if (!distribution.sha256.empty()) {
            file.hashes.emplace("sha256", distribution.sha256);
        }
        return file;
    };
    for (const auto& resolved : resolution.packages) {
        LockedPackage package;
        package.name = resolved.name;
        package.version = resolved.version.str();
        if (auto local = localPath(resolved.candidate.indexUrl)) {
            package.index = portablePath(*local, inputs.lockDirectory);
        } else {
            package.index = stripUrlCredentials(resolved.candidate.indexUrl);
        }
        if (resolved.candidate.requiresPython) {
            package.requiresPython = resolved.candidate.requiresPython->str();
        }
        for (const auto& wheel : resolved.candidate.wheels) {
            package.wheels.push_back(toFile(wheel.file));
        }
        if (resolved.candidate.sdist) {
            package.sdist = toFile(*resolved.candidate.sdist);
        }
        for (const auto& dependency : resolved.dependencies) {
            LockedDependency locked;
            locked.name = dependency;
            if (const auto* target = resolution.find(dependency)) {
                locked.version = target->version.str();
            }
            package.dependencies.push_back(std::move(locked));
        }
        snapshot.packages.push_back(std::move(package));
    }
    return snapshot;
}

std::string formatPylock(const LockSnapshot& snapshot)
{
    std::string out;
    out +=
        "lock-version = " + quoteString(snapshot.lockVersion.empty() ? "1.0" : snapshot.lockVersion) + "\n";
    if (!snapshot.environments.empty()) {
        out += "environments = " + stringArray(snapshot.environments) + "\n";
    }
    if (!snapshot.requiresPython.empty()) {
        out += "requires-python = " + quoteString(snapshot.requiresPython) + "\n";
    }
    if (!snapshot.extras.empty()) {
        out += "extras = " + stringArray(snapshot.extras) + "\n";
    }
    if (!snapshot.dependencyGroups.empty()) {
        out += "dependency-groups = " + stringArray(snapshot.dependencyGroups) + "\n";
    }
    if (!snapshot.defaultGroups.empty()) {
        out += "default-groups = " + stringArray(snapshot.defaultGroups) + "\n";
    }
    out += "created-by = " + quoteString(snapshot.createdBy.empty() ? "pindex" : snapshot.createdBy) + "\n";

    std::vector<const LockedPackage*> packages;
    for (const auto& package : snapshot.packages) {
        packages.push_back(&package);
    }
    std::stable_sort(packages.begin(), packages.end(),
                     [](const LockedPackage* left, const LockedPackage* right) {
                         const auto leftName = left->canonicalName();
                         const auto rightName = right->canonicalName();
                         if (leftName != rightName) {
                             return leftName < rightName;
                         }
                         if (left->version != right->version) {
                             return left->version < right->version;
                         }
                         return left->marker < right->marker;
                     });
    for (const auto* package : packages) {
        out += "\n[[packages]]\n";
        out += "name = " + quoteString(package->name) + "\n";
        if (!package->version.empty()) {
            out += "version = " + quoteString(package->version) + "\n";
        }
        if (!package->marker.empty()) {
            out += "marker = " + quoteString(package->marker) + "\n";
        }
        if (!package->requiresPython.empty()) {
            out += "requires-python = " + quoteString(package->requiresPython) + "\n";
        }
        if (!package->index.empty()) {
            out += "index = " + quoteString(stripUrlCredentials(package->index)) + "\n";
        }
        auto dependencies = package->dependencies;
        std::sort(dependencies.begin(), dependencies.end(), [](const auto& left, const auto& right) {
            return std::tie(left.name, left.version, left.marker) <
                   std::tie(right.name, right.version, right.marker);
        });
        if (!dependencies.empty()) {
            out += "dependencies = [\n";
            for (const auto& dependency : dependencies) {
                out += "    { name = " + quoteString(dependency.name);
                if (!dependency.version.empty()) {
                    out += ", version = " + quoteString(dependency.version);
                }
                if (!dependency.marker.empty()) {
                    out += ", marker = " + quoteString(dependency.marker);
                }
                out += " },\n";
            }
            out += "]\n";
        }
        if (package->sdist) {
            writeFile(out, "\n[packages.sdist]", *package->sdist);
        }
        auto wheels = package->wheels;
        std::sort(wheels.begin(), wheels.end(),
                  [](const LockedFile& left, const LockedFile& right) { return left.name < right.name; });
        for (const auto& wheel : wheels) {
            writeFile(out, "\n[[packages.wheels]]", wheel);
        }
    }
    return out;
}

Status writePylock(const std::filesystem::path& path, const LockSnapshot& snapshot)
{
    return writeFileAtomic(path, formatPylock(snapshot));
}

} // namespace pindex::lock
