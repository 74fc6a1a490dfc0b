#include "core/index/zip_reader.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <zlib.h>

namespace pindex::index {
namespace {

constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::uint32_t kZip64EndSignature = 0x06064b50;
constexpr std::uint32_t kCentralSignature = 0x02014b50;
constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kCentralSize = 46;
constexpr std::size_t kLocalSize = 30;

std::uint64_t readLittleEndian(std::string_view bytes, std::size_t offset, std::size_t width)
{
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i)
        value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
    return value;
}

std::uint16_t read16(std::string_view bytes, std::size_t offset)
{
    return static_cast<std::uint16_t>(readLittleEndian(bytes, offset, 2));
}

std::uint32_t read32(std::string_view bytes, std::size_t offset)
{
    return static_cast<std::uint32_t>(readLittleEndian(bytes, offset, 4));
}

std::uint64_t read64(std::string_view bytes, std::size_t offset)
{
    return readLittleEndian(bytes, offset, 8);
}

Error zipError(std::string message)
{
    return makeError(ErrorCode::Parse, "the wheel is not a valid zip archive: " + std::move(message));
}

Result<std::string> inflateRaw(std::string_view compressed, std::uint64_t expectedSize)
{
    if (expectedSize > 64u * 1024u * 1024u)
        return std::unexpected(zipError("the member is implausibly large"));
    std::string output(static_cast<std::size_t>(expectedSize), '\0');
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
        return std::unexpected(makeError(ErrorCode::Internal, "zlib could not be initialised"));
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in =
        static_cast<uInt>(std::min<std::size_t>(compressed.size(), std::numeric_limits<uInt>::max()));
    stream.next_out = reinterpret_cast<Bytef*>(output.data());
    stream.avail_out = static_cast<uInt>(output.size());
    const int result = inflate(&stream, Z_FINISH);
    const auto produced = stream.total_out;
    inflateEnd(&stream);
    if (result != Z_STREAM_END || produced != expectedSize)
        return std::unexpected(zipError("the member does not inflate to its recorded size"));
    return output;
}

} // namespace

Result<ZipEndRecord> findZipEndRecord(std::string_view tail, std::uint64_t tailOffset)
{
    if (tail.size() < kEndSize)
        return std::unexpected(zipError("the file is too short"));
    // The record sits at the very end unless a comment (at most 65535 bytes) follows it.
    std::size_t position = tail.size() - kEndSize;
    while (true) {
        if (read32(tail, position) == kEndSignature &&
            position + kEndSize + read16(tail, position + 20) == tail.size())
            break;
        if (position == 0 || tail.size() - position > kEndSize + 65535)
            return std::unexpected(zipError("no end of central directory record"));
        --position;
    }
    ZipEndRecord record;
    record.entryCount = read16(tail, position + 10);
    record.centralDirectorySize = read32(tail, position + 12);
    record.centralDirectoryOffset = read32(tail, position + 16);
    const bool zip64 = record.entryCount == 0xFFFF || record.centralDirectorySize == 0xFFFFFFFF ||
                       record.centralDirectoryOffset == 0xFFFFFFFF;
    if (zip64) {
        if (position < 20 || read32(tail, position - 20) != kZip64LocatorSignature)
            return std::unexpected(zipError("a zip64 archive without its locator"));
        const std::uint64_t end64 = read64(tail, position - 20 + 8);
        if (end64 < tailOffset || end64 - tailOffset + 56 > tail.size())
            return std::unexpected(
                makeError(ErrorCode::Unsupported, "the zip64 end record lies outside the bytes fetched"));
        const auto at = static_cast<std::size_t>(end64 - tailOffset);
        if (read32(tail, at) != kZip64EndSignature)
            return std::unexpected(zipError("a broken zip64 end record"));
        record.entryCount = read64(tail, at + 32);
        record.centralDirectorySize = read64(tail, at + 40);
        record.centralDirectoryOffset = read64(tail, at + 48);
    }
    return record;
}

Result<std::vector<ZipEntry>> parseZipCentralDirectory(std::string_view bytes, std::uint64_t entryCount)
{
    std::vector<ZipEntry> entries;
    entries.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(entryCount, 100000)));
    std::size_t position = 0;
    for (std::uint64_t i = 0; i < entryCount; ++i) {
        if (position + kCentralSize > bytes.size() || read32(bytes, position) != kCentralSignature)
            return std::unexpected(zipError("a broken central directory entry"));
        ZipEntry entry;
        entry.method = read16(bytes, position + 10);
        entry.crc32 = read32(bytes, position + 16);
        entry.compressedSize = read32(bytes, position + 20);
        entry.uncompressedSize = read32(bytes, position + 24);
        const std::size_t nameLength = read16(bytes, position + 28);
        const std::size_t extraLength = read16(bytes, position + 30);
        const std::size_t commentLength = read16(bytes, position + 32);
        entry.localHeaderOffset = read32(bytes, position + 42);
        const std::size_t next = position + kCentralSize + nameLength + extraLength + commentLength;
        if (next > bytes.size())
            return std::unexpected(zipError("a central directory entry runs past its end"));
        entry.name = std::string(bytes.substr(position + kCentralSize, nameLength));
        // Zip64 extended information: the 0xFFFFFFFF fields, in order, from extra field 0x0001.
        std::size_t extra = position + kCentralSize + nameLength;
        const std::size_t extraEnd = extra + extraLength;
        while (extra + 4 <= extraEnd) {
            const std::uint16_t id = read16(bytes, extra);
            const std::size_t size = read16(bytes, extra + 2);
            if (extra + 4 + size > extraEnd)
                break;
            if (id == 0x0001) {
                std::size_t field = extra + 4;
                const auto take = [&](std::uint64_t& value) {
                    if (value == 0xFFFFFFFF && field + 8 <= extra + 4 + size) {
                        value = read64(bytes, field);
                        field += 8;
                    }
                };
                take(entry.uncompressedSize);
                take(entry.compressedSize);
                take(entry.localHeaderOffset);
            }
            extra += 4 + size;
        }
        entries.push_back(std::move(entry));
        position = next;
    }
    return entries;
}

std::uint64_t zipEntrySpan(const ZipEntry& entry)
{
    return kLocalSize + entry.name.size() + 1024 + entry.compressedSize;
}

Result<std::string> extractZipEntry(std::string_view bytes, const ZipEntry& entry)
{
    if (bytes.size() < kLocalSize || read32(bytes, 0) != kLocalSignature)
        return std::unexpected(zipError("no local header for " + entry.name));
    const std::size_t dataStart = kLocalSize + read16(bytes, 26) + read16(bytes, 28);
    if (dataStart > bytes.size() || bytes.size() - dataStart < entry.compressedSize)
        return std::unexpected(zipError("the member " + entry.name + " is cut short"));
    const std::string_view data = bytes.substr(dataStart, static_cast<std::size_t>(entry.compressedSize));
    std::string content;
    if (entry.method == 0) {
        content = std::string(data);
    } else if (entry.method == 8) {
        auto inflated = inflateRaw(data, entry.uncompressedSize);
        if (!inflated)
            return std::unexpected(inflated.error());
        content = std::move(*inflated);
    } else {
        return std::unexpected(makeError(ErrorCode::Unsupported, "the member " + entry.name +
                                                                     " uses zip compression method " +
                                                                     std::to_string(entry.method)));
    }
    const auto crc =
        crc32(0L, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size()));
    if (crc != entry.crc32)
        return std::unexpected(zipError("the member " + entry.name + " fails its CRC check"));
    return content;
}

const ZipEntry* findWheelMetadata(const std::vector<ZipEntry>& entries)
{
    for (const auto& entry : entries) {
        const auto slash = entry.name.find('/');
        if (slash == std::string::npos || entry.name.find('/', slash + 1) != std::string::npos)
            continue;
        const std::string_view directory = std::string_view(entry.name).substr(0, slash);
        if (directory.ends_with(".dist-info") && entry.name.substr(slash + 1) == "METADATA")
            return &entry;
    }
    return nullptr;
}

Result<std::string> readWheelMetadata(std::string_view wheel)
{
    const auto end = findZipEndRecord(wheel, 0);
    if (!end)
        return std::unexpected(end.error());
    if (end->centralDirectoryOffset + end->centralDirectorySize > wheel.size())
        return std::unexpected(zipError("the central directory lies outside the file"));
    const auto entries =
        parseZipCentralDirectory(wheel.substr(static_cast<std::size_t>(end->centralDirectoryOffset),
                                              static_cast<std::size_t>(end->centralDirectorySize)),
                                 end->entryCount);
    if (!entries)
        return std::unexpected(entries.error());
    const ZipEntry* metadata = findWheelMetadata(*entries);
    if (metadata == nullptr)
        return std::unexpected(zipError("no .dist-info/METADATA member"));
    if (metadata->localHeaderOffset >= wheel.size())
        return std::unexpected(zipError("a local header lies outside the file"));
    return extractZipEntry(wheel.substr(static_cast<std::size_t>(metadata->localHeaderOffset)), *metadata);
}

} // namespace pindex::index
