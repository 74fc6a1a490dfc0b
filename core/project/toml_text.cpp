#include "core/project/toml_text.h"

#include <cstdint>

namespace pindex::project {

std::size_t utf8SequenceLength(std::string_view text)
{
    if (text.empty())
        return 0;
    const auto lead = static_cast<unsigned char>(text[0]);
    if (lead < 0x80)
        return 1;
    std::size_t length = 0;
    std::uint32_t codepoint = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        codepoint = lead & 0x1FU;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        codepoint = lead & 0x0FU;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        codepoint = lead & 0x07U;
    } else {
        return 0;
    }
    if (text.size() < length)
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0) != 0x80)
            return 0;
        codepoint = (codepoint << 6) | (byte & 0x3FU);
    }
    static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (codepoint < kMinimum[length] || codepoint > 0x10FFFF || (codepoint >= 0xD800 && codepoint <= 0xDFFF))
        return 0;
    return length;
}

std::size_t firstInvalidUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = utf8SequenceLength(text.substr(i));
        if (length == 0)
            return i;
        i += length;
    }
    return std::string_view::npos;
}

namespace {

std::string hexByte(unsigned char byte)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    return {kHex[byte >> 4], kHex[byte & 0x0F]};
}

// Walks the text as TOML's lexical structure: strings, comments and the rest.
class TomlTextChecker
{
public:
    TomlTextChecker(std::string_view text, const std::string& fileName)
        : m_text(text)
        , m_fileName(fileName)
    {}

    Status run()
    {
        if (m_text.starts_with("\xEF\xBB\xBF")) // a byte order mark, which toml++ skips
            m_pos = 3;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '#') {
                if (auto status = comment(); !status)
                    return status;
            } else if (c == '"' || c == '\'') {
                const bool multiLine = m_text.substr(m_pos, 3) == std::string(3, c);
                auto status = multiLine ? multiLineString(c) : singleLineString(c);
                if (!status)
                    return status;
            } else if (static_cast<unsigned char>(c) >= 0x80) {
                if (auto status = requireUtf8(); !status)
                    return status;
                return fail("the character " + current() +
                            " outside a string or comment (TOML allows only ASCII there; a key "
                            "with other characters must be quoted)");
            } else {
                advance();
            }
        }
        return {};
    }

private:
    // Moves past one character (a whole UTF-8 sequence), keeping line and column.
    void advance()
    {
        if (m_text[m_pos] == '\n') {
            ++m_line;
            m_column = 1;
            ++m_pos;
            return;
        }
        const std::size_t length = utf8SequenceLength(m_text.substr(m_pos));
        m_pos += length == 0 ? 1 : length;
        ++m_column;
    }

    [[nodiscard]] Error error(std::string message) const
    {
        return makeFileError(ErrorCode::Parse, std::move(message), m_fileName, m_line, m_column);
    }
    [[nodiscard]] Status fail(std::string message) const
    {
        return std::unexpected(error(std::move(message)));
    }

    // The character at the current position, quoted, with its code point.
    [[nodiscard]] std::string current() const
    {
        const std::size_t length = utf8SequenceLength(m_text.substr(m_pos));
        const std::string_view sequence = m_text.substr(m_pos, length);
        std::uint32_t codepoint = static_cast<unsigned char>(sequence[0]) & (0xFFU >> (length + 1));
        for (std::size_t i = 1; i < length; ++i)
            codepoint = (codepoint << 6) | (static_cast<unsigned char>(sequence[i]) & 0x3FU);
        std::string hex;
        for (int shift = codepoint > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4)
            hex += "0123456789ABCDEF"[(codepoint >> shift) & 0xF];
        return "'" + std::string(sequence) + "' (U+" + hex + ")";
    }

    // At a byte >= 0x80: fails unless a valid UTF-8 sequence starts here.
    [[nodiscard]] Status requireUtf8() const
    {
        if (utf8SequenceLength(m_text.substr(m_pos)) != 0)
            return {};
        return fail("invalid UTF-8: the byte 0x" + hexByte(static_cast<unsigned char>(m_text[m_pos])) +
                    " does not start or continue a UTF-8 character (TOML files are UTF-8)");
    }

    // Checks the character at the current position (inside a string or comment) and moves past it.
    [[nodiscard]] Status step()
    {
        if (static_cast<unsigned char>(m_text[m_pos]) >= 0x80) {
            if (auto status = requireUtf8(); !status)
                return status;
        }
        advance();
        return {};
    }

    [[nodiscard]] bool atLineEnd() const
    {
        return m_text[m_pos] == '\n' ||
               (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n');
    }

    Status comment()
    {
        while (m_pos < m_text.size() && m_text[m_pos] != '\n') {
            if (auto status = step(); !status)
                return status;
        }
        return {};
    }

    // '...' or "...": ends at its quote or, when unterminated, at the end of the line (where toml++
    // stops with an error), so the next line is checked as structure again.
    Status singleLineString(char quote)
    {
        advance();
        while (m_pos < m_text.size() && !atLineEnd()) {
            const char c = m_text[m_pos];
            if (c == quote) {
                advance();
                return {};
            }
            if (c == '\\' && quote == '"') {
                advance();
                if (m_pos >= m_text.size() || atLineEnd())
                    return {};
                if (auto status = escapedCharacter(); !status)
                    return status;
                continue;
            }
            if (auto status = step(); !status)
                return status;
        }
        return {};
    }

    // After a backslash in a basic string: the escaped character must be ASCII.
    Status escapedCharacter()
    {
        if (static_cast<unsigned char>(m_text[m_pos]) >= 0x80) {
            if (auto status = requireUtf8(); !status)
                return status;
            return fail("the escape sequence '\\" +
                        std::string(m_text.substr(m_pos, utf8SequenceLength(m_text.substr(m_pos)))) +
                        "' is not a TOML escape");
        }
        advance();
        return {};
    }

    // """...""" or '''...''': ends at the first run of three quotes, which takes up to two more
    // quotes as content (as TOML and toml++ read it).
    Status multiLineString(char quote)
    {
        for (int i = 0; i < 3; ++i)
            advance();
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == quote && m_text.substr(m_pos, 3) == std::string(3, quote)) {
                for (int run = 0; run < 5 && m_pos < m_text.size() && m_text[m_pos] == quote; ++run)
                    advance();
                return {};
            }
            if (c == '\\' && quote == '"') {
                advance();
                if (m_pos >= m_text.size())
                    return {};
                const char next = m_text[m_pos];
                if (next == ' ' || next == '\t' || next == '\r' || next == '\n') {
                    if (auto status = lineEndingBackslash(); !status)
                        return status;
                    continue;
                }
                if (auto status = escapedCharacter(); !status)
                    return status;
                continue;
            }
            if (auto status = step(); !status)
                return status;
        }
        return {};
    }

    // A line-ending backslash: the whitespace and line breaks after it are skipped, and toml++
    // tests the first other character for whitespace, which must therefore be ASCII.
    Status lineEndingBackslash()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                break;
            advance();
        }
        if (m_pos < m_text.size() && static_cast<unsigned char>(m_text[m_pos]) >= 0x80) {
            if (auto status = requireUtf8(); !status)
                return status;
            return fail("the character " + current() +
                        " right after a line-ending backslash cannot be read (a limitation of the TOML "
                        "library); put it on the backslash's line or write it as a \\u escape");
        }
        return {};
    }

    std::string_view m_text;
    const std::string& m_fileName;
    std::size_t m_pos = 0;
    std::uint32_t m_line = 1;
    std::uint32_t m_column = 1;
};

} // namespace

Status checkTomlText(std::string_view text, const std::string& fileName)
{
    return TomlTextChecker(text, fileName).run();
}

Result<toml::table> parseTomlText(std::string_view text, const std::string& fileName)
{
    if (auto checked = checkTomlText(text, fileName); !checked)
        return std::unexpected(checked.error());
    toml::parse_result parsed = toml::parse(text, fileName);
    if (!parsed) {
        const auto& error = parsed.error();
        return std::unexpected(makeFileError(ErrorCode::Parse, std::string(error.description()), fileName,
                                             error.source().begin.line, error.source().begin.column));
    }
    return std::move(parsed).table();
}

} // namespace pindex::project
