// pindex keyring: the command-line protocol of the `keyring` tool, which pip's and uv's
// subprocess keyring providers call, answered from the Pindex credential store:
//
//   keyring get SERVICE USERNAME              prints the password; exit 1 when there is none
//   keyring --mode creds get SERVICE [USER]   prints the username, then the password
//   keyring set SERVICE USERNAME              stores the password read from standard input
//   keyring del SERVICE USERNAME              forgets it
//
// SERVICE is an index URL (or any URL under it) or a bare host name, as pip and uv send them.

#include <iostream>
#include <ostream>

#include "app/arguments.h"
#include "app/commands.h"
#include "app/keychain.h"
#include "core/auth/credential_vault.h"

namespace pindex::app {
namespace {

constexpr std::string_view kUsage = "usage: pindex keyring [--mode password|creds] get SERVICE USERNAME\n"
                                    "       pindex keyring set SERVICE USERNAME   (password on stdin)\n"
                                    "       pindex keyring del SERVICE USERNAME\n";

std::string serviceUrl(const std::string& service)
{
    // `set` needs an index URL; a bare host stands for its origin.
    return service.find("://") == std::string::npos ? "https://" + service + "/" : service;
}

} // namespace

int runKeyring(CommandContext& context)
{
    const auto arguments =
        Arguments::parse(context.arguments, {.flags = {"help"}, .valued = {"mode", "output"}});
    if (!arguments) {
        context.err << "pindex keyring: " << arguments.error().describe() << '\n';
        return 2;
    }
    if (arguments->has("help")) {
        context.out << kUsage;
        return 0;
    }
    const auto& words = arguments->positional();
    const std::string mode = arguments->valueOr("mode", "password");
    if (words.size() < 2 || (mode != "password" && mode != "creds")) {
        context.err << kUsage;
        return 2;
    }
    const std::string& action = words[0];
    const std::string& service = words[1];
    std::optional<std::string> username;
    if (words.size() > 2 && !(mode == "creds" && words[2].empty()))
        username = words[2];
    if (!username && (mode == "password" || action != "get")) {
        context.err << kUsage;
        return 2;
    }

    if (action == "get") {
        return runHeadlessKeychain([&](auth::CredentialStore& store, std::function<void(int)> finish) {
            auth::CredentialVault(store).lookup(
                service, username, [&, finish](Result<std::optional<auth::Credentials>> found) {
                    if (!found) {
                        context.err << "pindex keyring: " << found.error().describe() << '\n';
                        finish(1);
                    } else if (!found->has_value()) {
                        finish(1); // like keyring: nothing on stdout, exit status 1
                    } else {
                        if (mode == "creds")
                            context.out << (*found)->username << '\n';
                        context.out << (*found)->password << '\n' << std::flush;
                        finish(0);
                    }
                });
        });
    }
    if (action == "set") {
        std::string secret;
        std::getline(std::cin, secret);
        while (!secret.empty() && (secret.back() == '\r' || secret.back() == '\n'))
            secret.pop_back();
        return runHeadlessKeychain([&](auth::CredentialStore& store, std::function<void(int)> finish) {
            auth::CredentialVault(store).save(
                serviceUrl(service), {*username, secret}, [&, finish](Status saved) {
                    if (!saved)
                        context.err << "pindex keyring: " << saved.error().describe() << '\n';
                    finish(saved ? 0 : 1);
                });
        });
    }
    if (action == "del") {
        return runHeadlessKeychain([&](auth::CredentialStore& store, std::function<void(int)> finish) {
            auth::CredentialVault(store).remove(serviceUrl(service), username, [&, finish](Status removed) {
                if (!removed)
                    context.err << "pindex keyring: " << removed.error().describe() << '\n';
                finish(removed ? 0 : 1);
            });
        });
    }
    context.err << kUsage;
    return 2;
}

} // namespace pindex::app
