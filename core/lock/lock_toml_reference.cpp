// toml++ as the reference parser the tests compare the fast one with (see lock_toml.h): its tree
// converted into the document model, and the first difference between two trees.

#include <cmath>
#include <sstream>

#include <toml++/toml.h>

#include "core/lock/lock_toml_builder.h"

namespace pindex::lock::detail {

namespace {

using Storage = TomlDocument::Storage;

std::string printed(const auto& value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

TomlNode* convert(Storage& storage, const toml::node& source);

void convertMembers(Storage& storage, const toml::table& table, TomlNode* target)
{
    for (const auto& [key, member] : table) {
        TomlNode* child = convert(storage, member);
        TomlBuilder::setKey(child, storage.keep(std::string(key.str())));
        TomlBuilder::append(storage, target, child);
    }
}

TomlNode* convert(Storage& storage, const toml::node& source)
{
    const auto line = static_cast<std::uint32_t>(source.source().begin.line);
    const auto column = static_cast<std::uint32_t>(source.source().begin.column);
    const auto make = [&](TomlKind kind) { return TomlBuilder::newNode(storage, kind, line, column); };
    switch (source.type()) {
    case toml::node_type::table: {
        TomlNode* table = make(TomlKind::Table);
        convertMembers(storage, *source.as_table(), table);
        return table;
    }
    case toml::node_type::array: {
        TomlNode* array = make(TomlKind::Array);
        for (const auto& item : *source.as_array())
            TomlBuilder::append(storage, array, convert(storage, item));
        return array;
    }
    case toml::node_type::string: {
        TomlNode* text = make(TomlKind::String);
        TomlBuilder::setText(text, storage.keep(source.as_string()->get()));
        return text;
    }
    case toml::node_type::integer: {
        TomlNode* number = make(TomlKind::Integer);
        TomlBuilder::setInteger(number, source.as_integer()->get());
        return number;
    }
    case toml::node_type::floating_point: {
        TomlNode* number = make(TomlKind::Float);
        TomlBuilder::setFloat(number, source.as_floating_point()->get());
        TomlBuilder::setText(number, storage.keep(printed(source.as_floating_point()->get())));
        return number;
    }
    case toml::node_type::boolean: {
        TomlNode* flag = make(TomlKind::Boolean);
        TomlBuilder::setBoolean(flag, source.as_boolean()->get());
        return flag;
    }
    case toml::node_type::date: {
        TomlNode* date = make(TomlKind::DateTime);
        TomlBuilder::setText(date, storage.keep(printed(source.as_date()->get())));
        return date;
    }
    case toml::node_type::time: {
        TomlNode* time = make(TomlKind::DateTime);
        TomlBuilder::setText(time, storage.keep(printed(source.as_time()->get())));
        return time;
    }
    case toml::node_type::date_time: {
        TomlNode* dateTime = make(TomlKind::DateTime);
        TomlBuilder::setText(dateTime, storage.keep(printed(source.as_date_time()->get())));
        return dateTime;
    }
    case toml::node_type::none: break;
    }
    return make(TomlKind::String);
}

// A date or time as toml++ understands it, to compare two spellings of one value.
std::optional<std::string> canonicalDateTime(std::string_view text)
{
    toml::parse_result parsed = toml::parse("v = " + std::string(text));
    if (!parsed)
        return std::nullopt;
    const toml::node* node = parsed.table().get("v");
    if (const auto* dateTime = node->as_date_time())
        return printed(dateTime->get());
    if (const auto* date = node->as_date())
        return printed(date->get());
    if (const auto* time = node->as_time())
        return printed(time->get());
    return std::nullopt;
}

std::string_view kindName(TomlKind kind)
{
    switch (kind) {
    case TomlKind::Table: return "table";
    case TomlKind::Array: return "array";
    case TomlKind::String: return "string";
    case TomlKind::Integer: return "integer";
    case TomlKind::Float: return "float";
    case TomlKind::Boolean: return "boolean";
    case TomlKind::DateTime: return "date-time";
    }
    return "?";
}

std::string difference(const TomlNode& left, const TomlNode& right, const std::string& path)
{
    const std::string where = path.empty() ? std::string("(root)") : path;
    if (left.kind() != right.kind())
        return where + ": " + std::string(kindName(left.kind())) + " vs " +
               std::string(kindName(right.kind()));
    switch (left.kind()) {
    case TomlKind::Table: {
        if (left.size() != right.size())
            return where + ": " + std::to_string(left.size()) + " vs " + std::to_string(right.size()) +
                   " keys";
        for (const auto& member : left) {
            const TomlNode* other = right.get(member.key());
            const std::string childPath =
                path.empty() ? std::string(member.key()) : path + "." + std::string(member.key());
            if (other == nullptr)
                return childPath + ": missing on the right";
            if (auto found = difference(member, *other, childPath); !found.empty())
                return found;
        }
        return {};
    }
    case TomlKind::Array: {
        if (left.size() != right.size())
            return where + ": " + std::to_string(left.size()) + " vs " + std::to_string(right.size()) +
                   " items";
        auto other = right.begin();
        std::size_t index = 0;
        for (const auto& item : left) {
            if (auto found = difference(item, *other, path + "[" + std::to_string(index) + "]");
                !found.empty())
                return found;
            ++other;
            ++index;
        }
        return {};
    }
    case TomlKind::String:
        return left.text() == right.text() ? std::string()
                                           : where + ": \"" + std::string(left.text()) + "\" vs \"" +
                                                 std::string(right.text()) + "\"";
    case TomlKind::Integer:
        return left.asInteger() == right.asInteger() ? std::string()
                                                     : where + ": " + std::to_string(*left.asInteger()) +
                                                           " vs " + std::to_string(*right.asInteger());
    case TomlKind::Float: {
        const double a = *left.asFloat();
        const double b = *right.asFloat();
        const bool same = (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b));
        return same ? std::string()
                    : where + ": " + std::string(left.text()) + " vs " + std::string(right.text());
    }
    case TomlKind::Boolean:
        return left.asBoolean() == right.asBoolean() ? std::string() : where + ": booleans differ";
    case TomlKind::DateTime: {
        const auto a = canonicalDateTime(left.text());
        const auto b = canonicalDateTime(right.text());
        return a && a == b ? std::string()
                           : where + ": " + std::string(left.text()) + " vs " + std::string(right.text());
    }
    }
    return {};
}

} // namespace

Result<TomlDocument> parseLockTomlReference(std::string_view content, const std::string& sourceName)
{
    toml::parse_result parsed = toml::parse(content, sourceName);
    if (!parsed) {
        const auto& error = parsed.error();
        return std::unexpected(makeFileError(ErrorCode::Parse, std::string(error.description()), sourceName,
                                             error.source().begin.line, error.source().begin.column));
    }
    TomlDocument document;
    document.m_fallback = true;
    convertMembers(*document.m_storage, parsed.table(), &document.m_storage->root);
    document.m_storage->members.clear();
    return document;
}

std::string firstDifference(const TomlNode& left, const TomlNode& right)
{
    return difference(left, right, {});
}

} // namespace pindex::lock::detail
