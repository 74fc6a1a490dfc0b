#include "core/lock/lock_toml.h"

#include "core/lock/lock_toml_builder.h"

namespace pindex::lock::detail {

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
// Entry points

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

Result<TomlDocument> parseLockToml(std::string_view content, const std::string& sourceName)
{
    return parseLockTomlFast(content, sourceName);
}

} // namespace pindex::lock::detail
