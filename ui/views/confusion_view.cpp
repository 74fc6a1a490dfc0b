#include "ui/views/confusion_view.h"

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
#include "ui/background.h"
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

bool isPublic(const std::string& url)
{
    return url.contains("pypi.org") || url.contains("pythonhosted.org");
}

Result<CheckResult> check(const ProjectState& state, const std::filesystem::path& cacheDirectory,
                          bool offline, std::stop_token stop)
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
            privateByUrl[withoutSlash(install::indexConfigFor(entry, state.directory).url)] = entry.name;
    }
    if (state.lock) {
        for (const auto& package : state.lock->packages) {
            const auto found = privateByUrl.find(withoutSlash(package.index));
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

    index::HttpClient http;
    const index::HttpCache cache(cacheDirectory.empty() ? index::HttpCache::defaultDirectory()
                                                        : cacheDirectory);
    auto credentials = auth::makeCredentialChain({.environment = auth::processEnvironment()});
    const index::IndexServices services{
        .http = &http, .cache = &cache, .credentials = credentials.get(), .offline = offline};
    std::vector<std::unique_ptr<index::IndexClient>> clients;
    for (const auto& entry : order)
        clients.push_back(
            std::make_unique<index::IndexClient>(install::indexConfigFor(entry, state.directory), services));
    std::map<std::pair<std::size_t, std::string>, bool> answers;
    auto findings = resolver::checkConfusion(
        query,
        [&](std::size_t position, const std::string& package) -> Result<bool> {
            const auto key = std::make_pair(position, package);
            if (const auto known = answers.find(key); known != answers.end())
                return known->second;
            auto page = clients[position]->projectPage(package);
            if (!page)
                return std::unexpected(page.error());
            const bool has = page->has_value() && !(*page)->files.empty();
            answers.emplace(key, has);
            return has;
        },
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

void ConfusionView::setIndexAccess(std::filesystem::path cacheDirectory, bool offline)
{
    m_cacheDirectory = std::move(cacheDirectory);
    m_offline = offline;
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
    runInBackground(
        this,
        [state = m_state, cache = m_cacheDirectory, offline = m_offline, stop = m_stop->get_token()] {
            return check(*state, cache, offline, stop);
        },
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
