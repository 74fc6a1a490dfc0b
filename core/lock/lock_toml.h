#pragma once

// The TOML document model the lock readers walk, and its fast parser (internal to core/lock).
//
// Lockfiles are large (a 3,000-package uv.lock is 2.5 MB) and read often, so the readers do not
// go through toml++'s DOM: `parseLockToml` is a single-pass recursive-descent parser for TOML 1.0
// that builds a compact tree in an arena. Strings without escapes point into the source text;
// decoded strings, dates and floats keep their text. Every node records its line and column.
//
// The fast parser alone reads lockfiles, well-formed or not: what it rejects gets its own error
// (file:line:column and what was found there). toml++ is the reference the tests compare it with
// (parseLockTomlReference) and is never handed a lockfile: toml++ 3.3 reaches undefined behaviour
// on some non-ASCII characters outside strings (its whitespace table, upstream issues #190, #295),
// which malformed lockfiles can hold.
//
// Invariants: nodes and the strings they view live as long as their TomlDocument (which also owns
// a copy of the source, except from parseBorrowedLockToml); a table's members keep the order of the source
// and have unique keys; an array of tables holds only tables.

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/util/error.h"

namespace pindex::lock::detail {

enum class TomlKind : std::uint8_t { Table, Array, String, Integer, Float, Boolean, DateTime };

class TomlNode
{
public:
    [[nodiscard]] TomlKind kind() const { return m_kind; }
    [[nodiscard]] std::uint32_t line() const { return m_line; }
    [[nodiscard]] std::uint32_t column() const { return m_column; }
    // The key of this node in its parent table ("" for array items and the root).
    [[nodiscard]] std::string_view key() const { return m_key; }

    [[nodiscard]] const TomlNode* asTable() const { return m_kind == TomlKind::Table ? this : nullptr; }
    [[nodiscard]] const TomlNode* asArray() const { return m_kind == TomlKind::Array ? this : nullptr; }
    [[nodiscard]] std::optional<std::string_view> asString() const;
    [[nodiscard]] std::optional<std::int64_t> asInteger() const;
    [[nodiscard]] std::optional<bool> asBoolean() const;
    [[nodiscard]] std::optional<double> asFloat() const;
    // Strings: the decoded value; dates and times: the text as written; floats: the source text.
    [[nodiscard]] std::string_view text() const { return m_text; }

    // A member of a table (nullptr when absent or when this is not a table).
    [[nodiscard]] const TomlNode* get(std::string_view key) const;
    // A member reached through nested tables: get({"tool", "pindex", "yanked"}).
    [[nodiscard]] const TomlNode* path(std::initializer_list<std::string_view> keys) const;
    [[nodiscard]] std::size_t size() const { return m_count; }

    class Iterator
    {
    public:
        explicit Iterator(const TomlNode* node)
            : m_node(node)
        {}
        const TomlNode& operator*() const { return *m_node; }
        const TomlNode* operator->() const { return m_node; }
        Iterator& operator++()
        {
            m_node = m_node->m_next;
            return *this;
        }
        bool operator==(const Iterator& other) const { return m_node == other.m_node; }

    private:
        const TomlNode* m_node;
    };
    // Members of a table or items of an array, in source order.
    [[nodiscard]] Iterator begin() const { return Iterator(m_first); }
    [[nodiscard]] Iterator end() const { return Iterator(nullptr); }

private:
    friend class TomlBuilder;

    enum Flag : std::uint8_t {
        Inline = 1,        // an inline table or an array literal: closed once written
        HeaderDefined = 2, // a table defined by a [header]
        DottedDefined = 4, // a table defined by dotted keys
        TableArray = 8,    // an array made by [[headers]]
    };

    TomlKind m_kind = TomlKind::Table;
    std::uint8_t m_flags = 0;
    bool m_boolean = false;
    std::uint32_t m_line = 0;
    std::uint32_t m_column = 0;
    std::uint32_t m_count = 0;
    std::int64_t m_integer = 0;
    std::string_view m_key;
    std::string_view m_text;
    TomlNode* m_first = nullptr;
    TomlNode* m_last = nullptr;
    TomlNode* m_next = nullptr;
};

// A parsed document: the root table and the storage its nodes point into.
class TomlDocument
{
public:
    TomlDocument();
    ~TomlDocument();
    TomlDocument(TomlDocument&&) noexcept;
    TomlDocument& operator=(TomlDocument&&) noexcept;
    TomlDocument(const TomlDocument&) = delete;
    TomlDocument& operator=(const TomlDocument&) = delete;

    [[nodiscard]] const TomlNode& root() const;
    // Which parser built the tree ("fast" or "toml++"), for tests and benchmarks.
    [[nodiscard]] bool builtByFallback() const { return m_fallback; }

    struct Storage; // the arena, defined in lock_toml_builder.h

private:
    friend class TomlBuilder;
    friend Result<TomlDocument> parseLockToml(std::string_view, const std::string&);
    friend Result<TomlDocument> parseLockTomlReference(std::string_view, const std::string&);

    std::unique_ptr<Storage> m_storage;
    bool m_fallback = false;
};

// The parser of the lock readers (the fast parser; see above).
[[nodiscard]] Result<TomlDocument> parseLockToml(std::string_view content, const std::string& sourceName);
// The same without copying the text: the document's strings view `content`, which must outlive
// the document. For the readers, which drop the document before they return (a copy of a
// lockfile is megabytes of fresh memory).
[[nodiscard]] Result<TomlDocument> parseBorrowedLockToml(std::string_view content,
                                                         const std::string& sourceName);
// Each parser alone (the differential tests compare them). The reference is for trusted test
// input only (see above).
[[nodiscard]] Result<TomlDocument> parseLockTomlFast(std::string_view content, const std::string& sourceName);
[[nodiscard]] Result<TomlDocument> parseLockTomlReference(std::string_view content,
                                                          const std::string& sourceName);

// Streaming a root array of tables ([[key]] headers): each of its tables is handed to onElement
// with the root once it is complete (at the next [[key]] header or the end of the text), and then
// dropped, so the tree never holds more than one of them (a lockfile's packages: megabytes of
// nodes otherwise). The root holds everything before the open element, so root key/values are
// all there from the first call on (TOML puts them before any header); root tables that follow
// the array ([metadata]) are read from the document afterwards. An error from onElement ends the
// parse with that error. Afterwards the root's `key` array is empty unless it was written inline
// (`key = [...]`), which is not streamed.
struct TomlStream
{
    std::string_view key;
    std::function<Status(const TomlNode& root, const TomlNode& element)> onElement;
};

// parseBorrowedLockToml, streaming `stream.key`: see TomlStream.
[[nodiscard]] Result<TomlDocument>
parseStreamedLockToml(std::string_view content, const std::string& sourceName, const TomlStream& stream);

// The first difference between two trees as "path: what differs", or "" when they are equal
// (dates compare by value, floats by value, positions are ignored).
[[nodiscard]] std::string firstDifference(const TomlNode& left, const TomlNode& right);

} // namespace pindex::lock::detail
