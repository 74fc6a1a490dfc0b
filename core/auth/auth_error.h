#pragma once

// The error for an index that refused a request (401/403) or needs credentials nobody provided.
// It names the index, its masked URL and where the rejected credentials came from, and hints at
// the ways to provide them (with this index's exact environment variable names); it never
// contains a secret.

#include "core/auth/credential_provider.h"
#include "core/util/error.h"

namespace pindex::auth {

// `httpStatus` 0 means no request was made (credentials required but none found).
[[nodiscard]] Error unauthorizedError(const IndexIdentity& index, int httpStatus, CredentialSource source);

} // namespace pindex::auth
