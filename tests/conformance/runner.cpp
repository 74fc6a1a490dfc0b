#include "tests/conformance/runner.h"

#include <iostream>

namespace pindex::conformance {

void Report::fail(std::string_view group, std::string_view detail)
{
    ++m_failed;
    std::cout << "FAIL " << group << ": " << detail << '\n';
}

std::string stringField(Case item, std::string_view key)
{
    std::string_view value;
    if (item[key].get(value))
        return {};
    return std::string(value);
}

std::optional<std::string> optionalString(Case item, std::string_view key)
{
    std::string_view value;
    if (item[key].get(value))
        return std::nullopt;
    return std::string(value);
}

bool boolField(Case item, std::string_view key)
{
    return optionalBool(item, key).value_or(false);
}

std::optional<bool> optionalBool(Case item, std::string_view key)
{
    bool value = false;
    if (item[key].get(value))
        return std::nullopt;
    return value;
}

std::optional<std::int64_t> optionalInt(Case item, std::string_view key)
{
    std::int64_t value = 0;
    if (item[key].get(value))
        return std::nullopt;
    return value;
}

std::vector<std::string> stringList(Case item, std::string_view key)
{
    std::vector<std::string> result;
    simdjson::dom::array array;
    if (item[key].get(array))
        return result;
    for (const auto element : array) {
        std::string_view value;
        if (!element.get(value))
            result.emplace_back(value);
    }
    return result;
}

bool hasField(Case item, std::string_view key)
{
    return item[key].error() == simdjson::SUCCESS;
}

std::string describe(Case item)
{
    return simdjson::minify(item);
}

std::string joinList(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += items[i];
    }
    return out + "]";
}

} // namespace pindex::conformance
