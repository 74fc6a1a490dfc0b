#include "core/auth/netrc.h"

#include <algorithm>
#include <cctype>

#include "core/util/file_io.h"

namespace pindex::auth {
namespace {

struct Token
{
    std::string text;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Splits the text into tokens, skipping macdef bodies (up to an empty line).
std::vector<Token> tokenize(std::string_view text)
{
    std::vector<Token> tokens;
    std::uint32_t line = 1;
    std::uint32_t column = 1;
    std::size_t i = 0;
    auto advance = [&] {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        ++i;
    };
    while (i < text.size()) {
        if (isSpace(text[i])) {
            advance();
            continue;
        }
        if (text[i] == '#' && column == 1) { // a comment line
            while (i < text.size() && text[i] != '\n')
                advance();
            continue;
        }
        Token token{{}, line, column};
        if (text[i] == '"') {
            advance();
            while (i < text.size() && text[i] != '"') {
                if (text[i] == '\\' && i + 1 < text.size())
                    advance();
                token.text += text[i];
                advance();
            }
            if (i < text.size())
                advance();
        } else {
            while (i < text.size() && !isSpace(text[i])) {
                token.text += text[i];
                advance();
            }
        }
        const bool macro = token.text == "macdef";
        tokens.push_back(std::move(token));
        if (macro) {
            // The macro name, then the body up to the first empty line.
            while (i < text.size() && text[i] != '\n')
                advance();
            while (i < text.size()) {
                const auto end = text.find('\n', i + 1);
                const bool emptyLine = end == std::string_view::npos ||
                                       std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                                   text.begin() + static_cast<std::ptrdiff_t>(end), isSpace);
                while (i < text.size() && (end == std::string_view::npos || i < end))
                    advance();
                if (emptyLine)
                    break;
            }
        }
    }
    return tokens;
}

bool equalsIgnoringCase(std::string_view left, std::string_view right)
{
    return std::ranges::equal(left, right, [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
}

} // namespace

Result<Netrc> Netrc::parse(std::string_view text, const std::string& fileName)
{
    Netrc netrc;
    const auto tokens = tokenize(text);
    bool inEntry = false; // entries only grow, so the current one is always the last
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        const auto needValue = [&]() -> Result<std::string> {
            if (i + 1 >= tokens.size())
                return std::unexpected(makeFileError(ErrorCode::Parse, "'" + token.text + "' has no value",
                                                     fileName, token.line, token.column));
            return tokens[++i].text;
        };
        if (token.text == "machine") {
            auto machine = needValue();
            if (!machine)
                return std::unexpected(machine.error());
            netrc.m_entries.push_back(NetrcEntry{std::move(*machine), {}, {}});
            inEntry = true;
        } else if (token.text == "default") {
            netrc.m_entries.emplace_back();
            inEntry = true;
        } else if (token.text == "login" || token.text == "password" || token.text == "account") {
            if (!inEntry)
                return std::unexpected(makeFileError(
                    ErrorCode::Parse, "'" + token.text + "' appears before any 'machine' or 'default'",
                    fileName, token.line, token.column));
            auto value = needValue();
            if (!value)
                return std::unexpected(value.error());
            if (token.text == "login")
                netrc.m_entries.back().login = std::move(*value);
            else if (token.text == "password")
                netrc.m_entries.back().password = std::move(*value);
        } else if (token.text == "macdef") {
            // The tokenizer already skipped the macro's name and body.
        } else {
            // Never quote the token: it may be a password that lost its keyword.
            return std::unexpected(makeFileError(ErrorCode::Parse, "unexpected word in netrc", fileName,
                                                 token.line, token.column));
        }
    }
    return netrc;
}

Result<Netrc> Netrc::load(const std::filesystem::path& file)
{
    const auto text = readFile(file);
    if (!text)
        return std::unexpected(text.error());
    return parse(*text, file.string());
}

std::optional<Credentials> Netrc::find(std::string_view host, std::string_view username) const
{
    const auto matches = [&](const NetrcEntry& entry) { return username.empty() || entry.login == username; };
    for (const auto& entry : m_entries) {
        if (!entry.machine.empty() && equalsIgnoringCase(entry.machine, host) && matches(entry))
            return Credentials{entry.login, entry.password};
    }
    for (const auto& entry : m_entries) {
        if (entry.machine.empty() && matches(entry))
            return Credentials{entry.login, entry.password};
    }
    return std::nullopt;
}

} // namespace pindex::auth
