// pindex auth login|logout|status: credentials for an index in the OS keychain, and where each
// index's credentials come from. Secrets are read from standard input, never from the command
// line, and are never printed.

#include <iostream>
#include <ostream>

#include "app/arguments.h"
#include "app/commands.h"
#include "app/keychain.h"
#include "core/auth/credential_chain.h"
#include "core/auth/credential_vault.h"
#include "core/auth/environment_provider.h"
#include "core/auth/index_url.h"
#include "core/auth/netrc_provider.h"
#include "core/project/pyproject.h"

namespace pindex::app {
namespace {

struct Target
{
    std::string name; // empty for a bare URL
    std::string url;  // without credentials
};

// INDEX-OR-URL: a URL as given, or the name of an index of the project in `directory`.
Result<Target> resolveTarget(const std::string& indexOrUrl, const std::filesystem::path& directory)
{
    if (indexOrUrl.find("://") != std::string::npos)
        return Target{{}, auth::stripUrlCredentials(indexOrUrl)};
    const auto project = project::loadPyProject(directory / "pyproject.toml");
    if (!project)
        return std::unexpected(project.error());
    for (const auto& entry : project->indexes) {
        if (entry.name == indexOrUrl)
            return Target{entry.name, auth::stripUrlCredentials(entry.url)};
    }
    Error error = makeError(ErrorCode::NotFound, "no index named '" + indexOrUrl + "' in " +
                                                     (directory / "pyproject.toml").string());
    error.hint = "give the index URL instead, or --project DIR";
    return std::unexpected(error);
}

std::string readSecret()
{
    std::string secret;
    std::getline(std::cin, secret);
    while (!secret.empty() && (secret.back() == '\r' || secret.back() == '\n'))
        secret.pop_back();
    return secret;
}

int login(CommandContext& context, const Arguments& arguments)
{
    auto& err = context.err;
    if (arguments.positional().size() != 2) {
        err << "usage: pindex auth login INDEX-OR-URL --username U (--password - | --token -)\n";
        return 2;
    }
    const auto password = arguments.value("password");
    const auto token = arguments.value("token");
    if (password.has_value() == token.has_value()) {
        err << "pindex auth login: give exactly one of --password - and --token -\n";
        return 2;
    }
    if (password.value_or(token.value_or("-")) != "-") {
        err << "pindex auth login: secrets are read from standard input only: pass --"
            << (password ? "password" : "token") << " - and write the secret to stdin\n";
        return 2;
    }
    auto username = arguments.value("username");
    if (password && !username) {
        err << "pindex auth login: --password needs --username (use --token - for a token)\n";
        return 2;
    }
    if (!username)
        username = "__token__"; // what PyPI-style token indexes expect; --username "" for a bare token
    const auto target = resolveTarget(arguments.positional()[1], arguments.valueOr("project", "."));
    if (!target) {
        err << "pindex auth login: " << target.error().describe() << '\n';
        return 2;
    }
    const auth::Credentials credentials{*username, readSecret()};
    if (credentials.password.empty()) {
        err << "pindex auth login: no secret on standard input\n";
        return 2;
    }
    return runHeadlessKeychain([&](auth::CredentialStore& store, std::function<void(int)> finish) {
        auth::CredentialVault(store).save(target->url, credentials, [&, finish](Status saved) {
            if (!saved) {
                err << "pindex auth login: " << saved.error().describe() << '\n';
                finish(1);
                return;
            }
            context.out << "Saved the credentials of "
                        << (credentials.username.empty() ? "a bare token" : "'" + credentials.username + "'")
                        << " for " << target->url << " in the OS keychain.\n";
            finish(0);
        });
    });
}

int logout(CommandContext& context, const Arguments& arguments)
{
    if (arguments.positional().size() != 2) {
        context.err << "usage: pindex auth logout INDEX-OR-URL [--username U]\n";
        return 2;
    }
    const auto target = resolveTarget(arguments.positional()[1], arguments.valueOr("project", "."));
    if (!target) {
        context.err << "pindex auth logout: " << target.error().describe() << '\n';
        return 2;
    }
    return runHeadlessKeychain([&](auth::CredentialStore& store, std::function<void(int)> finish) {
        auth::CredentialVault(store).remove(
            target->url, arguments.value("username"), [&, finish](Status removed) {
                if (!removed) {
                    context.err << "pindex auth logout: " << removed.error().describe() << '\n';
                    finish(1);
                    return;
                }
                context.out << "Removed the stored credentials for " << target->url << ".\n";
                finish(0);
            });
    });
}

std::string describeProvided(const auth::IndexIdentity& index, const auth::ProvidedCredentials& provided,
                             const auth::EnvironmentLookup& environment)
{
    const std::string user = provided.credentials.username.empty()
                                 ? std::string("a bare token")
                                 : "user '" + provided.credentials.username + "'";
    switch (provided.source) {
    case auth::CredentialSource::Url:
        return "URL (" + user + ", written in the index URL: move it to the keychain)";
    case auth::CredentialSource::Environment: {
        const auto names = auth::environmentVariableNames(index.name);
        return "environment (" + user + ", " + names.username + " / " + names.password + ")";
    }
    case auth::CredentialSource::Netrc:
        return "netrc (" + user + ", " + auth::defaultNetrcPath(environment).string() + ")";
    case auth::CredentialSource::Keychain: return "keychain (" + user + ")";
    case auth::CredentialSource::Session: return "session (" + user + ")";
    case auth::CredentialSource::None: break;
    }
    return "none found";
}

int status(CommandContext& context, const Arguments& arguments)
{
    const std::filesystem::path directory = arguments.valueOr("project", ".");
    std::vector<auth::IndexIdentity> indexes;
    if (arguments.positional().size() > 1) {
        const auto target = resolveTarget(arguments.positional()[1], directory);
        if (!target) {
            context.err << "pindex auth status: " << target.error().describe() << '\n';
            return 2;
        }
        indexes.push_back({target->name, target->url});
    } else {
        const auto project = project::loadPyProject(directory / "pyproject.toml");
        if (!project) {
            context.err << "pindex auth status: " << project.error().describe() << '\n';
            return 2;
        }
        for (const auto& entry : project->indexes)
            indexes.push_back({entry.name, entry.url});
    }
    if (indexes.empty()) {
        context.out << "No indexes configured (PyPI only).\n";
        return 0;
    }
    const auto environment = auth::processEnvironment();
    std::vector<std::string> lines(indexes.size());
    // The chain runs on a worker; the keychain is loaded only when the chain reaches it.
    const int code = runWithKeychain([&](auth::CredentialStore& keychain) {
        auto chain = auth::makeCredentialChain({.environment = environment, .keychain = &keychain});
        int result = 0;
        for (std::size_t i = 0; i < indexes.size(); ++i) {
            const auto& index = indexes[i];
            const auto provided = chain->credentialsFor(index);
            std::string where;
            if (!provided) {
                where = "error: " + provided.error().describe();
                result = 1;
            } else if (!provided->has_value()) {
                where = "none found";
            } else {
                where = describeProvided(index, **provided, environment);
            }
            lines[i] = (index.name.empty() ? std::string("(url)") : index.name) + "  " +
                       maskUrlCredentials(index.url) + "\n    credentials: " + where + '\n';
        }
        return result;
    });
    for (const auto& line : lines)
        context.out << line;
    return code;
}

} // namespace

int runAuth(CommandContext& context)
{
    const auto arguments = Arguments::parse(
        context.arguments, {.flags = {"help"}, .valued = {"project", "username", "password", "token"}});
    if (!arguments) {
        context.err << "pindex auth: " << arguments.error().describe() << '\n';
        return 2;
    }
    const std::string action = arguments->positional().empty() ? "" : arguments->positional().front();
    if (action == "login" && !arguments->has("help"))
        return login(context, *arguments);
    if (action == "logout" && !arguments->has("help"))
        return logout(context, *arguments);
    if (action == "status" && !arguments->has("help"))
        return status(context, *arguments);
    const bool asked = arguments->has("help");
    (asked ? context.out : context.err)
        << "usage: pindex auth login INDEX-OR-URL --username U (--password - | --token -) [--project DIR]\n"
           "       pindex auth logout INDEX-OR-URL [--username U] [--project DIR]\n"
           "       pindex auth status [INDEX-OR-URL] [--project DIR]\n";
    return asked ? 0 : 2;
}

} // namespace pindex::app
