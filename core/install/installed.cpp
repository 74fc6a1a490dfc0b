#include "core/install/installed.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <random>
#include <set>
#include <system_error>
#include <unistd.h>
#include <utility>

#include "core/install/file_transaction.h"
#include "core/install/record.h"
#include "core/standards/name.h"
#include "core/standards/version.h"
#include "core/util/file_io.h"

namespace pindex::install {

namespace fs = std::filesystem;

namespace {

bool isInside(const fs::path& path, const fs::path& root)
{
    const auto relative = path.lexically_relative(root);
    return !relative.empty() && *relative.begin() != ".." && !relative.is_absolute();
}

// The string value of the first `"key": "value"` pair in a small JSON text (written by Pindex
// itself, so no escapes beyond `\"` need decoding); empty when absent.
std::string jsonStringValue(std::string_view text, std::string_view key)
{
    const std::string quoted = "\"" + std::string(key) + "\"";
    auto at = text.find(quoted);
    if (at == std::string_view::npos)
        return {};
    at = text.find(':', at + quoted.size());
    if (at == std::string_view::npos)
        return {};
    at = text.find('"', at);
    if (at == std::string_view::npos)
        return {};
    std::string value;
    for (std::size_t i = at + 1; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            value += text[++i];
            continue;
        }
        if (text[i] == '"')
            return value;
        value += text[i];
    }
    return {};
}

// The Name and Version fields of a METADATA file: only its header is read (the description after
// it can be most of the file). Empty strings for fields it lacks.
std::pair<std::string, std::string> nameAndVersion(std::string_view text)
{
    std::string name;
    std::string version;
    const auto field = [](std::string_view line, std::string_view key) -> std::optional<std::string_view> {
        if (line.size() <= key.size() || line[key.size()] != ':')
            return std::nullopt;
        for (std::size_t i = 0; i < key.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(line[i])) != key[i])
                return std::nullopt;
        auto value = line.substr(key.size() + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r'))
            value.remove_suffix(1);
        return value;
    };
    while (!text.empty() && (name.empty() || version.empty())) {
        const auto newline = text.find('\n');
        const auto line = text.substr(0, newline);
        if (line.empty() || line == "\r")
            break; // the end of the header
        if (const auto value = field(line, "name"); value && name.empty())
            name = *value;
        else if (const auto number = field(line, "version"); number && version.empty())
            version = *number;
        if (newline == std::string_view::npos)
            break;
        text.remove_prefix(newline + 1);
    }
    return {name, version};
}

} // namespace

Result<std::vector<InstalledDistribution>> listInstalled(const VenvLayout& venv)
{
    std::vector<InstalledDistribution> distributions;
    std::error_code error;
    if (!fs::exists(venv.sitePackages, error))
        return distributions;
    for (fs::directory_iterator it(venv.sitePackages, error), end; !error && it != end; it.increment(error)) {
        const auto name = it->path().filename().string();
        if (!name.ends_with(".dist-info") || !it->is_directory(error))
            continue;
        InstalledDistribution distribution;
        distribution.distInfo = it->path();
        const std::string stem = name.substr(0, name.size() - std::string(".dist-info").size());
        const auto dash = stem.find('-');
        distribution.name = standards::canonicalizeName(stem.substr(0, dash));
        if (dash != std::string::npos)
            distribution.version = stem.substr(dash + 1);
        if (auto metadata = readFile(it->path() / "METADATA")) {
            // Name and Version only: the no-op sync reads every installed METADATA.
            const auto [metadataName, metadataVersion] = nameAndVersion(*metadata);
            if (auto parsed = standards::Version::parse(metadataVersion); parsed && !metadataName.empty()) {
                distribution.name = standards::canonicalizeName(metadataName);
                distribution.version = parsed->str();
            }
        }
        if (auto installer = readFile(it->path() / "INSTALLER"))
            distribution.installer = installer->substr(0, installer->find_first_of("\r\n"));
        distribution.requested = fs::exists(it->path() / "REQUESTED", error);
        if (auto provenance = readFile(it->path() / "provenance_url.json")) {
            distribution.archiveUrl = jsonStringValue(*provenance, "url");
            distribution.archiveSha256 = jsonStringValue(*provenance, "sha256");
        }
        distributions.push_back(std::move(distribution));
    }
    if (error)
        return std::unexpected(makeError(ErrorCode::Io, "Cannot list " + venv.sitePackages.string() + ": " +
                                                            error.message() + "."));
    std::sort(distributions.begin(), distributions.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    return distributions;
}

Result<std::vector<fs::path>> recordedFiles(const fs::path& distInfo, const VenvLayout& venv)
{
    const auto recordPath = distInfo / "RECORD";
    auto text = readFile(recordPath);
    if (!text)
        return std::unexpected(text.error());
    auto record = parseRecord(*text, recordPath.string());
    if (!record)
        return std::unexpected(record.error());
    const auto root = fs::absolute(venv.root).lexically_normal();
    const auto base = fs::absolute(distInfo.parent_path()).lexically_normal();
    std::vector<fs::path> files;
    std::set<fs::path> seen;
    auto add = [&](const fs::path& path) {
        if (isInside(path, root) && seen.insert(path).second)
            files.push_back(path);
    };
    for (const auto& entry : *record) {
        const fs::path path = (base / entry.path).lexically_normal();
        add(path);
        if (path.extension() == ".py") {
            std::error_code error;
            const auto cache = path.parent_path() / "__pycache__";
            if (fs::exists(cache, error)) {
                const auto stem = path.stem().string() + ".";
                for (fs::directory_iterator it(cache, error), end; !error && it != end; it.increment(error)) {
                    const auto name = it->path().filename().string();
                    if (name.starts_with(stem) && name.ends_with(".pyc") &&
                        std::count(name.begin(), name.end(), '.') >= 2)
                        add(it->path());
                }
            }
        }
    }
    add(fs::absolute(distInfo).lexically_normal());
    return files;
}

Status uninstall(const fs::path& distInfo, const VenvLayout& venv)
{
    auto files = recordedFiles(distInfo, venv);
    if (!files)
        return std::unexpected(files.error());
    const auto root = fs::absolute(venv.root).lexically_normal();
    const std::set<fs::path> keep{root, fs::absolute(venv.sitePackages).lexically_normal(),
                                  fs::absolute(venv.bin).lexically_normal(),
                                  fs::absolute(venv.include).lexically_normal()};
    // All or nothing: every file is first moved aside (a rename on the same filesystem); only
    // when all have moved is the set-aside copy deleted.
    std::random_device random;
    const fs::path backup = venv.root / ".pindex-staging" /
                            ("remove-" + distInfo.filename().string() + "-" + std::to_string(::getpid()) +
                             "-" + std::to_string(random()));
    FileTransaction transaction(backup);
    std::set<fs::path> parents;
    for (const auto& file : *files)
        parents.insert(file.parent_path());
    if (auto aside = transaction.setAsideAll(*files); !aside) {
        transaction.rollBack();
        std::error_code error;
        fs::remove_all(backup, error);
        if (fs::is_directory(backup.parent_path(), error))
            fs::remove(backup.parent_path(), error); // only when empty
        return aside;
    }
    if (auto committed = transaction.commit(); !committed) {
        transaction.rollBack();
        std::error_code error;
        fs::remove_all(backup, error);
        return committed;
    }
    {
        std::error_code error;
        fs::remove_all(backup, error);
        if (fs::is_directory(backup.parent_path(), error))
            fs::remove(backup.parent_path(), error); // only when empty
    }
    // Deepest first, so a chain of emptied directories goes away.
    std::vector<fs::path> ordered(parents.begin(), parents.end());
    std::sort(ordered.begin(), ordered.end(), [](const fs::path& a, const fs::path& b) {
        return std::distance(a.begin(), a.end()) > std::distance(b.begin(), b.end());
    });
    for (auto directory : ordered) {
        while (isInside(directory, root) && !keep.contains(directory)) {
            std::error_code error;
            if (!fs::is_directory(directory, error) || !fs::is_empty(directory, error))
                break;
            fs::remove(directory, error);
            directory = directory.parent_path();
        }
    }
    return {};
}

Result<std::size_t> recoverInterruptedChanges(const VenvLayout& venv)
{
    const auto root = fs::absolute(venv.root).lexically_normal();
    const std::set<fs::path> keep{root, fs::absolute(venv.sitePackages).lexically_normal(),
                                  fs::absolute(venv.bin).lexically_normal(),
                                  fs::absolute(venv.include).lexically_normal()};
    auto recovered =
        recoverInterruptedTransactions(venv.root / ".pindex-staging", [&](const fs::path& directory) {
            const auto normal = fs::absolute(directory).lexically_normal();
            return isInside(normal, root) && !keep.contains(normal);
        });
    if (!recovered) {
        auto error = recovered.error();
        error.message = "An install into " + venv.root.string() +
                        " was interrupted and cannot be undone: " + error.message;
        error.hint = "Remove the venv and sync again to recreate it.";
        return std::unexpected(std::move(error));
    }
    return recovered;
}

} // namespace pindex::install
