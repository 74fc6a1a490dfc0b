#include "app/arguments.h"

namespace pindex::app {

Result<Arguments> Arguments::parse(const std::vector<std::string>& words, const OptionSpec& spec)
{
    Arguments arguments;
    bool onlyPositional = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (onlyPositional || !word.starts_with("--") || word == "-") {
            arguments.m_positional.push_back(word);
            continue;
        }
        if (word == "--") {
            onlyPositional = true;
            continue;
        }
        std::string name = word.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            inlineValue = name.substr(equals + 1);
            name.resize(equals);
        }
        if (spec.flags.contains(name)) {
            if (inlineValue)
                return std::unexpected(makeError(ErrorCode::Invalid, "option --" + name + " takes no value"));
            arguments.m_flags.insert(name);
        } else if (spec.valued.contains(name)) {
            if (!inlineValue) {
                if (i + 1 >= words.size())
                    return std::unexpected(
                        makeError(ErrorCode::Invalid, "option --" + name + " needs a value"));
                inlineValue = words[++i];
            }
            arguments.m_values[name].push_back(*inlineValue);
        } else {
            return std::unexpected(makeError(ErrorCode::Invalid, "unknown option --" + name));
        }
    }
    return arguments;
}

std::optional<std::string> Arguments::value(const std::string& option) const
{
    const auto found = m_values.find(option);
    if (found == m_values.end() || found->second.empty())
        return std::nullopt;
    return found->second.back();
}

std::vector<std::string> Arguments::values(const std::string& option) const
{
    const auto found = m_values.find(option);
    return found == m_values.end() ? std::vector<std::string>() : found->second;
}

std::string Arguments::valueOr(const std::string& option, std::string fallback) const
{
    return value(option).value_or(std::move(fallback));
}

} // namespace pindex::app
