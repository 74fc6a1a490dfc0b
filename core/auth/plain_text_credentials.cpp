#include "core/auth/plain_text_credentials.h"

#include "core/auth/index_url.h"

namespace pindex::auth {

std::vector<PlainTextCredential> findPlainTextCredentials(std::string_view text)
{
    std::vector<PlainTextCredential> found;
    std::uint32_t line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
            continue;
        }
        if (text[i] != '"' && text[i] != '\'')
            continue;
        const char quote = text[i];
        const auto end = text.find_first_of(std::string{quote, '\n'}, i + 1);
        if (end == std::string_view::npos || text[end] == '\n') {
            continue;
        }
        const std::string_view value = text.substr(i + 1, end - i - 1);
        if (value.find("://") != std::string_view::npos) {
            if (const auto credentials = urlCredentials(value);
                credentials && !credentials->password.empty()) {
                found.push_back({std::string(value), maskUrlCredentials(value), *credentials, i + 1, line,
                                 static_cast<std::uint32_t>(i + 2 - lineStart)});
            }
        }
        i = end;
    }
    return found;
}

Result<std::string> withoutPlainTextCredential(std::string_view text, const PlainTextCredential& finding)
{
    if (finding.offset + finding.url.size() > text.size() ||
        text.substr(finding.offset, finding.url.size()) != finding.url)
        return std::unexpected(
            makeError(ErrorCode::Conflict,
                      "the file changed: the URL " + finding.maskedUrl + " is no longer where it was found"));
    std::string result(text.substr(0, finding.offset));
    result += stripUrlCredentials(finding.url);
    result += text.substr(finding.offset + finding.url.size());
    return result;
}

} // namespace pindex::auth
