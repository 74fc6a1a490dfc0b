#include "core/lock/toml_support.h"

namespace pindex::lock::detail {

Error nodeError(const TomlNode& node, const std::string& sourceName, std::string message)
{
    return makeFileError(ErrorCode::Parse, std::move(message), sourceName, node.line(), node.column());
}

Result<std::string> optionalString(const TomlNode& table, std::string_view key, const std::string& sourceName)
{
    const TomlNode* node = table.get(key);
    if (node == nullptr)
        return std::string();
    if (const auto text = node->asString())
        return std::string(*text);
    return std::unexpected(nodeError(*node, sourceName, "'" + std::string(key) + "' must be a string"));
}

Result<std::string> requiredString(const TomlNode& table, std::string_view key, const std::string& sourceName)
{
    if (table.get(key) == nullptr)
        return std::unexpected(nodeError(table, sourceName, "missing '" + std::string(key) + "'"));
    return optionalString(table, key, sourceName);
}

std::string lenientString(const TomlNode& table, std::string_view key)
{
    const TomlNode* node = table.get(key);
    if (node == nullptr)
        return {};
    return std::string(node->asString().value_or(std::string_view()));
}

Result<std::vector<std::string>> stringArray(const TomlNode& table, std::string_view key,
                                             const std::string& sourceName)
{
    std::vector<std::string> values;
    const TomlNode* node = table.get(key);
    if (node == nullptr)
        return values;
    const TomlNode* array = node->asArray();
    if (array == nullptr)
        return std::unexpected(nodeError(*node, sourceName, "'" + std::string(key) + "' must be an array"));
    values.reserve(array->size());
    for (const auto& item : *array) {
        const auto text = item.asString();
        if (!text)
            return std::unexpected(
                nodeError(item, sourceName, "'" + std::string(key) + "' must hold only strings"));
        values.emplace_back(*text);
    }
    return values;
}

std::string dateTimeText(const TomlNode& table, std::string_view key)
{
    const TomlNode* node = table.get(key);
    if (node == nullptr)
        return {};
    if (node->kind() == TomlKind::String)
        return std::string(node->text());
    if (node->kind() != TomlKind::DateTime)
        return {};
    // RFC 3339 spelling: 'T' between date and time, upper-case 'Z'.
    std::string text(node->text());
    if (text.size() > 10 && (text[10] == ' ' || text[10] == 't'))
        text[10] = 'T';
    if (!text.empty() && text.back() == 'z')
        text.back() = 'Z';
    return text;
}

std::optional<std::uint64_t> optionalSize(const TomlNode& table, std::string_view key)
{
    const TomlNode* node = table.get(key);
    if (node == nullptr)
        return std::nullopt;
    if (const auto number = node->asInteger(); number && *number >= 0)
        return static_cast<std::uint64_t>(*number);
    return std::nullopt;
}

void addHashText(std::map<std::string, std::string>& hashes, std::string_view text)
{
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        hashes.emplace("sha256", std::string(text));
        return;
    }
    hashes.emplace(std::string(text.substr(0, colon)), std::string(text.substr(colon + 1)));
}

std::string fileNameFromLocation(std::string_view location)
{
    if (const auto cut = location.find_first_of("?#"); cut != std::string_view::npos)
        location = location.substr(0, cut);
    while (!location.empty() && location.back() == '/')
        location.remove_suffix(1);
    if (const auto slash = location.find_last_of('/'); slash != std::string_view::npos)
        location = location.substr(slash + 1);
    return std::string(location);
}

std::size_t countHeaders(std::string_view content, std::string_view header)
{
    std::size_t count = content.starts_with(header) ? 1 : 0;
    const std::string needle = "\n" + std::string(header);
    for (auto at = content.find(needle); at != std::string_view::npos; at = content.find(needle, at + 1))
        ++count;
    return count;
}

Status readPackageArray(std::string_view content, const std::string& sourceName, const PackageArray& reader)
{
    bool headerRead = false;
    const auto readHeaderOnce = [&](const TomlNode& root) -> Status {
        if (headerRead || !reader.readHeader)
            return {};
        headerRead = true;
        return reader.readHeader(root);
    };
    const auto addPackage = [&](const TomlNode& item) -> Status {
        if (item.asTable() == nullptr)
            return std::unexpected(nodeError(item, sourceName, "a package must be a table"));
        return reader.addPackage(item);
    };
    const TomlStream stream{reader.streamKey, [&](const TomlNode& root, const TomlNode& element) -> Status {
                                if (auto status = readHeaderOnce(root); !status)
                                    return status;
                                return addPackage(element);
                            }};
    auto document = parseStreamedLockToml(content, sourceName, stream);
    if (!document)
        return std::unexpected(document.error());
    const TomlNode& root = document->root();
    if (auto status = readHeaderOnce(root); !status)
        return status;
    for (const std::string_view key : reader.inlineKeys) {
        const TomlNode* packages = root.get(key);
        if (packages == nullptr)
            continue;
        const TomlNode* array = packages->asArray();
        if (array == nullptr)
            return std::unexpected(
                nodeError(*packages, sourceName, "'" + std::string(key) + "' must be an array of tables"));
        for (const auto& item : *array) {
            if (auto status = addPackage(item); !status)
                return status;
        }
        break;
    }
    return reader.readTrailer ? reader.readTrailer(root) : Status();
}

} // namespace pindex::lock::detail
