#pragma once

// Just enough of the zip format to read one member of a remote wheel with HTTP range requests:
// find the end of central directory record in the file's tail (zip64 included), list the central
// directory, and extract one member (stored or deflated) from the bytes starting at its local
// header. Works on a fully downloaded file as well (pass the whole file as the "tail").
//
// Invariants: every offset read from the archive is bounds-checked against the bytes given; a
// malformed archive is a Parse error, never a crash.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"

namespace pindex::index {

struct ZipEndRecord
{
    std::uint64_t centralDirectoryOffset = 0;
    std::uint64_t centralDirectorySize = 0;
    std::uint64_t entryCount = 0;
};

struct ZipEntry
{
    std::string name;
    std::uint16_t method = 0; // 0 stored, 8 deflated
    std::uint32_t crc32 = 0;
    std::uint64_t compressedSize = 0;
    std::uint64_t uncompressedSize = 0;
    std::uint64_t localHeaderOffset = 0;
};

// `tail` holds the last bytes of the file, starting at absolute offset `tailOffset`.
[[nodiscard]] Result<ZipEndRecord> findZipEndRecord(std::string_view tail, std::uint64_t tailOffset);

// `bytes` is exactly the central directory.
[[nodiscard]] Result<std::vector<ZipEntry>> parseZipCentralDirectory(std::string_view bytes,
                                                                     std::uint64_t entryCount);

// `bytes` starts at the entry's local file header and holds at least the whole member.
[[nodiscard]] Result<std::string> extractZipEntry(std::string_view bytes, const ZipEntry& entry);

// How many bytes from the local header on are enough to hold the member (a generous bound for the
// local header's own name and extra field).
[[nodiscard]] std::uint64_t zipEntrySpan(const ZipEntry& entry);

// The `<name>-<version>.dist-info/METADATA` member of a wheel, if present.
[[nodiscard]] const ZipEntry* findWheelMetadata(const std::vector<ZipEntry>& entries);

// Reads METADATA out of a complete wheel held in memory.
[[nodiscard]] Result<std::string> readWheelMetadata(std::string_view wheel);

} // namespace pindex::index
