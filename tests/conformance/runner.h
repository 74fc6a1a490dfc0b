#pragma once

// The conformance runner's shared pieces: the tally of passed and failed cases, readers for the
// fields of one JSON case, and the table of checkers (one per "file/member" of the vector files,
// see ../shared/data/conformance/README.md).
//
// Invariants: every case ends in exactly one pass() or one fail(); a failure prints one line.

#include <cstdint>
#include <optional>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <vector>

namespace pindex::conformance {

using Case = simdjson::dom::element;

class Report
{
public:
    void pass() { ++m_passed; }
    // Prints "FAIL group: detail" on one line.
    void fail(std::string_view group, std::string_view detail);

    [[nodiscard]] std::size_t passed() const { return m_passed; }
    [[nodiscard]] std::size_t failed() const { return m_failed; }

private:
    std::size_t m_passed = 0;
    std::size_t m_failed = 0;
};

// Field readers. A missing or mistyped field reads as empty / nullopt / false.
[[nodiscard]] std::string stringField(Case item, std::string_view key);
[[nodiscard]] std::optional<std::string> optionalString(Case item, std::string_view key);
[[nodiscard]] bool boolField(Case item, std::string_view key);
[[nodiscard]] std::optional<bool> optionalBool(Case item, std::string_view key);
[[nodiscard]] std::optional<std::int64_t> optionalInt(Case item, std::string_view key);
[[nodiscard]] std::vector<std::string> stringList(Case item, std::string_view key);
[[nodiscard]] bool hasField(Case item, std::string_view key);
// Compact JSON of a case, for failure lines.
[[nodiscard]] std::string describe(Case item);
// A list of strings as "[a, b]".
[[nodiscard]] std::string joinList(const std::vector<std::string>& items);

// Checks one case; returns an empty string when it passes, else what went wrong.
using Checker = std::string (*)(Case item);

struct CheckerEntry
{
    std::string_view file;   // vector file stem, e.g. "versions"
    std::string_view member; // e.g. "valid"
    Checker check;
};

// Checker tables of each group of vector files.
[[nodiscard]] std::vector<CheckerEntry> versionCheckers();     // versions.json, names.json
[[nodiscard]] std::vector<CheckerEntry> specifierCheckers();   // specifiers.json
[[nodiscard]] std::vector<CheckerEntry> requirementCheckers(); // requirements.json, markers.json
[[nodiscard]] std::vector<CheckerEntry> tagCheckers();         // tags.json, names.json wheels/sdists

} // namespace pindex::conformance
