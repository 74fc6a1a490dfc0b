#pragma once

// A parsed netrc file (the format curl, pip, requests and uv read): `machine HOST login USER
// password SECRET` entries, an optional `default` entry, `account` (ignored) and `macdef` blocks
// (skipped up to the next empty line). Tokens are separated by any whitespace; a token may be
// double-quoted with backslash escapes, as curl allows.
//
// Invariants: entries keep file order; `find` returns the first matching machine, then `default`.
// Parse errors name the file, line and column but never quote a password.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/auth/credentials.h"
#include "core/util/error.h"

namespace pindex::auth {

struct NetrcEntry
{
    std::string machine; // empty for the `default` entry
    std::string login;
    std::string password;
};

class Netrc
{
public:
    [[nodiscard]] static Result<Netrc> parse(std::string_view text, const std::string& fileName = "netrc");
    [[nodiscard]] static Result<Netrc> load(const std::filesystem::path& file);

    // The entry for `host` (lower case compare); with a username, only an entry with that login.
    [[nodiscard]] std::optional<Credentials> find(std::string_view host,
                                                  std::string_view username = {}) const;
    [[nodiscard]] const std::vector<NetrcEntry>& entries() const { return m_entries; }

private:
    std::vector<NetrcEntry> m_entries;
};

} // namespace pindex::auth
