// TOML values: the four kinds of strings with their escapes, and scalars (integers, floats,
// booleans, dates and times).

#include <charconv>
#include <cmath>
#include <cstring>

#include "core/lock/lock_toml_builder.h"
#include "core/util/utf8.h"

namespace pindex::lock::detail {

namespace {

// Digits with single underscores between them: "1_000". Returns false on a misplaced underscore
// or a character outside `digit`.
template <typename IsDigit>
bool validDigits(std::string_view text, IsDigit digit)
{
    if (text.empty() || text.front() == '_' || text.back() == '_')
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_') {
            if (text[i + 1] == '_')
                return false;
        } else if (!digit(text[i])) {
            return false;
        }
    }
    return true;
}

bool twoDigits(std::string_view text, std::size_t at, int& value)
{
    if (at + 2 > text.size() || !isDigit(text[at]) || !isDigit(text[at + 1]))
        return false;
    value = (text[at] - '0') * 10 + (text[at + 1] - '0');
    return true;
}

// HH:MM:SS[.fraction] at the start of `text`; returns the length consumed, 0 when invalid.
std::size_t timeLength(std::string_view text)
{
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!twoDigits(text, 0, hour) || text.size() < 8 || text[2] != ':' || !twoDigits(text, 3, minute) ||
        text[5] != ':' || !twoDigits(text, 6, second))
        return 0;
    if (hour > 23 || minute > 59 || second > 59)
        return 0;
    std::size_t length = 8;
    if (length < text.size() && text[length] == '.') {
        ++length;
        const std::size_t digits = length;
        while (length < text.size() && isDigit(text[length]))
            ++length;
        if (length == digits)
            return 0;
    }
    return length;
}

bool validDate(std::string_view text)
{
    int century = 0;
    int yearLow = 0;
    int month = 0;
    int day = 0;
    if (text.size() != 10 || !twoDigits(text, 0, century) || !twoDigits(text, 2, yearLow) || text[4] != '-' ||
        !twoDigits(text, 5, month) || text[7] != '-' || !twoDigits(text, 8, day))
        return false;
    const int year = century * 100 + yearLow;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
        return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= days;
}

// Offset date-time, local date-time, local date or local time.
bool validDateTime(std::string_view text)
{
    if (text.size() >= 3 && text[2] == ':')
        return timeLength(text) == text.size();
    if (text.size() < 10 || !validDate(text.substr(0, 10)))
        return false;
    if (text.size() == 10)
        return true;
    const char separator = text[10];
    if (separator != 'T' && separator != 't' && separator != ' ')
        return false;
    std::string_view rest = text.substr(11);
    const std::size_t time = timeLength(rest);
    if (time == 0)
        return false;
    rest.remove_prefix(time);
    if (rest.empty() || rest == "Z" || rest == "z")
        return true;
    int hours = 0;
    int minutes = 0;
    return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && twoDigits(rest, 1, hours) &&
           rest[3] == ':' && twoDigits(rest, 4, minutes) && hours <= 23 && minutes <= 59;
}

} // namespace

Status TomlBuilder::escape(std::string& out)
{
    // m_p is on the backslash.
    if (m_p + 1 >= m_end)
        return std::unexpected(error("unterminated escape"));
    const char code = m_p[1];
    m_p += 2;
    switch (code) {
    case 'b': out += '\b'; return {};
    case 't': out += '\t'; return {};
    case 'n': out += '\n'; return {};
    case 'f': out += '\f'; return {};
    case 'r': out += '\r'; return {};
    case '"': out += '"'; return {};
    case '\\': out += '\\'; return {};
    case 'u':
    case 'U': {
        const std::size_t digits = code == 'u' ? 4 : 8;
        if (static_cast<std::size_t>(m_end - m_p) < digits)
            return std::unexpected(error("incomplete unicode escape"));
        std::uint32_t codepoint = 0;
        const auto [end, ec] = std::from_chars(m_p, m_p + digits, codepoint, 16);
        if (ec != std::errc() || end != m_p + digits)
            return std::unexpected(error("invalid unicode escape"));
        if (codepoint > 0x10ffff || (codepoint >= 0xd800 && codepoint <= 0xdfff))
            return std::unexpected(error("unicode escape outside the scalar values"));
        m_p += digits;
        util::appendUtf8(out, codepoint);
        return {};
    }
    default: return std::unexpected(error("unknown escape sequence"));
    }
}

Result<TomlNode*> TomlBuilder::basicString()
{
    TomlNode* result = node(TomlKind::String);
    ++m_p;
    const char* start = m_p;
    // Fast path: no escapes, the value is a view of the source.
    while (m_p < m_end) {
        const auto c = static_cast<unsigned char>(*m_p);
        if (c == '"') {
            result->m_text = std::string_view(start, static_cast<std::size_t>(m_p - start));
            ++m_p;
            return result;
        }
        if (c == '\\')
            break;
        if (c >= 0x20 && c < 0x7f) { // printable ASCII, most of a lockfile: no check to make
            ++m_p;
            continue;
        }
        const auto length = textCharLength("a string");
        if (!length)
            return std::unexpected(length.error());
        m_p += *length;
    }
    std::string decoded(start, static_cast<std::size_t>(m_p - start));
    while (m_p < m_end) {
        const auto c = static_cast<unsigned char>(*m_p);
        if (c == '"') {
            result->m_text = m_storage.keep(std::move(decoded));
            ++m_p;
            return result;
        }
        if (c == '\\') {
            if (auto status = escape(decoded); !status)
                return std::unexpected(status.error());
            continue;
        }
        const auto length = textCharLength("a string");
        if (!length)
            return std::unexpected(length.error());
        decoded.append(m_p, *length);
        m_p += *length;
    }
    return std::unexpected(error("unterminated string"));
}

Result<TomlNode*> TomlBuilder::literalString()
{
    TomlNode* result = node(TomlKind::String);
    ++m_p;
    const char* start = m_p;
    while (m_p < m_end) {
        const auto c = static_cast<unsigned char>(*m_p);
        if (c == '\'') {
            result->m_text = std::string_view(start, static_cast<std::size_t>(m_p - start));
            ++m_p;
            return result;
        }
        const auto length = textCharLength("a string");
        if (!length)
            return std::unexpected(length.error());
        m_p += *length;
    }
    return std::unexpected(error("unterminated string"));
}

// """basic""" (escapes, line-ending backslashes) or '''literal''' (the text as written), m_p at
// the opening quotes.
Result<TomlNode*> TomlBuilder::multilineString(char quote)
{
    TomlNode* result = node(TomlKind::String);
    m_p += 3;
    if (at('\n') || at('\r')) {
        if (auto status = newline(); !status)
            return std::unexpected(status.error());
    }
    std::string decoded;
    while (m_p < m_end) {
        const auto c = static_cast<unsigned char>(*m_p);
        if (c == static_cast<unsigned char>(quote) && m_p + 2 < m_end && m_p[1] == quote && m_p[2] == quote) {
            std::size_t quotes = 3;
            while (m_p + quotes < m_end && m_p[quotes] == quote)
                ++quotes;
            if (quotes > 5)
                return std::unexpected(error("too many quotes ending a string"));
            decoded.append(quotes - 3, quote);
            m_p += quotes;
            result->m_text = m_storage.keep(std::move(decoded));
            return result;
        }
        if (c == '\\' && quote == '"') {
            // A backslash ending a line removes the newline and the whitespace that follows.
            const char* look = m_p + 1;
            while (look < m_end && (*look == ' ' || *look == '\t'))
                ++look;
            if (look < m_end && (*look == '\n' || (*look == '\r' && look + 1 < m_end && look[1] == '\n'))) {
                m_p = look;
                while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r')) {
                    if (*m_p == '\n' || *m_p == '\r') {
                        if (auto status = newline(); !status)
                            return std::unexpected(status.error());
                    } else {
                        ++m_p;
                    }
                }
                continue;
            }
            if (auto status = escape(decoded); !status)
                return std::unexpected(status.error());
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (auto status = newline(); !status)
                return std::unexpected(status.error());
            decoded += '\n';
            continue;
        }
        const auto length = textCharLength("a string");
        if (!length)
            return std::unexpected(length.error());
        decoded.append(m_p, *length);
        m_p += *length;
    }
    return std::unexpected(error("unterminated multi-line string"));
}

Result<TomlNode*> TomlBuilder::scalar()
{
    const std::uint32_t valueColumn = column();
    const char* start = m_p;
    while (m_p < m_end && (isBareKeyChar(*m_p) || *m_p == '+' || *m_p == '.' || *m_p == ':'))
        ++m_p;
    // A date and a time separated by a space.
    if (m_p - start == 10 && start[4] == '-' && m_end - m_p > 3 && *m_p == ' ' && isDigit(m_p[1]) &&
        isDigit(m_p[2]) && m_p[3] == ':') {
        ++m_p;
        while (m_p < m_end && (isBareKeyChar(*m_p) || *m_p == '+' || *m_p == '.' || *m_p == ':'))
            ++m_p;
    }
    const std::string_view token(start, static_cast<std::size_t>(m_p - start));
    if (token.empty())
        return std::unexpected(error("expected a value"));
    TomlNode* result = newNode(m_storage, TomlKind::Integer, m_line, valueColumn);
    if (token == "true" || token == "false") {
        result->m_kind = TomlKind::Boolean;
        result->m_boolean = token == "true";
        return result;
    }
    const auto invalid = [&] {
        return std::unexpected(makeFileError(ErrorCode::Parse, "invalid value '" + std::string(token) + "'",
                                             m_sourceName, m_line, valueColumn));
    };
    if ((token.size() >= 5 && isDigit(token[0]) && isDigit(token[3]) && token[4] == '-') ||
        (token.size() >= 3 && isDigit(token[0]) && token[2] == ':')) {
        if (!validDateTime(token))
            return invalid();
        result->m_kind = TomlKind::DateTime;
        result->m_text = token;
        return result;
    }
    std::string_view body = token;
    const bool negative = body.front() == '-';
    const bool signed_ = body.front() == '+' || body.front() == '-';
    if (signed_)
        body.remove_prefix(1);
    if (body == "inf" || body == "nan") {
        result->m_kind = TomlKind::Float;
        result->m_text = token;
        const double magnitude = body == "inf" ? HUGE_VAL : std::nan("");
        setFloat(result, negative ? -magnitude : magnitude);
        return result;
    }
    // Hexadecimal, octal and binary integers: no sign.
    if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'o' || body[1] == 'b')) {
        if (signed_)
            return invalid();
        const int base = body[1] == 'x' ? 16 : (body[1] == 'o' ? 8 : 2);
        const std::string_view digits = body.substr(2);
        const bool valid = validDigits(digits, [base](char c) {
            if (base == 16)
                return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            return c >= '0' && c < static_cast<char>('0' + base);
        });
        if (!valid)
            return invalid();
        m_scratch.clear();
        for (const char c : digits) {
            if (c != '_')
                m_scratch += c;
        }
        std::uint64_t value = 0;
        const auto [end, ec] =
            std::from_chars(m_scratch.data(), m_scratch.data() + m_scratch.size(), value, base);
        if (ec != std::errc() || value > static_cast<std::uint64_t>(INT64_MAX))
            return invalid();
        result->m_integer = static_cast<std::int64_t>(value);
        return result;
    }
    // Decimal: integer part, optional fraction, optional exponent.
    std::size_t position = 0;
    while (position < body.size() && (isDigit(body[position]) || body[position] == '_'))
        ++position;
    const std::string_view integerPart = body.substr(0, position);
    if (!validDigits(integerPart, isDigit) || (integerPart.size() > 1 && integerPart[0] == '0'))
        return invalid();
    bool isFloat = false;
    if (position < body.size() && body[position] == '.') {
        const std::size_t fractionStart = ++position;
        while (position < body.size() && (isDigit(body[position]) || body[position] == '_'))
            ++position;
        if (!validDigits(body.substr(fractionStart, position - fractionStart), isDigit))
            return invalid();
        isFloat = true;
    }
    if (position < body.size() && (body[position] == 'e' || body[position] == 'E')) {
        ++position;
        if (position < body.size() && (body[position] == '+' || body[position] == '-'))
            ++position;
        const std::size_t exponentStart = position;
        while (position < body.size() && (isDigit(body[position]) || body[position] == '_'))
            ++position;
        if (!validDigits(body.substr(exponentStart, position - exponentStart), isDigit))
            return invalid();
        isFloat = true;
    }
    if (position != body.size())
        return invalid();
    m_scratch.clear();
    for (const char c : token) {
        if (c != '_' && c != '+')
            m_scratch += c;
    }
    if (isFloat) {
        double value = 0;
        const auto [end, ec] = std::from_chars(m_scratch.data(), m_scratch.data() + m_scratch.size(), value);
        if (ec != std::errc() || end != m_scratch.data() + m_scratch.size())
            return invalid();
        result->m_kind = TomlKind::Float;
        result->m_text = token;
        setFloat(result, value);
        return result;
    }
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(m_scratch.data(), m_scratch.data() + m_scratch.size(), value);
    if (ec != std::errc() || end != m_scratch.data() + m_scratch.size())
        return invalid();
    result->m_integer = value;
    return result;
}

} // namespace pindex::lock::detail
