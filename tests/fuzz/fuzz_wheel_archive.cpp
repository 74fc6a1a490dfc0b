// Wheel archives as the index client and the installer meet them: the zip end record, the central
// directory, a member's data, METADATA, RECORD and entry_points.txt. Hostile archives never crash
// the readers, and no member is read from outside the bytes given.

#include "core/index/zip_reader.h"
#include "core/install/entry_points.h"
#include "core/install/record.h"
#include "tests/fuzz/fuzz_check.h"

using namespace pindex;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto bytes = fuzz::asText(data, size);
    if (const auto end = index::findZipEndRecord(bytes, 0)) {
        if (end->centralDirectoryOffset <= bytes.size() &&
            end->centralDirectorySize <= bytes.size() - end->centralDirectoryOffset) {
            const auto directory = bytes.substr(end->centralDirectoryOffset, end->centralDirectorySize);
            if (const auto entries = index::parseZipCentralDirectory(directory, end->entryCount)) {
                for (const auto& entry : *entries) {
                    if (entry.localHeaderOffset < bytes.size())
                        (void)index::extractZipEntry(bytes.substr(entry.localHeaderOffset), entry);
                }
                (void)index::findWheelMetadata(*entries);
            }
        }
    }
    if (const auto metadata = index::readWheelMetadata(bytes))
        PINDEX_FUZZ_CHECK(metadata->size() <= 64u * 1024u * 1024u, "an implausibly large METADATA");
    if (const auto record = install::parseRecord(bytes, "RECORD")) {
        const auto printed = install::formatRecord(*record);
        const auto again = install::parseRecord(printed, "RECORD");
        PINDEX_FUZZ_CHECK(again.has_value(), printed);
        PINDEX_FUZZ_CHECK(again->size() == record->size(), printed);
    }
    (void)install::parseLauncherEntryPoints(bytes, "entry_points.txt");
    return 0;
}
