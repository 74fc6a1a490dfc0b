#include "core/project/toml_scanner.h"

#include <cstdint>

#include "core/util/quoted_string.h"
#include "core/util/utf8.h"

namespace pindex::project {
namespace {

bool isBareKeyChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

class Scanner
{
public:
    explicit Scanner(std::string_view text)
        : m_text(text)
    {}

    Result<ScannedDocument> run()
    {
        ScannedDocument document;
        const auto firstNewline = m_text.find('\n');
        if (firstNewline != std::string_view::npos && firstNewline > 0 && m_text[firstNewline - 1] == '\r')
            document.lineEnding = "\r\n";
        document.finalNewline = m_text.empty() || m_text.back() == '\n';
        document.tables.push_back(ScannedTable{});
        while (m_pos < m_text.size() && m_ok) {
            const std::size_t lineStart = m_pos;
            skipSpaces();
            if (atEnd())
                break;
            const char c = m_text[m_pos];
            if (c == '#' || c == '\n' || c == '\r') {
                finishLine();
                continue;
            }
            if (c == '[') {
                document.tables.back().bodyEnd = lineStart;
                ScannedTable table;
                table.isArray = m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '[';
                m_pos += table.isArray ? 2 : 1;
                skipSpaces();
                table.path = parseKey();
                skipSpaces();
                m_pos += table.isArray ? 2 : 1;
                finishLine();
                table.header = {lineStart, m_pos};
                document.tables.push_back(std::move(table));
                continue;
            }
            ScannedEntry entry = parseEntry();
            skipSpaces();
            finishLine();
            entry.line = {lineStart, m_pos};
            document.tables.back().entries.push_back(std::move(entry));
        }
        document.tables.back().bodyEnd = m_text.size();
        if (!m_ok)
            return std::unexpected(makeError(ErrorCode::Internal, "The TOML scanner lost its place at byte " +
                                                                      std::to_string(m_pos) + "."));
        return document;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(std::size_t offset = 0) const
    {
        return m_pos + offset < m_text.size() ? m_text[m_pos + offset] : '\0';
    }

    void skipSpaces()
    {
        while (!atEnd() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t'))
            ++m_pos;
    }

    // Skips spaces, newlines and comments (inside arrays and inline tables).
    void skipBlank()
    {
        while (!atEnd()) {
            const char c = m_text[m_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++m_pos;
            } else if (c == '#') {
                while (!atEnd() && m_text[m_pos] != '\n')
                    ++m_pos;
            } else {
                break;
            }
        }
    }

    // Consumes an optional comment and the line terminator.
    void finishLine()
    {
        skipSpaces();
        if (peek() == '#') {
            while (!atEnd() && m_text[m_pos] != '\n' && m_text[m_pos] != '\r')
                ++m_pos;
        }
        if (peek() == '\r')
            ++m_pos;
        if (peek() == '\n')
            ++m_pos;
        else if (!atEnd())
            m_ok = false, m_pos = m_text.size();
    }

    std::vector<std::string> parseKey()
    {
        std::vector<std::string> parts;
        while (m_ok) {
            skipSpaces();
            const char c = peek();
            if (c == '"' || c == '\'') {
                parts.push_back(parseString().text);
            } else {
                const std::size_t begin = m_pos;
                while (!atEnd() && isBareKeyChar(m_text[m_pos]))
                    ++m_pos;
                if (begin == m_pos) {
                    m_ok = false;
                    break;
                }
                parts.emplace_back(m_text.substr(begin, m_pos - begin));
            }
            skipSpaces();
            if (peek() != '.')
                break;
            ++m_pos;
        }
        return parts;
    }

    ScannedEntry parseEntry()
    {
        ScannedEntry entry;
        const std::size_t keyBegin = m_pos;
        entry.key = parseKey();
        std::size_t keyEnd = m_pos;
        while (keyEnd > keyBegin && (m_text[keyEnd - 1] == ' ' || m_text[keyEnd - 1] == '\t'))
            --keyEnd;
        entry.keySpan = {keyBegin, keyEnd};
        skipSpaces();
        if (peek() != '=') {
            m_ok = false;
            return entry;
        }
        ++m_pos;
        skipSpaces();
        entry.value = parseValue();
        entry.line = {keyBegin, entry.value.span.end};
        return entry;
    }

    ScannedValue parseValue()
    {
        const char c = peek();
        if (c == '"' || c == '\'')
            return parseString();
        if (c == '[')
            return parseArray();
        if (c == '{')
            return parseInlineTable();
        ScannedValue value;
        value.span.begin = m_pos;
        while (!atEnd()) {
            const char d = m_text[m_pos];
            if (d == ',' || d == ']' || d == '}' || d == '#' || d == '\n' || d == '\r')
                break;
            ++m_pos;
        }
        std::size_t end = m_pos;
        while (end > value.span.begin && (m_text[end - 1] == ' ' || m_text[end - 1] == '\t'))
            --end;
        value.span.end = end;
        value.text = std::string(m_text.substr(value.span.begin, end - value.span.begin));
        if (end == value.span.begin)
            m_ok = false;
        return value;
    }

    ScannedValue parseString()
    {
        ScannedValue value;
        value.kind = ScannedValue::Kind::String;
        value.span.begin = m_pos;
        const char quote = m_text[m_pos];
        value.literalQuotes = quote == '\'';
        const bool multiline = peek(1) == quote && peek(2) == quote;
        m_pos += multiline ? 3 : 1;
        if (multiline) {
            // A newline right after the opening delimiter is trimmed.
            if (peek() == '\r' && peek(1) == '\n')
                m_pos += 2;
            else if (peek() == '\n')
                ++m_pos;
        }
        std::string& out = value.text;
        while (m_ok) {
            if (atEnd()) {
                m_ok = false;
                break;
            }
            const char c = m_text[m_pos];
            if (c == quote) {
                if (!multiline) {
                    ++m_pos;
                    break;
                }
                if (peek(1) == quote && peek(2) == quote) {
                    // Up to two quotes may sit right before the closing delimiter.
                    std::size_t run = 3;
                    while (run < 5 && peek(run) == quote)
                        ++run;
                    out.append(run - 3, quote);
                    m_pos += run;
                    break;
                }
                out.push_back(c);
                ++m_pos;
                continue;
            }
            if (c == '\\' && quote == '"') {
                decodeEscape(out, multiline);
                continue;
            }
            out.push_back(c);
            ++m_pos;
        }
        value.span.end = m_pos;
        return value;
    }

    void decodeEscape(std::string& out, bool multiline)
    {
        const char e = peek(1);
        m_pos += 2;
        switch (e) {
        case 'b': out.push_back('\b'); return;
        case 't': out.push_back('\t'); return;
        case 'n': out.push_back('\n'); return;
        case 'f': out.push_back('\f'); return;
        case 'r': out.push_back('\r'); return;
        case 'e': out.push_back('\x1b'); return;
        case '"': out.push_back('"'); return;
        case '\\': out.push_back('\\'); return;
        case 'u':
        case 'U': {
            const std::size_t digits = e == 'u' ? 4 : 8;
            std::uint32_t codepoint = 0;
            for (std::size_t i = 0; i < digits && !atEnd(); ++i, ++m_pos) {
                const char h = m_text[m_pos];
                const std::uint32_t nibble = h >= '0' && h <= '9' ? static_cast<std::uint32_t>(h - '0')
                                             : h >= 'a' && h <= 'f'
                                                 ? static_cast<std::uint32_t>(h - 'a' + 10)
                                                 : static_cast<std::uint32_t>(h - 'A' + 10);
                codepoint = codepoint * 16 + nibble;
            }
            util::appendUtf8(out, codepoint);
            return;
        }
        default:
            if (multiline) {
                // A line-ending backslash trims the newline and the whitespace after it.
                m_pos -= 1;
                while (!atEnd() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' ||
                                    m_text[m_pos] == '\r'))
                    ++m_pos;
                return;
            }
            m_ok = false;
        }
    }

    ScannedValue parseArray()
    {
        ScannedValue value;
        value.kind = ScannedValue::Kind::Array;
        value.span.begin = m_pos;
        ++m_pos;
        while (m_ok) {
            skipBlank();
            if (peek() == ']') {
                ++m_pos;
                break;
            }
            value.items.push_back(parseValue());
            value.trailingComma = false;
            skipBlank();
            if (peek() == ',') {
                ++m_pos;
                value.trailingComma = true;
            } else if (peek() != ']') {
                m_ok = false;
            }
        }
        value.span.end = m_pos;
        value.multiline =
            m_text.substr(value.span.begin, m_pos - value.span.begin).find('\n') != std::string_view::npos;
        return value;
    }

    ScannedValue parseInlineTable()
    {
        ScannedValue value;
        value.kind = ScannedValue::Kind::InlineTable;
        value.span.begin = m_pos;
        ++m_pos;
        while (m_ok) {
            skipBlank();
            if (peek() == '}') {
                ++m_pos;
                break;
            }
            value.entries.push_back(parseEntry());
            skipBlank();
            if (peek() == ',')
                ++m_pos;
            else if (peek() != '}')
                m_ok = false;
        }
        value.span.end = m_pos;
        value.multiline =
            m_text.substr(value.span.begin, m_pos - value.span.begin).find('\n') != std::string_view::npos;
        return value;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

} // namespace

Result<ScannedDocument> scanToml(std::string_view text)
{
    return Scanner(text).run();
}

std::string quoteTomlString(std::string_view value)
{
    return quoteString(value);
}

std::string formatTomlKey(std::string_view key)
{
    bool bare = !key.empty();
    for (const char c : key)
        bare = bare && isBareKeyChar(c);
    return bare ? std::string(key) : quoteTomlString(key);
}

std::string formatTomlPath(const std::vector<std::string>& path)
{
    std::string out;
    for (const auto& part : path) {
        if (!out.empty())
            out.push_back('.');
        out += formatTomlKey(part);
    }
    return out;
}

} // namespace pindex::project
