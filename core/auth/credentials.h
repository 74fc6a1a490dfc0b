#pragma once

// A username and secret for one index. A bare token is a password with an empty username.
// The secret is never written to a project file, a lock, the cache, a log or an error message.

#include <string>

namespace pindex::auth {

struct Credentials
{
    std::string username;
    std::string password;

    [[nodiscard]] bool empty() const { return username.empty() && password.empty(); }
};

} // namespace pindex::auth
