#include "core/lock/toml_support.h"

#include <sstream>

namespace pindex::lock::detail {

Result<toml::table> parseTomlDocument(std::string_view content, const std::string& sourceName)
{
    toml::parse_result parsed = toml::parse(content, sourceName);
    if (!parsed) {
        const auto& error = parsed.error();
        return std::unexpected(makeFileError(ErrorCode::Parse, std::string(error.description()), sourceName,
                                             error.source().begin.line, error.source().begin.column));
    }
    return std::move(parsed).table();
}

Error nodeError(const toml::node& node, const std::string& sourceName, std::string message)
{
    return makeFileError(ErrorCode::Parse, std::move(message), sourceName, node.source().begin.line,
                         node.source().begin.column);
}

Result<std::string> optionalString(const toml::table& table, std::string_view key,
                                   const std::string& sourceName)
{
    const toml::node* node = table.get(key);
    if (node == nullptr)
        return std::string();
    if (const auto* text = node->as_string())
        return text->get();
    return std::unexpected(nodeError(*node, sourceName, "'" + std::string(key) + "' must be a string"));
}

Result<std::string> requiredString(const toml::table& table, std::string_view key,
                                   const std::string& sourceName)
{
    const toml::node* node = table.get(key);
    if (node == nullptr)
        return std::unexpected(nodeError(table, sourceName, "missing '" + std::string(key) + "'"));
    return optionalString(table, key, sourceName);
}

Result<std::vector<std::string>> stringArray(const toml::table& table, std::string_view key,
                                             const std::string& sourceName)
{
    std::vector<std::string> values;
    const toml::node* node = table.get(key);
    if (node == nullptr)
        return values;
    const auto* array = node->as_array();
    if (array == nullptr)
        return std::unexpected(nodeError(*node, sourceName, "'" + std::string(key) + "' must be an array"));
    for (const auto& item : *array) {
        const auto* text = item.as_string();
        if (text == nullptr)
            return std::unexpected(
                nodeError(item, sourceName, "'" + std::string(key) + "' must hold only strings"));
        values.push_back(text->get());
    }
    return values;
}

std::string dateTimeText(const toml::table& table, std::string_view key)
{
    const toml::node* node = table.get(key);
    if (node == nullptr)
        return {};
    if (const auto* text = node->as_string())
        return text->get();
    if (const auto* dateTime = node->as_date_time()) {
        std::ostringstream out;
        out << dateTime->get();
        return out.str();
    }
    return {};
}

std::optional<std::uint64_t> optionalSize(const toml::table& table, std::string_view key)
{
    const toml::node* node = table.get(key);
    if (node == nullptr)
        return std::nullopt;
    if (const auto* number = node->as_integer(); number != nullptr && number->get() >= 0)
        return static_cast<std::uint64_t>(number->get());
    return std::nullopt;
}

std::uint32_t lineOf(const toml::node& node)
{
    return node.source().begin.line;
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

} // namespace pindex::lock::detail
