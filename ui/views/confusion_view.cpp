#include "ui/views/confusion_view.h"

#include <algorithm>
#include <map>
#include <set>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "core/auth/credential_chain.h"
#include "core/auth/environment_provider.h"
#include "core/index/http_cache.h"
#include "core/index/http_client.h"
#include "core/index/index_client.h"
#include "core/install/project_lock.h"
#include "core/project/uv_config.h"
#include "core/resolver/confusion_check.h"
#include "core/standards/name.h"
#include "ui/keychain/credential_retry.h"
#include "ui/models/confusion_model.h"
#include "ui/project_state.h"
#include "ui/qt_text.h"

namespace pindex::ui {
namespace {

struct CheckResult
{
    std::vector<resolver::ConfusionFinding> findings;
    std::size_t checked = 0;
    std::size_t pinned = 0;
};

std::string withoutSlash(std::string url)
{
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

// An index location as the lock and the configuration both spell it: a local index (a path,
// relative to the project like pylock.toml writes it, or a file:// URL) as its absolute path.
std::string locationKey(std::string location, const std::filesystem::path& directory)
{
    if (location.starts_with("file://"))
        location.erase(0, 7);
    if (!location.empty() && !location.contains("://")) {
        std::filesystem::path path(location);
        if (path.is_relative())
            path = directory / path;
        location = path.lexically_normal().string();
    }
    return withoutSlash(std::move(location));
}

bool isPublic(const std::string& url)
{
    return url.contains("pypi.org") || url.contains("pythonhosted.org");
}

// Which index pages the check will ask about, and their answers, fetched concurrently.
// checkConfusion asks about every candidate index of every package whatever the answers, so a
// dry run that answers "no" lists exactly the pages the real run needs.
class PageAnswers
{
public:
    PageAnswers(const resolver::ConfusionQuery& query, std::stop_token stop)
    {
        std::set<Key> asked;
        (void)resolver::checkConfusion(
            query,
            [&](std::size_t position, const std::string& package) -> Result<bool> {
                asked.emplace(position, package);
                return false;
            },
            stop);
        m_keys.assign(asked.begin(), asked.end());
    }

    // Fetches the pages of each index at once (the HttpClient keeps up to its concurrency in
    // flight); the first error is kept and answers every question.
    void fetch(const std::vector<std::unique_ptr<index::IndexClient>>& clients, std::stop_token stop)
    {
        m_answers.assign(m_keys.size(), false);
        for (std::size_t first = 0; first < m_keys.size() && !m_error;) {
            const std::size_t position = m_keys[first].first;
            std::size_t last = first;
            std::vector<std::string> names;
            for (; last < m_keys.size() && m_keys[last].first == position; ++last)
                names.push_back(m_keys[last].second);
            auto pages = clients[position]->projectPages(names, stop);
            for (std::size_t i = 0; i < pages.size(); ++i) {
                if (!pages[i]) {
                    m_error = pages[i].error();
                    break;
                }
                m_answers[first + i] = pages[i]->has_value() && !(*pages[i])->files.empty();
            }
            first = last;
        }
    }

    [[nodiscard]] Result<bool> has(std::size_t position, const std::string& package) const
    {
        if (m_error)
            return std::unexpected(*m_error);
        const auto found = std::ranges::lower_bound(m_keys, Key{position, package});
        if (found == m_keys.end() || *found != Key{position, package})
            return std::unexpected(
                makeError(ErrorCode::Internal, "the confusion check asked an unexpected page"));
        return static_cast<bool>(m_answers[static_cast<std::size_t>(found - m_keys.begin())]);
    }

private:
    using Key = std::pair<std::size_t, std::string>;
    std::vector<Key> m_keys; // sorted
    std::vector<char> m_answers;
    std::optional<Error> m_error;
};

Result<CheckResult> check(const ProjectState& state, const IndexAccess& access,
                          auth::CredentialProvider& credentials, std::stop_token stop)
{
    const auto order = project::searchOrder(state.indexes);
    resolver::ConfusionQuery query;
    for (const auto& entry : order)
        query.indexes.push_back({.name = entry.name, .explicitOnly = entry.isExplicit});
    if (auto strategy = resolver::parseIndexStrategy(state.indexStrategy))
        query.strategy = *strategy;
    for (const auto& source : state.project.sources) {
        if (source.kind == project::SourceEntry::Kind::Index && source.marker.empty())
            query.pins.sources.try_emplace(standards::canonicalizeName(source.package), source.target);
    }
    for (const auto& pattern : state.project.pinPatterns)
        query.pins.patterns.emplace_back(pattern.pattern, pattern.index);

    // What to check: pinned packages, and packages the lock took from a private index.
    std::map<std::string, std::string> packages(query.pins.sources.begin(), query.pins.sources.end());
    std::map<std::string, std::string> privateByUrl;
    for (const auto& entry : order) {
        if (!isPublic(entry.url))
            privateByUrl[locationKey(install::indexConfigFor(entry, state.directory).url, state.directory)] =
                entry.name;
    }
    if (state.lock) {
        for (const auto& package : state.lock->packages) {
            const auto found = privateByUrl.find(locationKey(package.index, state.directory));
            if (found != privateByUrl.end())
                packages.try_emplace(package.canonicalName(), found->second);
            else if (const auto plan =
                         resolver::planIndexes(package.canonicalName(), query.indexes, query.pins);
                     plan.pinnedBy && !plan.candidates.empty())
                packages.try_emplace(package.canonicalName(), query.indexes[plan.candidates.front()].name);
        }
    }
    CheckResult result;
    for (const auto& [name, index] : packages) {
        query.packages.emplace_back(name, index);
        if (resolver::planIndexes(name, query.indexes, query.pins).pinnedBy)
            ++result.pinned;
    }
    result.checked = query.packages.size();

    index::HttpClient http({.maxConcurrentTransfers = access.concurrency});
    const index::HttpCache cache(access.cacheDirectory.empty() ? index::HttpCache::defaultDirectory()
                                                               : access.cacheDirectory);
    const index::IndexServices services{
        .http = &http, .cache = &cache, .credentials = &credentials, .offline = access.offline};
    std::vector<std::unique_ptr<index::IndexClient>> clients;
    for (const auto& entry : order)
        clients.push_back(
            std::make_unique<index::IndexClient>(install::indexConfigFor(entry, state.directory), services));
    PageAnswers answers(query, stop);
    answers.fetch(clients, stop);
    auto findings = resolver::checkConfusion(
        query,
        [&](std::size_t position, const std::string& package) { return answers.has(position, package); },
        stop);
    if (!findings)
        return std::unexpected(findings.error());
    result.findings = std::move(*findings);
    return result;
}

} // namespace

ConfusionView::ConfusionView(QWidget* parent)
    : QWidget(parent)
    , m_model(new ConfusionModel(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_details(new QTextBrowser(this))
    , m_check(new QPushButton(tr("Check &now"), this))
    , m_pin(new QPushButton(this))
    , m_pattern(new QPushButton(this))
{
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(ConfusionModel::SortRole);
    m_table->setObjectName(QStringLiteral("confusionTable"));
    m_table->setAccessibleName(tr("Dependency-confusion findings"));
    m_table->setModel(proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTabKeyNavigation(false); // Tab leaves the table; the arrow keys move inside it
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Wide enough for each header (and, once findings arrive, each cell); the user may resize.
    m_table->resizeColumnsToContents();
    m_summary->setObjectName(QStringLiteral("confusionSummary"));
    m_summary->setWordWrap(true);
    m_details->setObjectName(QStringLiteral("confusionDetails"));
    m_details->setMaximumHeight(90);
    m_details->setAccessibleName(tr("About the selected finding"));
    m_check->setObjectName(QStringLiteral("confusionCheck"));
    m_check->setToolTip(
        tr("Ask every configured index which of the project's private package names it lists"));
    m_pin->setObjectName(QStringLiteral("confusionPin"));
    m_pattern->setObjectName(QStringLiteral("confusionPattern"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_check);
    buttons->addStretch(1);
    buttons->addWidget(m_pin);
    buttons->addWidget(m_pattern);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);
    layout->addLayout(buttons);

    connect(m_check, &QPushButton::clicked, this, &ConfusionView::runCheck);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ConfusionView::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ConfusionView::updateButtons);
    connect(m_pin, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            Q_EMIT fixRequested(current.data(ConfusionModel::PackageRole).toString(), QString(),
                                current.data(ConfusionModel::IntendedRole).toString());
    });
    connect(m_pattern, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            Q_EMIT fixRequested(current.data(ConfusionModel::PackageRole).toString(),
                                current.data(ConfusionModel::PatternRole).toString(),
                                current.data(ConfusionModel::IntendedRole).toString());
    });
    clear();
}

ConfusionView::~ConfusionView()
{
    if (m_stop)
        m_stop->request_stop();
}

void ConfusionView::setJobSource(CredentialPrompt* prompt, std::function<JobRequest()> source)
{
    m_prompt = prompt;
    m_source = std::move(source);
}

void ConfusionView::clear()
{
    ++m_generation;
    if (m_stop)
        m_stop->request_stop();
    m_model->setFindings({});
    m_summary->setText(tr("Checks whether a package meant to come from a private index is also listed on "
                          "another index that could be used instead. Nothing is sent but package names."));
    m_details->clear();
    updateButtons();
}

void ConfusionView::setProject(const QString& directory, std::shared_ptr<const ProjectState> state)
{
    m_directory = directory;
    m_state = std::move(state);
    m_check->setEnabled(m_state != nullptr);
}

void ConfusionView::runCheck()
{
    if (!m_state)
        return;
    if (m_stop)
        m_stop->request_stop();
    m_stop.emplace();
    const quint64 generation = ++m_generation;
    m_summary->setText(tr("Checking the indexes…"));
    m_check->setEnabled(false);
    JobRequest request;
    if (m_source)
        request = m_source();
    if (!request.credentials)
        request.credentials = auth::makeCredentialChain({.environment = auth::processEnvironment()});
    // As for Lock and Sync: every run builds its clients from the provider it is given, so the run
    // after a credentials dialog answers with what the user saved.
    runWithCredentialRetry<CheckResult>(
        this, m_prompt, request.credentials, request.indexes,
        [state = m_state, access = request.access, stop = m_stop->get_token()](
            auth::CredentialProvider& credentials) { return check(*state, access, credentials, stop); },
        [this, generation](const Result<CheckResult>& result) {
            if (generation != m_generation)
                return;
            m_check->setEnabled(true);
            if (!result) {
                m_summary->setText(
                    tr("The check could not finish: %1").arg(toQString(result.error().describe())));
                Q_EMIT checkFinished(false);
                return;
            }
            const int checked = static_cast<int>(result->checked);
            const int pinned = static_cast<int>(result->pinned);
            if (result->findings.empty()) {
                m_summary->setText(
                    checked == 0 ? tr("No package comes from a private index or is pinned: nothing to check.")
                                 : tr("Checked %1 package(s), %2 of them pinned: no other index can supply "
                                      "them instead.")
                                       .arg(checked)
                                       .arg(pinned));
            } else {
                m_summary->setText(
                    tr("Checked %1 package(s), %2 of them pinned. %n name(s) also exist elsewhere; "
                       "pinning each to its index makes the choice explicit.",
                       nullptr, static_cast<int>(result->findings.size()))
                        .arg(checked)
                        .arg(pinned));
            }
            m_model->setFindings(result->findings);
            m_table->resizeColumnsToContents();
            if (m_model->rowCount() > 0)
                m_table->setCurrentIndex(m_table->model()->index(0, 0));
            updateButtons();
            Q_EMIT checkFinished(true);
        });
}

void ConfusionView::updateButtons()
{
    const QModelIndex current = m_table->currentIndex();
    const bool selected = current.isValid();
    const QString package = selected ? current.data(ConfusionModel::PackageRole).toString() : QString();
    const QString index = selected ? current.data(ConfusionModel::IntendedRole).toString() : QString();
    const QString pattern = selected ? current.data(ConfusionModel::PatternRole).toString() : QString();
    m_pin->setText(selected ? tr("&Pin %1 to %2").arg(package, index) : tr("&Pin to its index"));
    m_pin->setEnabled(selected);
    m_pattern->setText(pattern.isEmpty() ? tr("Pin a p&attern")
                                         : tr("Pin p&attern %1 to %2").arg(pattern, index));
    m_pattern->setEnabled(selected && !pattern.isEmpty());
    m_details->setPlainText(selected ? current.siblingAtColumn(0).data(Qt::ToolTipRole).toString()
                                     : QString());
}

} // namespace pindex::ui
