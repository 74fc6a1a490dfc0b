#pragma once

// The connection test of one configured index (`pindex index test NAME`, the credentials
// dialog's callers in the UI): is the index reachable and how fast does it answer, which API
// flavour does it speak (PEP 691 JSON, PEP 503 HTML, a flat page or directory), does it require
// authentication, and do the credentials the provider finds work.
//
// The test sends one request without credentials, then (when the provider has credentials for the
// index and `authenticate` is not "never") the same request with them. A provider that cannot be
// asked (a keychain that is not running) is reported, not hidden: `credentialLookupError` holds
// its message and hint. The report never holds a secret.

#include <chrono>
#include <optional>
#include <stop_token>
#include <string>

#include "core/auth/credential_provider.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"

namespace pindex::index {

struct ConnectionReport
{
    enum class Verdict {
        Usable,                 // reachable, answering without credentials or with the ones found
        Unreachable,            // no answer at all (DNS, connection, TLS, timeout; a missing directory)
        AuthenticationRequired, // 401/403 and no usable credentials (none found, lookup failed, never)
        CredentialsRejected,    // 401/403 also with the credentials found
        Failed,                 // an answer, but not a usable one (404, 5xx)
    };
    enum class CredentialCheck {
        NoneFound,    // no provider has credentials for the index
        LookupFailed, // a provider failed (see credentialLookupError)
        NotUsed,      // found but not sent: authenticate = "never"
        NotChecked,   // found, but the request with them got no usable answer
        Accepted,     // the index answered 2xx with them
        Rejected,     // the index answered 401/403 with them
    };

    std::string url; // masked
    Verdict verdict = Verdict::Failed;
    std::string problem; // why, for Unreachable and Failed

    bool isLocalDirectory = false; // a flat index read from disk
    std::size_t localFileCount = 0;

    long anonymousStatus = 0;            // the answer without credentials
    std::chrono::milliseconds latency{}; // of the request without credentials
    bool http2 = false;
    bool authenticationRequired = false; // 401/403 without credentials

    CredentialCheck credentialCheck = CredentialCheck::NoneFound;
    auth::CredentialSource credentialSource = auth::CredentialSource::None;
    std::optional<Error> credentialLookupError;
    long credentialStatus = 0;
    std::chrono::milliseconds credentialLatency{};

    std::string flavour; // "JSON (PEP 691)", "HTML (PEP 503)", "flat (a page of links)", ...
    std::string apiVersion;
    std::optional<std::size_t> projectCount; // projects listed (distribution files, for a flat page)

    [[nodiscard]] bool usable() const { return verdict == Verdict::Usable; }
    // Reachable, but asking for credentials nobody provided or that it rejected.
    [[nodiscard]] bool needsCredentials() const
    {
        return verdict == Verdict::AuthenticationRequired || verdict == Verdict::CredentialsRejected;
    }
};

// `config.url` may be a local flat directory. Never fails: everything is in the report. `http`
// null: a client of its own (two attempts per request).
[[nodiscard]] ConnectionReport testConnection(const IndexConfig& config,
                                              auth::CredentialProvider* credentials,
                                              HttpClient* http = nullptr, std::stop_token stop = {});

} // namespace pindex::index
