#pragma once

// A small command-line parser for the subcommands: positional arguments, `--flag`,
// `--option value` and `--option=value`. Unknown options are an error the command reports.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace pindex::app {

struct OptionSpec
{
    std::set<std::string> flags;  // options without a value, e.g. "json"
    std::set<std::string> valued; // options with a value, e.g. "project"
};

class Arguments
{
public:
    [[nodiscard]] static Result<Arguments> parse(const std::vector<std::string>& words,
                                                 const OptionSpec& spec);

    [[nodiscard]] const std::vector<std::string>& positional() const { return m_positional; }
    [[nodiscard]] bool has(const std::string& flag) const { return m_flags.contains(flag); }
    // The last value given for `option` (an option given twice keeps the second).
    [[nodiscard]] std::optional<std::string> value(const std::string& option) const;
    // Every value given for `option`, in order.
    [[nodiscard]] std::vector<std::string> values(const std::string& option) const;
    [[nodiscard]] std::string valueOr(const std::string& option, std::string fallback) const;

private:
    std::vector<std::string> m_positional;
    std::set<std::string> m_flags;
    std::map<std::string, std::vector<std::string>> m_values;
};

} // namespace pindex::app
