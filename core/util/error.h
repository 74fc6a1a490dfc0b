#pragma once

// pindex::Error: the one error type of the core. Every fallible core function returns
// std::expected<T, Error>; an Error travels as data from a worker thread to the UI, and carries
// everything a person needs to act on it: what happened, where (file:line:column or a URL with its
// credentials masked), and what to do next.
//
// Invariants: `message` is a complete sentence for people and never contains a secret; `url` is
// always stored masked (see maskUrlCredentials).

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace pindex {

enum class ErrorCode : std::uint8_t {
    Io,            // reading or writing a file failed
    Parse,         // malformed input (TOML, JSON, HTML, metadata, a PEP 440/508 string, ...)
    Invalid,       // well-formed input that breaks a rule (duplicate index name, unknown pin, ...)
    Conflict,      // a file changed on disk since it was read
    NotFound,      // a named thing does not exist (an index, a project directory)
    Network,       // connection, DNS, TLS, timeout
    Http,          // the server answered with an error status
    Unauthorized,  // 401/403, or credentials required and none available
    Cancelled,     // the operation was stopped by its stop_token
    Unsatisfiable, // the resolver proved there is no solution
    Unsupported,   // valid but not handled yet (e.g. a source build)
    Internal,      // a bug: an invariant did not hold
};

std::string_view toString(ErrorCode code);

// A place in a text file. Lines and columns are 1-based; 0 means unknown.
struct SourceLocation
{
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    std::optional<SourceLocation> location;
    std::string indexName; // the index involved, if any
    std::string url;       // masked
    int httpStatus = 0;    // 0 when not an HTTP error
    int attempt = 0;       // 0 when not retried
    std::string hint;      // the next step to take, if we know one

    // "file:line:column: message (hint)" style text for a terminal or a log line.
    [[nodiscard]] std::string describe() const;
};

[[nodiscard]] Error makeError(ErrorCode code, std::string message);
[[nodiscard]] Error makeFileError(ErrorCode code, std::string message, std::string file,
                                  std::uint32_t line = 0, std::uint32_t column = 0);

template <typename T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

// "https://user:secret@host/x" -> "https://user:****@host/x"; a URL without credentials is
// returned unchanged. Also masks a bare token ("https://token@host").
[[nodiscard]] std::string maskUrlCredentials(std::string_view url);

} // namespace pindex
