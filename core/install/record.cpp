#include "core/install/record.h"

#include <array>

#include "core/index/sha256.h"

namespace pindex::install {

namespace {

constexpr std::string_view kBase64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string quoteField(const std::string& field)
{
    if (field.find_first_of(",\"\n\r") == std::string::npos)
        return field;
    std::string quoted = "\"";
    for (char c : field) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

} // namespace

Result<std::vector<RecordEntry>> parseRecord(std::string_view text, std::string_view fileName)
{
    std::vector<RecordEntry> entries;
    std::uint32_t line = 1;
    std::size_t at = 0;
    while (at < text.size()) {
        std::vector<std::string> fields(1);
        const std::size_t lineStart = at;
        bool endOfLine = false;
        while (at < text.size() && !endOfLine) {
            const char c = text[at];
            if (c == '"' && fields.back().empty()) {
                ++at;
                bool closed = false;
                while (at < text.size()) {
                    if (text[at] == '"') {
                        if (at + 1 < text.size() && text[at + 1] == '"') {
                            fields.back() += '"';
                            at += 2;
                            continue;
                        }
                        ++at;
                        closed = true;
                        break;
                    }
                    fields.back() += text[at++];
                }
                if (!closed)
                    return std::unexpected(makeFileError(
                        ErrorCode::Parse, "Unterminated quoted field in RECORD.", std::string(fileName), line,
                        static_cast<std::uint32_t>(at - lineStart)));
            } else if (c == ',') {
                fields.emplace_back();
                ++at;
            } else if (c == '\n' || c == '\r') {
                endOfLine = true;
                if (c == '\r' && at + 1 < text.size() && text[at + 1] == '\n')
                    ++at;
                ++at;
            } else {
                fields.back() += c;
                ++at;
            }
        }
        if (fields.size() == 1 && fields[0].empty()) {
            ++line;
            continue;
        }
        if (fields.size() != 3)
            return std::unexpected(
                makeFileError(ErrorCode::Parse,
                              "A RECORD line needs three fields (path, hash, size), this one has " +
                                  std::to_string(fields.size()) + ".",
                              std::string(fileName), line, 1));
        RecordEntry entry;
        entry.path = std::move(fields[0]);
        entry.hash = std::move(fields[1]);
        if (!fields[2].empty()) {
            std::uint64_t size = 0;
            for (char c : fields[2]) {
                if (c < '0' || c > '9')
                    return std::unexpected(makeFileError(
                        ErrorCode::Parse, "The size `" + fields[2] + "` in RECORD is not a number.",
                        std::string(fileName), line, 1));
                size = size * 10 + static_cast<std::uint64_t>(c - '0');
            }
            entry.size = size;
        }
        entries.push_back(std::move(entry));
        ++line;
    }
    return entries;
}

std::string formatRecord(const std::vector<RecordEntry>& entries)
{
    std::string text;
    for (const auto& entry : entries) {
        text += quoteField(entry.path) + "," + quoteField(entry.hash) + ",";
        if (entry.size)
            text += std::to_string(*entry.size);
        text += "\n";
    }
    return text;
}

std::string recordHash(std::string_view data)
{
    const auto bytes = index::sha256(data);
    std::string encoded = "sha256=";
    std::size_t i = 0;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned>(bytes[k]); };
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned value = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        for (int shift = 18; shift >= 0; shift -= 6)
            encoded += kBase64Url[(value >> shift) & 63U];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const unsigned value = byte(i) << 16;
        encoded += kBase64Url[(value >> 18) & 63U];
        encoded += kBase64Url[(value >> 12) & 63U];
    } else if (rest == 2) {
        const unsigned value = (byte(i) << 16) | (byte(i + 1) << 8);
        encoded += kBase64Url[(value >> 18) & 63U];
        encoded += kBase64Url[(value >> 12) & 63U];
        encoded += kBase64Url[(value >> 6) & 63U];
    }
    return encoded;
}

std::string recordHashToHex(std::string_view recordHash)
{
    constexpr std::string_view kPrefix = "sha256=";
    if (!recordHash.starts_with(kPrefix))
        return {};
    recordHash.remove_prefix(kPrefix.size());
    std::array<int, 256> table{};
    table.fill(-1);
    for (std::size_t k = 0; k < kBase64Url.size(); ++k)
        table[static_cast<unsigned char>(kBase64Url[k])] = static_cast<int>(k);
    table[static_cast<unsigned char>('+')] = 62;
    table[static_cast<unsigned char>('/')] = 63;
    std::string bytes;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : recordHash) {
        if (c == '=')
            break;
        const int value = table[static_cast<unsigned char>(c)];
        if (value < 0)
            return {};
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes += static_cast<char>((buffer >> bits) & 0xFFU);
        }
    }
    constexpr std::string_view kHex = "0123456789abcdef";
    std::string hex;
    for (char b : bytes) {
        const auto value = static_cast<unsigned char>(b);
        hex += kHex[value >> 4];
        hex += kHex[value & 15U];
    }
    return hex;
}

} // namespace pindex::install
