// pindex sync [--project DIR] [--lock FILE] [--venv DIR] [--inexact] [--dry-run] [--offline]
//             [--compile] [--allow-unhashed] [-v]
//
// Makes the project's venv match its lock exactly (install::syncProject): one line per package
// changed, a progress bar on a terminal (standard error), and a summary with the time taken; with
// -v, the time of each phase on standard error.
// Exit 0 when the venv matches the lock, 1 when a package failed or the sync was cancelled (each
// package is left in its old or its new state, as the lines say), 2 on errors found before
// anything changed (no lock, no interpreter, a lock without hashes, ...).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "app/arguments.h"
#include "app/commands.h"
#include "app/keychain.h"
#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/install/sync_job.h"

namespace pindex::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "Usage: pindex sync [--project DIR] [--lock FILE] [--venv DIR] [--inexact] [--dry-run]\n"
    "                   [--offline] [--compile] [--allow-unhashed] [-v|--verbose]\n"
    "\n"
    "Make the project's venv (.venv) match its lock (pylock.toml, uv.lock or requirements.txt):\n"
    "install, upgrade, downgrade, reinstall and remove packages; every file checked against the\n"
    "lock's sha256.\n"
    "\n"
    "  --project DIR     the project folder (default: the current folder)\n"
    "  --lock FILE       the lock to sync from\n"
    "  --venv DIR        the venv (default: DIR/.venv, created when missing)\n"
    "  --inexact         keep installed packages the lock does not name\n"
    "  --dry-run         show what would change, change nothing\n"
    "  --offline         use cached wheels only\n"
    "  --compile         compile bytecode after installing\n"
    "  --allow-unhashed  install lock entries that have no sha256 (unverified)\n"
    "  -v, --verbose     print how long each phase took to standard error\n";

std::string formatBytes(std::uint64_t bytes)
{
    std::ostringstream text;
    if (bytes < 1024)
        text << bytes << " B";
    else if (bytes < 1024 * 1024)
        text << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / 1024.0 << " KiB";
    else
        text << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / (1024.0 * 1024.0)
             << " MiB";
    return text.str();
}

char sigil(install::PackageOutcome outcome)
{
    switch (outcome) {
    case install::PackageOutcome::Installed: return '+';
    case install::PackageOutcome::Removed: return '-';
    case install::PackageOutcome::Upgraded:
    case install::PackageOutcome::Downgraded:
    case install::PackageOutcome::Reinstalled: return '~';
    default: return '!';
    }
}

std::string describe(const install::PackageResult& result, install::PackageOutcome outcome)
{
    std::string line = result.name + " ";
    switch (outcome) {
    case install::PackageOutcome::Installed: return line + result.newVersion;
    case install::PackageOutcome::Removed: return line + result.oldVersion;
    case install::PackageOutcome::Reinstalled: return line + result.newVersion + " (other file)";
    default: return line + result.oldVersion + " -> " + result.newVersion;
    }
}

// Prints each finished package as a line; on a terminal, also redraws a progress bar on stderr.
class ConsoleObserver : public install::SyncProgressObserver
{
public:
    ConsoleObserver(std::ostream& out, std::ostream& err, bool terminal, bool dryRun)
        : m_out(out)
        , m_err(err)
        , m_terminal(terminal)
        , m_dryRun(dryRun)
    {}

    void planned(const install::SyncSummary& plan) override
    {
        m_total = static_cast<std::size_t>(std::ranges::count_if(plan.packages, [](const auto& result) {
            return result.planned != install::PackageOutcome::Unchanged;
        }));
    }

    void overall(const install::SyncProgress& progress) override
    {
        m_progress = progress;
        draw();
    }

    void finished(const install::PackageResult& result) override
    {
        clearBar();
        if (result.outcome == install::PackageOutcome::Failed ||
            result.outcome == install::PackageOutcome::NotStarted) {
            m_out << " ! " << result.name << ": " << toString(result.outcome) << ", still "
                  << (result.installedVersion.empty() ? std::string("absent") : result.installedVersion);
            if (result.error)
                m_out << " (" << result.error->describe() << ")";
            m_out << '\n';
        } else if (result.outcome != install::PackageOutcome::Unchanged) {
            m_out << ' ' << sigil(result.outcome) << ' ' << describe(result, result.outcome) << '\n';
        }
        m_out.flush();
        ++m_done;
        draw();
    }

    void clearBar()
    {
        if (m_terminal && m_drawn) {
            m_err << "\r\033[2K";
            m_err.flush();
            m_drawn = false;
        }
    }

private:
    void draw()
    {
        if (!m_terminal || m_dryRun || m_total == 0 || m_progress.phase == install::SyncPhase::Finished)
            return;
        constexpr std::size_t kWidth = 30;
        const std::size_t filled = m_total == 0 ? 0 : std::min(kWidth, m_done * kWidth / m_total);
        std::string bar(filled, '#');
        bar.resize(kWidth, '.');
        m_err << "\r\033[2K[" << bar << "] " << m_done << '/' << m_total;
        if (m_progress.phase == install::SyncPhase::Downloading) {
            m_err << " downloading " << formatBytes(m_progress.bytesDone);
            if (m_progress.bytesTotal > 0)
                m_err << " / " << formatBytes(m_progress.bytesTotal);
        } else if (m_progress.phase == install::SyncPhase::Installing) {
            m_err << " installing";
        }
        m_err.flush();
        m_drawn = true;
    }

    std::ostream& m_out;
    std::ostream& m_err;
    bool m_terminal;
    bool m_dryRun;
    bool m_drawn = false;
    std::size_t m_total = 0;
    std::size_t m_done = 0;
    install::SyncProgress m_progress;
};

} // namespace

int runSync(CommandContext& context)
{
    const auto commandStarted = std::chrono::steady_clock::now();
    if (std::ranges::find(context.arguments, "--help") != context.arguments.end() ||
        std::ranges::find(context.arguments, "-h") != context.arguments.end()) {
        context.out << kUsage;
        return 0;
    }
    std::vector<std::string> words;
    for (const auto& word : context.arguments)
        words.push_back(word == "-v" ? "--verbose" : word);
    const auto arguments = Arguments::parse(
        words, {.flags = {"inexact", "dry-run", "offline", "compile", "allow-unhashed", "verbose"},
                .valued = {"project", "lock", "venv"}});
    if (!arguments) {
        context.err << "pindex sync: " << arguments.error().describe() << '\n' << kUsage;
        return 2;
    }
    if (!arguments->positional().empty()) {
        context.err << "pindex sync: unexpected argument '" << arguments->positional().front() << "'\n"
                    << kUsage;
        return 2;
    }
    std::error_code ignored;
    install::SyncJobOptions options;
    options.projectDirectory = fs::absolute(arguments->valueOr("project", "."), ignored).lexically_normal();
    if (auto lockFile = arguments->value("lock"))
        options.lockFile = fs::absolute(*lockFile, ignored);
    if (auto venv = arguments->value("venv"))
        options.venv = fs::absolute(*venv, ignored);
    options.inexact = arguments->has("inexact");
    options.dryRun = arguments->has("dry-run");
    options.offline = arguments->has("offline");
    options.compileBytecode = arguments->has("compile");
    options.allowUnhashed = arguments->has("allow-unhashed");

    const bool terminal = ::isatty(STDERR_FILENO) == 1 && &context.err == &std::cerr;
    ConsoleObserver observer(context.out, context.err, terminal, options.dryRun);
    // Credentials: URL, UV_INDEX_<NAME>_*, netrc, then the OS keychain. The sync runs on a worker;
    // the keychain (and Qt with it) is loaded only if the chain reaches it, and then answers on
    // this thread's event loop.
    auto summary = [&] {
        std::optional<decltype(install::syncProject(options))> result;
        runWithKeychain([&](auth::CredentialStore& keychain) {
            auto chain =
                auth::makeCredentialChain({.environment = auth::processEnvironment(), .keychain = &keychain});
            result.emplace(install::syncProject(options, options.dryRun ? nullptr : &observer, {},
                                                {.credentials = chain.get()}));
            return 0;
        });
        return std::move(*result);
    }();
    observer.clearBar();
    if (!summary) {
        context.err << "pindex sync: " << summary.error().describe() << '\n';
        return 2;
    }
    for (const auto& problem : summary->unsupported)
        context.err << "pindex sync: " << problem.describe() << '\n';
    if (arguments->has("verbose")) {
        util::PhaseTimings command = summary->timings;
        command.add("(outside the job)",
                    std::chrono::steady_clock::now() - commandStarted - summary->timings.total());
        context.err << "pindex sync: time per phase\n" << command.format();
    }

    using install::PackageOutcome;
    if (summary->dryRun) {
        context.out << "Would sync " << summary->venv.string() << " with " << summary->lockFile.string()
                    << (summary->venvCreated ? " (new venv)" : "") << ":\n";
        for (const auto& result : summary->packages)
            if (result.planned != PackageOutcome::Unchanged)
                context.out << ' ' << sigil(result.planned) << ' ' << describe(result, result.planned)
                            << '\n';
        context.out << "Would install " << summary->count(PackageOutcome::Installed) << ", upgrade "
                    << summary->count(PackageOutcome::Upgraded) << ", downgrade "
                    << summary->count(PackageOutcome::Downgraded) << ", reinstall "
                    << summary->count(PackageOutcome::Reinstalled) << ", remove "
                    << summary->count(PackageOutcome::Removed) << "; "
                    << summary->count(PackageOutcome::Unchanged) << " unchanged\n";
        return summary->unsupported.empty() ? 0 : 1;
    }
    context.out << "Installed " << summary->count(PackageOutcome::Installed) << ", upgraded "
                << summary->count(PackageOutcome::Upgraded) << ", downgraded "
                << summary->count(PackageOutcome::Downgraded) << ", reinstalled "
                << summary->count(PackageOutcome::Reinstalled) << ", removed "
                << summary->count(PackageOutcome::Removed) << ", unchanged "
                << summary->count(PackageOutcome::Unchanged);
    if (summary->downloadBytes > 0)
        context.out << "; downloaded " << formatBytes(summary->downloadBytes);
    context.out << " in " << summary->elapsed.count() << " ms\n";
    if (summary->succeeded())
        return 0;
    const auto failed = summary->count(PackageOutcome::Failed);
    const auto notStarted = summary->count(PackageOutcome::NotStarted);
    context.err << "pindex sync: " << (summary->cancelled ? "cancelled; " : "") << failed << " failed, "
                << notStarted << " not started; those packages keep their previous state\n";
    return 1;
}

} // namespace pindex::app
