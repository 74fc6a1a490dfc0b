#pragma once

// Internal to the TOML parser of lock_toml.h: the arena a document's nodes live in and the parser
// that fills it. The parser is split by what it reads: lock_toml_parser.cpp the structure (keys,
// headers, key/values, arrays, inline tables, streaming), lock_toml_values.cpp strings and
// scalars, lock_toml_reference.cpp the toml++ conversion the tests compare with.

#include <bit>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/lock/lock_toml.h"

namespace pindex::lock::detail {

// A member of a big table, for the hash index of its keys.
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

inline constexpr std::size_t kChunkSize = 4096;
inline constexpr std::uint32_t kIndexThreshold = 8; // tables with more members get a hash index

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

// Characters the structure and the values both test.
inline bool isBareKeyChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

inline bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

inline bool isControl(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

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
    // The length of the character at m_p inside a string or a comment (`inWhat`: "a string"), or
    // the error for a control character or invalid UTF-8 there.
    [[nodiscard]] Result<std::size_t> textCharLength(const char* inWhat) const
    {
        const auto c = static_cast<unsigned char>(*m_p);
        if (isControl(c))
            return std::unexpected(error(std::string("control character in ") + inWhat));
        if (c < 0x80)
            return 1;
        const std::size_t length = utf8Length();
        if (length == 0)
            return std::unexpected(error("invalid UTF-8"));
        return length;
    }

    Status parseKey(std::vector<KeyPart>& parts);
    Result<std::string_view> parseKeyPart();
    Status header();
    Status keyValue(TomlNode* table);
    Result<TomlNode*> value();
    Result<TomlNode*> basicString();
    Result<TomlNode*> literalString();
    Result<TomlNode*> multilineString(char quote);
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

} // namespace pindex::lock::detail
