#include "core/lock/lock_toml.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <sstream>
#include <tuple>

#include <toml++/toml.h>

namespace pindex::lock::detail {

// ---------------------------------------------------------------------------------------------
// Storage

namespace {

struct MemberKey
{
    const TomlNode* table;
    std::string_view key;
    bool operator==(const MemberKey&) const = default;
};

struct MemberKeyHash
{
    std::size_t operator()(const MemberKey& member) const noexcept
    {
        return std::hash<std::string_view>()(member.key) ^
               (std::hash<const void*>()(member.table) * 0x9e3779b97f4a7c15ULL);
    }
};

constexpr std::size_t kChunkSize = 4096;
constexpr std::uint32_t kIndexThreshold = 8; // tables with more members get a hash index

} // namespace

struct TomlDocument::Storage
{
    std::string ownedSource; // a copy of the text when the caller does not keep it
    std::string_view source; // the text string views point into
    std::vector<std::unique_ptr<TomlNode[]>> chunks;
    std::size_t chunk = 0; // the chunk nodes come from (chunks past it are free for reuse)
    std::size_t used = kChunkSize;
    std::deque<std::string> strings; // decoded strings (escapes, CRLF), stable addresses
    TomlNode root;
    std::unordered_map<MemberKey, TomlNode*, MemberKeyHash> members; // big tables only
    // While a streamed element is open: the index entries made since it opened, dropped with it.
    bool recordMembers = false;
    std::vector<MemberKey> recordedMembers;

    TomlNode* allocate()
    {
        if (used == kChunkSize) {
            if (!chunks.empty())
                ++chunk;
            if (chunk == chunks.size())
                chunks.push_back(std::make_unique<TomlNode[]>(kChunkSize));
            used = 0;
        }
        TomlNode* node = &chunks[chunk][used++];
        *node = TomlNode(); // a reused node starts afresh
        return node;
    }
    // Where the next node comes from; rewind() gives back every node allocated since.
    [[nodiscard]] std::pair<std::size_t, std::size_t> mark() const { return {chunk, used}; }
    void rewind(std::pair<std::size_t, std::size_t> to) { std::tie(chunk, used) = to; }
    std::string_view keep(std::string text) { return strings.emplace_back(std::move(text)); }
};

TomlDocument::TomlDocument()
    : m_storage(std::make_unique<Storage>())
{}
TomlDocument::~TomlDocument() = default;
TomlDocument::TomlDocument(TomlDocument&&) noexcept = default;
TomlDocument& TomlDocument::operator=(TomlDocument&&) noexcept = default;

const TomlNode& TomlDocument::root() const
{
    return m_storage->root;
}

// ---------------------------------------------------------------------------------------------
// Node access

std::optional<std::string_view> TomlNode::asString() const
{
    if (m_kind != TomlKind::String)
        return std::nullopt;
    return m_text;
}

std::optional<std::int64_t> TomlNode::asInteger() const
{
    if (m_kind != TomlKind::Integer)
        return std::nullopt;
    return m_integer;
}

std::optional<bool> TomlNode::asBoolean() const
{
    if (m_kind != TomlKind::Boolean)
        return std::nullopt;
    return m_boolean;
}

std::optional<double> TomlNode::asFloat() const
{
    if (m_kind != TomlKind::Float)
        return std::nullopt;
    return std::bit_cast<double>(m_integer);
}

const TomlNode* TomlNode::get(std::string_view key) const
{
    if (m_kind != TomlKind::Table)
        return nullptr;
    for (const TomlNode* member = m_first; member != nullptr; member = member->m_next) {
        if (member->m_key == key)
            return member;
    }
    return nullptr;
}

const TomlNode* TomlNode::path(std::initializer_list<std::string_view> keys) const
{
    const TomlNode* node = this;
    for (const auto key : keys) {
        node = node->get(key);
        if (node == nullptr)
            return nullptr;
    }
    return node;
}

// ---------------------------------------------------------------------------------------------
// The fast parser

class TomlBuilder
{
public:
    TomlBuilder(TomlDocument& document, const std::string& sourceName)
        : m_storage(*document.m_storage)
        , m_sourceName(sourceName)
    {
        m_begin = m_storage.source.data();
        m_p = m_begin;
        m_end = m_begin + m_storage.source.size();
        m_lineStart = m_begin;
    }

    Status parse();
    // Parses `content` into a new document, which copies the text when `copy` is set and views
    // it otherwise; with a `stream`, its elements go to stream->onElement one at a time.
    static Result<TomlDocument> run(std::string_view content, const std::string& sourceName, bool copy,
                                    const TomlStream* stream = nullptr);

    // Used by the toml++ conversion too.
    static TomlNode* newNode(TomlDocument::Storage& storage, TomlKind kind, std::uint32_t line,
                             std::uint32_t column)
    {
        TomlNode* node = storage.allocate();
        node->m_kind = kind;
        node->m_line = line;
        node->m_column = column;
        return node;
    }
    static void append(TomlDocument::Storage& storage, TomlNode* parent, TomlNode* child)
    {
        if (parent->m_last == nullptr)
            parent->m_first = child;
        else
            parent->m_last->m_next = child;
        parent->m_last = child;
        ++parent->m_count;
        if (parent->m_kind != TomlKind::Table || parent->m_count <= kIndexThreshold)
            return;
        const auto index = [&](TomlNode* member) {
            storage.members.emplace(MemberKey{parent, member->m_key}, member);
            if (storage.recordMembers)
                storage.recordedMembers.push_back(MemberKey{parent, member->m_key});
        };
        if (parent->m_count == kIndexThreshold + 1) {
            for (TomlNode* member = parent->m_first; member != nullptr; member = member->m_next)
                index(member);
        } else {
            index(child);
        }
    }
    static void setKey(TomlNode* node, std::string_view key) { node->m_key = key; }
    static void setText(TomlNode* node, std::string_view text) { node->m_text = text; }
    static void setInteger(TomlNode* node, std::int64_t value) { node->m_integer = value; }
    static void setFloat(TomlNode* node, double value)
    {
        node->m_integer = std::bit_cast<std::int64_t>(value);
    }
    static void setBoolean(TomlNode* node, bool value) { node->m_boolean = value; }

private:
    struct KeyPart
    {
        std::string_view text;
        std::uint32_t line;
        std::uint32_t column;
    };

    [[nodiscard]] std::uint32_t column() const { return static_cast<std::uint32_t>(m_p - m_lineStart) + 1; }
    // "expected ..." messages also say what was found there.
    [[nodiscard]] Error error(std::string message) const
    {
        if (message.starts_with("expected "))
            message += ", found " + found();
        return makeFileError(ErrorCode::Parse, std::move(message), m_sourceName, m_line, column());
    }
    [[nodiscard]] std::string found() const;
    [[nodiscard]] bool at(char c) const { return m_p < m_end && *m_p == c; }
    void skipSpaces()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t'))
            ++m_p;
    }
    Status skipComment();
    Status newline();
    Status endOfLine();
    Status skipBlank(); // spaces, comments and newlines (inside arrays)
    // The length of a valid UTF-8 sequence at m_p, or 0.
    [[nodiscard]] std::size_t utf8Length() const;

    Status parseKey(std::vector<KeyPart>& parts);
    Result<std::string_view> parseKeyPart();
    Status header();
    Status keyValue(TomlNode* table);
    Result<TomlNode*> value();
    Result<TomlNode*> basicString();
    Result<TomlNode*> literalString();
    Result<TomlNode*> multilineBasicString();
    Result<TomlNode*> multilineLiteralString();
    Status escape(std::string& out);
    Result<TomlNode*> array();
    Result<TomlNode*> inlineTable();
    Result<TomlNode*> scalar();

    TomlNode* find(TomlNode* table, std::string_view key) const
    {
        if (table->m_count > kIndexThreshold) {
            const auto found = m_storage.members.find(MemberKey{table, key});
            return found == m_storage.members.end() ? nullptr : found->second;
        }
        for (TomlNode* member = table->m_first; member != nullptr; member = member->m_next) {
            if (member->m_key == key)
                return member;
        }
        return nullptr;
    }
    TomlNode* node(TomlKind kind) { return newNode(m_storage, kind, m_line, column()); }
    TomlNode* addTable(TomlNode* parent, const KeyPart& key, std::uint8_t flags)
    {
        TomlNode* table = newNode(m_storage, TomlKind::Table, key.line, key.column);
        table->m_key = key.text;
        table->m_flags = flags;
        append(m_storage, parent, table);
        return table;
    }

    // Streaming (parseStreamedLockToml): hands the open element of the root array m_stream->key
    // to the callback and, unless a node outside it was made meanwhile, gives its nodes back.
    Status closeElement();

    TomlDocument::Storage& m_storage;
    const std::string& m_sourceName;
    const TomlStream* m_stream = nullptr;
    TomlNode* m_streamArray = nullptr;                 // the root array being streamed, once seen
    std::pair<std::size_t, std::size_t> m_elementMark; // the arena where its open element began
    bool m_foreign = false;                            // a header outside the array since the element opened
    const char* m_begin;
    const char* m_p;
    const char* m_end;
    const char* m_lineStart;
    std::uint32_t m_line = 1;
    TomlNode* m_current = nullptr; // the table the last header opened
    std::vector<KeyPart> m_keyParts;
    std::string m_scratch;
};

namespace {

bool isBareKeyChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isControl(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

void appendUtf8(std::string& out, std::uint32_t codepoint)
{
    if (codepoint < 0x80) {
        out += static_cast<char>(codepoint);
    } else if (codepoint < 0x800) {
        out += static_cast<char>(0xc0 | (codepoint >> 6));
        out += static_cast<char>(0x80 | (codepoint & 0x3f));
    } else if (codepoint < 0x10000) {
        out += static_cast<char>(0xe0 | (codepoint >> 12));
        out += static_cast<char>(0x80 | ((codepoint >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (codepoint & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (codepoint >> 18));
        out += static_cast<char>(0x80 | ((codepoint >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((codepoint >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (codepoint & 0x3f));
    }
}

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
        if (isControl(c))
            return std::unexpected(error("control character in a comment"));
        if (c >= 0x80) {
            const std::size_t length = utf8Length();
            if (length == 0)
                return std::unexpected(error("invalid UTF-8"));
            m_p += length;
        } else {
            ++m_p;
        }
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
            return multilineBasicString();
        return basicString();
    case '\'':
        if (m_p + 2 < m_end && m_p[1] == '\'' && m_p[2] == '\'')
            return multilineLiteralString();
        return literalString();
    case '[': return array();
    case '{': return inlineTable();
    default: return scalar();
    }
}

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
        appendUtf8(out, codepoint);
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
        if (isControl(c))
            return std::unexpected(error("control character in a string"));
        if (c >= 0x80) {
            const std::size_t length = utf8Length();
            if (length == 0)
                return std::unexpected(error("invalid UTF-8"));
            m_p += length;
        } else {
            ++m_p;
        }
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
        if (isControl(c))
            return std::unexpected(error("control character in a string"));
        const std::size_t length = c >= 0x80 ? utf8Length() : 1;
        if (length == 0)
            return std::unexpected(error("invalid UTF-8"));
        decoded.append(m_p, length);
        m_p += length;
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
        if (isControl(c))
            return std::unexpected(error("control character in a string"));
        const std::size_t length = c >= 0x80 ? utf8Length() : 1;
        if (length == 0)
            return std::unexpected(error("invalid UTF-8"));
        m_p += length;
    }
    return std::unexpected(error("unterminated string"));
}

Result<TomlNode*> TomlBuilder::multilineBasicString()
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
        if (c == '"' && m_p + 2 < m_end && m_p[1] == '"' && m_p[2] == '"') {
            std::size_t quotes = 3;
            while (m_p + quotes < m_end && m_p[quotes] == '"')
                ++quotes;
            if (quotes > 5)
                return std::unexpected(error("too many quotes ending a string"));
            decoded.append(quotes - 3, '"');
            m_p += quotes;
            result->m_text = m_storage.keep(std::move(decoded));
            return result;
        }
        if (c == '\\') {
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
        if (isControl(c))
            return std::unexpected(error("control character in a string"));
        const std::size_t length = c >= 0x80 ? utf8Length() : 1;
        if (length == 0)
            return std::unexpected(error("invalid UTF-8"));
        decoded.append(m_p, length);
        m_p += length;
    }
    return std::unexpected(error("unterminated multi-line string"));
}

Result<TomlNode*> TomlBuilder::multilineLiteralString()
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
        if (c == '\'' && m_p + 2 < m_end && m_p[1] == '\'' && m_p[2] == '\'') {
            std::size_t quotes = 3;
            while (m_p + quotes < m_end && m_p[quotes] == '\'')
                ++quotes;
            if (quotes > 5)
                return std::unexpected(error("too many quotes ending a string"));
            decoded.append(quotes - 3, '\'');
            m_p += quotes;
            result->m_text = m_storage.keep(std::move(decoded));
            return result;
        }
        if (c == '\n' || c == '\r') {
            if (auto status = newline(); !status)
                return std::unexpected(status.error());
            decoded += '\n';
            continue;
        }
        if (isControl(c))
            return std::unexpected(error("control character in a string"));
        const std::size_t length = c >= 0x80 ? utf8Length() : 1;
        if (length == 0)
            return std::unexpected(error("invalid UTF-8"));
        decoded.append(m_p, length);
        m_p += length;
    }
    return std::unexpected(error("unterminated multi-line string"));
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

// ---------------------------------------------------------------------------------------------
// toml++ as the reference (tests only: see lock_toml.h)

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

Result<TomlDocument> TomlBuilder::run(std::string_view content, const std::string& sourceName, bool copy,
                                      const TomlStream* stream)
{
    TomlDocument document;
    if (copy) {
        document.m_storage->ownedSource.assign(content);
        content = document.m_storage->ownedSource;
    }
    document.m_storage->source = content;
    TomlBuilder builder(document, sourceName);
    builder.m_stream = stream;
    if (auto status = builder.parse(); !status)
        return std::unexpected(status.error());
    document.m_storage->members.clear(); // only needed while building
    return document;
}

Result<TomlDocument> parseLockTomlFast(std::string_view content, const std::string& sourceName)
{
    return TomlBuilder::run(content, sourceName, true);
}

Result<TomlDocument> parseBorrowedLockToml(std::string_view content, const std::string& sourceName)
{
    return TomlBuilder::run(content, sourceName, false);
}

Result<TomlDocument> parseStreamedLockToml(std::string_view content, const std::string& sourceName,
                                           const TomlStream& stream)
{
    return TomlBuilder::run(content, sourceName, false, &stream);
}

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

Result<TomlDocument> parseLockToml(std::string_view content, const std::string& sourceName)
{
    return parseLockTomlFast(content, sourceName);
}

std::string firstDifference(const TomlNode& left, const TomlNode& right)
{
    return difference(left, right, {});
}

} // namespace pindex::lock::detail
