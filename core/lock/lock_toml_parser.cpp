// The structure of a TOML document: comments and newlines, keys, [headers] and [[headers]],
// key/values, arrays and inline tables, and the streaming of a root array of tables.

#include <cstring>

#include "core/lock/lock_toml_builder.h"

namespace pindex::lock::detail {

std::size_t TomlBuilder::utf8Length() const
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(m_p);
    const std::size_t available = static_cast<std::size_t>(m_end - m_p);
    const unsigned char lead = bytes[0];
    std::size_t length = 0;
    std::uint32_t codepoint = 0;
    if (lead < 0x80)
        return 1;
    if ((lead & 0xe0) == 0xc0) {
        length = 2;
        codepoint = lead & 0x1fU;
    } else if ((lead & 0xf0) == 0xe0) {
        length = 3;
        codepoint = lead & 0x0fU;
    } else if ((lead & 0xf8) == 0xf0) {
        length = 4;
        codepoint = lead & 0x07U;
    } else {
        return 0;
    }
    if (length > available)
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((bytes[i] & 0xc0) != 0x80)
            return 0;
        codepoint = (codepoint << 6) | (bytes[i] & 0x3fU);
    }
    static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (codepoint < kMinimum[length] || codepoint > 0x10ffff || (codepoint >= 0xd800 && codepoint <= 0xdfff))
        return 0;
    return length;
}

std::string TomlBuilder::found() const
{
    if (m_p == m_end)
        return "the end of the file";
    const auto c = static_cast<unsigned char>(*m_p);
    static constexpr char kHex[] = "0123456789ABCDEF";
    auto hex = [](std::uint32_t value, int digits) {
        std::string out;
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
            out += kHex[(value >> shift) & 0xF];
        return out;
    };
    if (c == '\n' || (c == '\r' && m_p + 1 < m_end && m_p[1] == '\n'))
        return "the end of the line";
    if (c >= 0x20 && c < 0x7F)
        return "'" + std::string(1, *m_p) + "'";
    if (c < 0x80)
        return "the control character U+" + hex(c, 4);
    const std::size_t length = utf8Length();
    if (length == 0)
        return "a byte that is not UTF-8 (0x" + hex(c, 2) + ")";
    std::uint32_t codepoint = c & (0xFFU >> (length + 1));
    for (std::size_t i = 1; i < length; ++i)
        codepoint = (codepoint << 6) | (static_cast<unsigned char>(m_p[i]) & 0x3FU);
    return "'" + std::string(m_p, length) + "' (U+" + hex(codepoint, codepoint > 0xFFFF ? 6 : 4) + ")";
}

Status TomlBuilder::skipComment()
{
    if (!at('#'))
        return {};
    ++m_p;
    while (m_p < m_end && *m_p != '\n') {
        const auto c = static_cast<unsigned char>(*m_p);
        if (c == '\r' && m_p + 1 < m_end && m_p[1] == '\n')
            break;
        const auto length = textCharLength("a comment");
        if (!length)
            return std::unexpected(length.error());
        m_p += *length;
    }
    return {};
}

Status TomlBuilder::newline()
{
    if (at('\r') && m_p + 1 < m_end && m_p[1] == '\n')
        ++m_p;
    if (!at('\n'))
        return std::unexpected(error("expected the end of the line"));
    ++m_p;
    ++m_line;
    m_lineStart = m_p;
    return {};
}

Status TomlBuilder::endOfLine()
{
    skipSpaces();
    if (auto status = skipComment(); !status)
        return status;
    if (m_p == m_end)
        return {};
    return newline();
}

Status TomlBuilder::skipBlank()
{
    while (m_p < m_end) {
        skipSpaces();
        if (at('#')) {
            if (auto status = skipComment(); !status)
                return status;
        } else if (at('\n') || at('\r')) {
            if (auto status = newline(); !status)
                return status;
        } else {
            break;
        }
    }
    return {};
}

Status TomlBuilder::closeElement()
{
    if (m_streamArray == nullptr || m_streamArray->m_last == nullptr)
        return {};
    if (auto status = m_stream->onElement(m_storage.root, *m_streamArray->m_last); !status)
        return status;
    // The element is done with: unlinked always, its nodes reused when nothing else was made
    // since it opened (a header elsewhere, e.g. [metadata] between two [[package]], may have).
    m_streamArray->m_first = nullptr;
    m_streamArray->m_last = nullptr;
    m_streamArray->m_count = 0;
    if (!m_foreign) {
        for (const auto& key : m_storage.recordedMembers)
            m_storage.members.erase(key);
        m_storage.rewind(m_elementMark);
    }
    m_storage.recordedMembers.clear();
    m_storage.recordMembers = false;
    m_current = &m_storage.root; // no longer points into the element
    return {};
}

Status TomlBuilder::parse()
{
    m_current = &m_storage.root;
    while (true) {
        skipSpaces();
        if (m_p == m_end)
            return closeElement();
        const char c = *m_p;
        if (c == '#') {
            if (auto status = endOfLine(); !status)
                return status;
        } else if (c == '\n' || c == '\r') {
            if (auto status = newline(); !status)
                return status;
        } else if (c == '[') {
            if (auto status = header(); !status)
                return status;
        } else {
            if (auto status = keyValue(m_current); !status)
                return status;
            if (auto status = endOfLine(); !status)
                return status;
        }
    }
}

Result<std::string_view> TomlBuilder::parseKeyPart()
{
    if (at('"')) {
        if (m_p + 2 < m_end && m_p[1] == '"' && m_p[2] == '"')
            return std::unexpected(error("a key cannot be a multi-line string"));
        auto string = basicString();
        if (!string)
            return std::unexpected(string.error());
        return (*string)->m_text;
    }
    if (at('\'')) {
        if (m_p + 2 < m_end && m_p[1] == '\'' && m_p[2] == '\'')
            return std::unexpected(error("a key cannot be a multi-line string"));
        auto string = literalString();
        if (!string)
            return std::unexpected(string.error());
        return (*string)->m_text;
    }
    const char* start = m_p;
    while (m_p < m_end && isBareKeyChar(*m_p))
        ++m_p;
    if (m_p == start)
        return std::unexpected(error("expected a key"));
    return std::string_view(start, static_cast<std::size_t>(m_p - start));
}

Status TomlBuilder::parseKey(std::vector<KeyPart>& parts)
{
    parts.clear();
    while (true) {
        skipSpaces();
        const std::uint32_t line = m_line;
        const std::uint32_t keyColumn = column();
        auto part = parseKeyPart();
        if (!part)
            return std::unexpected(part.error());
        parts.push_back(KeyPart{*part, line, keyColumn});
        skipSpaces();
        if (!at('.'))
            return {};
        ++m_p;
    }
}

Status TomlBuilder::header()
{
    const std::uint32_t line = m_line;
    const std::uint32_t headerColumn = column();
    ++m_p;
    const bool tableArray = at('[');
    if (tableArray)
        ++m_p;
    if (auto status = parseKey(m_keyParts); !status)
        return status;
    if (!at(']'))
        return std::unexpected(error("expected ']'"));
    ++m_p;
    if (tableArray) {
        if (!at(']'))
            return std::unexpected(error("expected ']]'"));
        ++m_p;
    }
    if (m_stream != nullptr && m_keyParts.front().text != m_stream->key)
        m_foreign = true;
    TomlNode* table = &m_storage.root;
    for (std::size_t i = 0; i + 1 < m_keyParts.size(); ++i) {
        TomlNode* child = find(table, m_keyParts[i].text);
        if (child == nullptr) {
            child = addTable(table, m_keyParts[i], 0);
        } else if (child->m_kind == TomlKind::Array && (child->m_flags & TomlNode::TableArray) != 0) {
            child = child->m_last;
        } else if (child->m_kind != TomlKind::Table || (child->m_flags & TomlNode::Inline) != 0) {
            return std::unexpected(makeFileError(ErrorCode::Parse,
                                                 "'" + std::string(m_keyParts[i].text) + "' is not a table",
                                                 m_sourceName, line, headerColumn));
        }
        table = child;
    }
    const KeyPart& last = m_keyParts.back();
    TomlNode* existing = find(table, last.text);
    if (tableArray) {
        if (existing == nullptr) {
            existing = newNode(m_storage, TomlKind::Array, line, headerColumn);
            existing->m_key = last.text;
            existing->m_flags = TomlNode::TableArray;
            append(m_storage, table, existing);
        } else if (existing->m_kind != TomlKind::Array || (existing->m_flags & TomlNode::TableArray) == 0) {
            return std::unexpected(makeFileError(ErrorCode::Parse,
                                                 "'" + std::string(last.text) + "' is not an array of tables",
                                                 m_sourceName, line, headerColumn));
        }
        const bool streamed = m_stream != nullptr && table == &m_storage.root && last.text == m_stream->key;
        if (streamed) {
            m_streamArray = existing;
            if (auto status = closeElement(); !status)
                return status;
            m_elementMark = m_storage.mark();
            m_foreign = false;
            m_storage.recordMembers = true;
        }
        TomlNode* element = newNode(m_storage, TomlKind::Table, line, headerColumn);
        element->m_flags = TomlNode::HeaderDefined;
        append(m_storage, existing, element);
        m_current = element;
    } else {
        if (existing == nullptr) {
            existing = addTable(table, KeyPart{last.text, line, headerColumn}, TomlNode::HeaderDefined);
        } else if (existing->m_kind != TomlKind::Table ||
                   (existing->m_flags &
                    (TomlNode::Inline | TomlNode::HeaderDefined | TomlNode::DottedDefined)) != 0) {
            return std::unexpected(makeFileError(ErrorCode::Parse,
                                                 "table '" + std::string(last.text) + "' is defined twice",
                                                 m_sourceName, line, headerColumn));
        } else {
            existing->m_flags |= TomlNode::HeaderDefined;
            existing->m_line = line;
            existing->m_column = headerColumn;
        }
        m_current = existing;
    }
    return endOfLine();
}

Status TomlBuilder::keyValue(TomlNode* table)
{
    if (auto status = parseKey(m_keyParts); !status)
        return status;
    for (std::size_t i = 0; i + 1 < m_keyParts.size(); ++i) {
        const KeyPart& part = m_keyParts[i];
        TomlNode* child = find(table, part.text);
        if (child == nullptr) {
            child = addTable(table, part, TomlNode::DottedDefined);
        } else if (child->m_kind != TomlKind::Table || (child->m_flags & TomlNode::DottedDefined) == 0 ||
                   (child->m_flags & TomlNode::Inline) != 0) {
            return std::unexpected(makeFileError(ErrorCode::Parse,
                                                 "'" + std::string(part.text) + "' is already defined",
                                                 m_sourceName, part.line, part.column));
        }
        table = child;
    }
    // Copied: the value may hold inline tables whose keys reuse m_keyParts.
    const KeyPart last = m_keyParts.back();
    if (find(table, last.text) != nullptr)
        return std::unexpected(makeFileError(ErrorCode::Parse,
                                             "'" + std::string(last.text) + "' is defined twice",
                                             m_sourceName, last.line, last.column));
    skipSpaces();
    if (!at('='))
        return std::unexpected(error("expected '='"));
    ++m_p;
    skipSpaces();
    auto parsed = value();
    if (!parsed)
        return std::unexpected(parsed.error());
    (*parsed)->m_key = last.text;
    append(m_storage, table, *parsed);
    return {};
}

Result<TomlNode*> TomlBuilder::value()
{
    if (m_p == m_end)
        return std::unexpected(error("expected a value"));
    switch (*m_p) {
    case '"':
        if (m_p + 2 < m_end && m_p[1] == '"' && m_p[2] == '"')
            return multilineString('"');
        return basicString();
    case '\'':
        if (m_p + 2 < m_end && m_p[1] == '\'' && m_p[2] == '\'')
            return multilineString('\'');
        return literalString();
    case '[': return array();
    case '{': return inlineTable();
    default: return scalar();
    }
}

Result<TomlNode*> TomlBuilder::array()
{
    TomlNode* result = node(TomlKind::Array);
    result->m_flags = TomlNode::Inline;
    ++m_p;
    while (true) {
        if (auto status = skipBlank(); !status)
            return std::unexpected(status.error());
        if (at(']')) {
            ++m_p;
            return result;
        }
        auto item = value();
        if (!item)
            return item;
        append(m_storage, result, *item);
        if (auto status = skipBlank(); !status)
            return std::unexpected(status.error());
        if (at(',')) {
            ++m_p;
            continue;
        }
        if (at(']')) {
            ++m_p;
            return result;
        }
        return std::unexpected(error("expected ',' or ']' in an array"));
    }
}

Result<TomlNode*> TomlBuilder::inlineTable()
{
    TomlNode* result = node(TomlKind::Table);
    ++m_p;
    skipSpaces();
    if (at('}')) {
        ++m_p;
        result->m_flags = TomlNode::Inline;
        return result;
    }
    while (true) {
        if (auto status = keyValue(result); !status)
            return std::unexpected(status.error());
        skipSpaces();
        if (at(',')) {
            ++m_p;
            continue;
        }
        if (at('}')) {
            ++m_p;
            break;
        }
        return std::unexpected(error("expected ',' or '}' in an inline table"));
    }
    // Closed: neither headers nor dotted keys may add to it or to the tables inside it.
    struct Closer
    {
        static void close(TomlNode* table)
        {
            table->m_flags = TomlNode::Inline;
            for (TomlNode* member = table->m_first; member != nullptr; member = member->m_next) {
                if (member->m_kind == TomlKind::Table && (member->m_flags & TomlNode::DottedDefined) != 0)
                    close(member);
            }
        }
    };
    Closer::close(result);
    return result;
}

} // namespace pindex::lock::detail
