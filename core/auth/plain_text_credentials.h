#pragma once

// Finds index URLs with a password written in plain text in a TOML file's text
// ("https://user:secret@host/simple/" inside a quoted string), and removes such credentials from
// exactly one URL while leaving every other byte of the file as it was.
//
// Invariants: findings keep file order; `maskedUrl` never contains the secret; the full URL is
// kept only so that it can be moved into the keychain, and must never be shown or logged.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/credentials.h"
#include "core/util/error.h"

namespace pindex::auth {

struct PlainTextCredential
{
    std::string url;          // as written, with the secret: handle with care
    std::string maskedUrl;    // for people
    Credentials credentials;  // decoded from the URL
    std::size_t offset = 0;   // byte offset of the URL in the text
    std::uint32_t line = 0;   // 1-based
    std::uint32_t column = 0; // 1-based
};

// URLs inside quoted strings that carry a password (a username alone is not a secret).
[[nodiscard]] std::vector<PlainTextCredential> findPlainTextCredentials(std::string_view text);

// The text with the credentials of the URL at `finding.offset` removed. Refuses (Conflict) when
// the text no longer holds that URL there.
[[nodiscard]] Result<std::string> withoutPlainTextCredential(std::string_view text,
                                                             const PlainTextCredential& finding);

} // namespace pindex::auth
