#include "ui/views/indexes_view.h"

#include <array>

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include "core/auth/memory_store.h"
#include "ui/background.h"
#include "ui/icons.h"
#include "ui/keychain/plain_text_banner.h"
#include "ui/models/index_model.h"
#include "ui/qt_text.h"
#include "ui/views/index_credentials.h"
#include "ui/views/table_pane.h"

namespace pindex::ui {
namespace {

struct Strategy
{
    const char* value;
    const char* label;
    const char* explanation;
};

// The three strategies, in words, with their dependency-confusion risk.
const std::array<Strategy, 3>& strategies()
{
    static const std::array<Strategy, 3> list = {{
        {"first-index",
         QT_TRANSLATE_NOOP("pindex::ui::IndexesView", "First index that has the package (uv's default)"),
         QT_TRANSLATE_NOOP(
             "pindex::ui::IndexesView",
             "Each package comes from the first index, in the order below, that has it at all; the "
             "others are not asked. A package on your private index can never be replaced by one "
             "of the same name on PyPI. Dependency-confusion risk: low.")},
        {"unsafe-first-match",
         QT_TRANSLATE_NOOP("pindex::ui::IndexesView", "First index with a matching version"),
         QT_TRANSLATE_NOOP(
             "pindex::ui::IndexesView",
             "Indexes are asked in order until one has a version that fits the requirements. When "
             "your private index has no fitting version, a package of the same name from an index "
             "further down — PyPI — is used. Dependency-confusion risk: medium; pin internal "
             "packages to their index.")},
        {"unsafe-best-match", QT_TRANSLATE_NOOP("pindex::ui::IndexesView", "Best version from any index"),
         QT_TRANSLATE_NOOP(
             "pindex::ui::IndexesView",
             "Every index is asked and the highest fitting version wins, wherever it is. Anyone who "
             "publishes your internal package's name on PyPI with a higher version number takes "
             "its place. Dependency-confusion risk: high; use it only with every internal package "
             "pinned.")},
    }};
    return list;
}

// Combo boxes for the Role and Authenticate columns; the default line edit for Name and URL.
class IndexDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override
    {
        if (index.column() == IndexModel::Role) {
            auto* combo = new QComboBox(parent);
            combo->addItem(IndexModel::tr("searched"), QStringLiteral("searched"));
            combo->addItem(IndexModel::tr("explicit"), QStringLiteral("explicit"));
            combo->addItem(IndexModel::tr("default"), QStringLiteral("default"));
            return combo;
        }
        if (index.column() == IndexModel::Authenticate) {
            auto* combo = new QComboBox(parent);
            for (const char* mode : {"auto", "always", "never"})
                combo->addItem(QString::fromLatin1(mode), QString::fromLatin1(mode));
            return combo;
        }
        return QStyledItemDelegate::createEditor(parent, option, index);
    }

    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        if (auto* combo = qobject_cast<QComboBox*>(editor)) {
            const auto* entry = qobject_cast<const IndexModel*>(index.model())->entry(index.row());
            QString value = index.column() == IndexModel::Authenticate ? toQString(entry->authenticate)
                            : entry->isDefault                         ? QStringLiteral("default")
                            : entry->isExplicit                        ? QStringLiteral("explicit")
                                                                       : QStringLiteral("searched");
            combo->setCurrentIndex(std::max(0, combo->findData(value)));
            return;
        }
        if (auto* line = qobject_cast<QLineEdit*>(editor)) {
            const auto* entry = qobject_cast<const IndexModel*>(index.model())->entry(index.row());
            line->setText(
                toQString(index.column() == IndexModel::Url ? maskUrlCredentials(entry->url) : entry->name));
            return;
        }
        QStyledItemDelegate::setEditorData(editor, index);
    }

    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        if (auto* combo = qobject_cast<QComboBox*>(editor)) {
            model->setData(index, combo->currentData(), Qt::EditRole);
            return;
        }
        QStyledItemDelegate::setModelData(editor, model, index);
    }
};

} // namespace

IndexesView::IndexesView(IndexModel* projectModel, CredentialsDialog::Stores stores, QWidget* parent)
    : QWidget(parent)
    , m_projectModel(projectModel)
    , m_userModel(new IndexModel(this))
    , m_stores(stores)
    , m_userDirectories(project::UserDirectories::fromEnvironment())
    , m_banner(new PlainTextBanner(stores.keychain, this))
    , m_errorLabel(new QLabel(this))
    , m_toolbar(new QToolBar(this))
    , m_projectPane(
          new TablePane(m_projectModel,
                        tr("No indexes yet — packages come from PyPI. Add your private index to use your "
                           "own packages."),
                        -1, this))
    , m_userLabel(new QLabel(this))
    , m_userPane(new TablePane(m_userModel, tr("Your uv.toml defines no indexes."), -1, this))
    , m_strategyCombo(new QComboBox(this))
    , m_strategyExplanation(new QLabel(this))
    , m_patternTable(new QTableWidget(0, 2, this))
    , m_patternEdit(new QLineEdit(this))
    , m_patternIndexCombo(new QComboBox(this))
    , m_addPatternButton(new QPushButton(tr("Add &Pattern Pin"), this))
    , m_removePatternButton(new QPushButton(tr("Remo&ve Pattern Pin"), this))
{
    setObjectName(QStringLiteral("indexesPane"));
    m_confirm = [this](const QString& title, const QString& text, const QString& accept,
                       std::function<void(bool)> answer) {
        auto* box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        auto* confirmButton = box->addButton(accept, QMessageBox::AcceptRole);
        box->setDefaultButton(QMessageBox::Cancel);
        connect(box, &QMessageBox::finished, box, [box, confirmButton, answer = std::move(answer)] {
            answer(box->clickedButton() == confirmButton);
        });
        box->open();
    };
    if (m_stores.session == nullptr) {
        m_ownSession = std::make_unique<auth::MemoryStore>();
        m_stores.session = m_ownSession.get();
    }
    m_projectModel->setMovable(true);
    connect(m_projectModel, &IndexModel::moveRequested, this,
            [this](const QString& name, const QString& before) {
                const std::string moved = toStdString(name);
                const std::string target = toStdString(before);
                apply([moved, target](project::ProjectDocument& document) -> Status {
                    if (!target.empty())
                        return document.moveIndexBefore(moved, target);
                    const auto names = document.indexNames();
                    Status status;
                    for (auto at = std::ranges::find(names, moved);
                         at != names.end() && at + 1 != names.end(); ++at) {
                        status = document.moveIndexDown(moved);
                        if (!status)
                            return status;
                    }
                    return status;
                });
            });
    connect(m_projectModel, &IndexModel::editRequested, this, &IndexesView::editIndex);

    m_banner->setObjectName(QStringLiteral("plainTextBanner"));
    connect(m_banner, &PlainTextBanner::moved, this, [this] {
        reload();
        Q_EMIT projectFileChanged();
    });
    m_errorLabel->setObjectName(QStringLiteral("indexesError"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setForegroundRole(QPalette::HighlightedText);
    m_errorLabel->setBackgroundRole(QPalette::Highlight);
    m_errorLabel->setAutoFillBackground(true);
    m_errorLabel->setMargin(6);
    m_errorLabel->hide();

    // Toolbar.
    m_toolbar->setObjectName(QStringLiteral("indexesToolbar"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto makeAction = [this](const QString& icon, const QString& text, const QString& name,
                             const QString& tip) {
        auto* action = new QAction(actionIcon(icon, palette()), text, this);
        action->setProperty("iconName", icon);
        action->setObjectName(name);
        action->setToolTip(tip);
        m_toolbar->addAction(action);
        return action;
    };
    m_addAction = makeAction(QStringLiteral("add"), tr("&Add Index…"), QStringLiteral("addIndexAction"),
                             tr("Add a private index with a provider preset or a URL"));
    m_removeAction = makeAction(QStringLiteral("remove"), tr("&Remove"), QStringLiteral("removeIndexAction"),
                                tr("Remove the selected index and its pins from pyproject.toml"));
    m_upAction = makeAction(QStringLiteral("up"), tr("Move &Up"), QStringLiteral("moveIndexUpAction"),
                            tr("Search this index earlier"));
    m_downAction = makeAction(QStringLiteral("down"), tr("Move &Down"), QStringLiteral("moveIndexDownAction"),
                              tr("Search this index later"));
    m_toolbar->addSeparator();
    m_testAction = makeAction(QStringLiteral("test"), tr("&Test"), QStringLiteral("testIndexAction"),
                              tr("Check that the selected index answers and the credentials work"));
    m_testAllAction = makeAction(QStringLiteral("test-all"), tr("Test A&ll"),
                                 QStringLiteral("testAllIndexesAction"), tr("Test every index"));
    m_credentialsAction =
        makeAction(QStringLiteral("key"), tr("&Credentials…"), QStringLiteral("indexCredentialsAction"),
                   tr("Enter the user name and password or token of the selected index"));
    m_addAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_removeAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_upAction->setShortcut(QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Up));
    m_downAction->setShortcut(QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Down));
    m_testAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    for (auto* action : {m_removeAction, m_upAction, m_downAction, m_testAction})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_addAction, &QAction::triggered, this, &IndexesView::addIndex);
    connect(m_removeAction, &QAction::triggered, this, &IndexesView::removeSelected);
    connect(m_upAction, &QAction::triggered, this, [this] { moveSelected(-1); });
    connect(m_downAction, &QAction::triggered, this, [this] { moveSelected(1); });
    connect(m_testAction, &QAction::triggered, this, &IndexesView::testSelected);
    connect(m_testAllAction, &QAction::triggered, this, &IndexesView::testAll);
    connect(m_credentialsAction, &QAction::triggered, this, &IndexesView::setCredentialsForSelected);

    // The project's indexes.
    auto* table = m_projectPane->table();
    m_projectPane->setObjectName(QStringLiteral("indexesTablePane"));
    table->setObjectName(QStringLiteral("indexTable"));
    table->setAccessibleName(tr("Indexes"));
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setDragEnabled(true);
    table->setAcceptDrops(true);
    table->setDropIndicatorShown(true);
    table->setDragDropMode(QAbstractItemView::InternalMove);
    table->setDefaultDropAction(Qt::MoveAction);
    table->setDragDropOverwriteMode(false);
    table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    table->setItemDelegate(new IndexDelegate(table));
    table->horizontalHeader()->setSectionResizeMode(IndexModel::Url, QHeaderView::Stretch);
    table->verticalHeader()->hide();
    // The toolbar's buttons take no focus: its actions are also the table's context menu (Menu key,
    // Shift+F10), and their shortcuts work while the table has the focus.
    auto* separator = new QAction(this);
    separator->setSeparator(true);
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    table->addActions({m_addAction, m_removeAction, m_upAction, m_downAction, separator, m_testAction,
                       m_testAllAction, m_credentialsAction});
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateActions(); });
    connect(m_projectModel, &QAbstractItemModel::rowsInserted, this, [this] { updateActions(); });
    connect(m_projectModel, &QAbstractItemModel::rowsRemoved, this, [this] { updateActions(); });
    // Move Up and Down depend on the selected row's place, which a move changes.
    connect(m_projectModel, &QAbstractItemModel::rowsMoved, this, [this] { updateActions(); });

    // The user's uv.toml.
    m_userLabel->setObjectName(QStringLiteral("userIndexesLabel"));
    m_userLabel->setWordWrap(true);
    m_userPane->setObjectName(QStringLiteral("userIndexesPane"));
    m_userPane->table()->setObjectName(QStringLiteral("userIndexTable"));
    m_userPane->table()->setAccessibleName(tr("Indexes from your uv.toml"));
    m_userPane->table()->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_userPane->table()->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_userPane->table()->horizontalHeader()->setSectionResizeMode(IndexModel::Url, QHeaderView::Stretch);
    m_userPane->table()->verticalHeader()->hide();
    m_userPane->setMaximumHeight(140);

    // Strategy.
    m_strategyCombo->setObjectName(QStringLiteral("strategyCombo"));
    m_strategyCombo->setAccessibleName(tr("Index strategy"));
    for (const auto& strategy : strategies())
        m_strategyCombo->addItem(tr(strategy.label), QString::fromLatin1(strategy.value));
    m_strategyExplanation->setObjectName(QStringLiteral("strategyExplanation"));
    m_strategyExplanation->setWordWrap(true);
    connect(m_strategyCombo, &QComboBox::currentIndexChanged, this, [this] { explainStrategy(); });
    connect(m_strategyCombo, &QComboBox::activated, this,
            [this] { setStrategy(m_strategyCombo->currentData().toString()); });
    auto* strategyBox = new QGroupBox(tr("When a package is on more than one index"), this);
    auto* strategyLayout = new QVBoxLayout(strategyBox);
    auto* strategyLabel = new QLabel(tr("&Strategy:"), strategyBox);
    strategyLabel->setBuddy(m_strategyCombo);
    auto* strategyRow = new QHBoxLayout;
    strategyRow->addWidget(strategyLabel);
    strategyRow->addWidget(m_strategyCombo, 1);
    strategyLayout->addLayout(strategyRow);
    strategyLayout->addWidget(m_strategyExplanation);

    // Pattern pins.
    m_patternTable->setObjectName(QStringLiteral("patternPinTable"));
    m_patternTable->setAccessibleName(tr("Pattern pins"));
    m_patternTable->setHorizontalHeaderLabels({tr("Pattern"), tr("Index")});
    m_patternTable->horizontalHeader()->setStretchLastSection(true);
    m_patternTable->verticalHeader()->hide();
    m_patternTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_patternTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_patternTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_patternTable->setMaximumHeight(120);
    m_patternEdit->setObjectName(QStringLiteral("patternEdit"));
    m_patternEdit->setPlaceholderText(tr("acme-*"));
    m_patternEdit->setAccessibleName(tr("New pattern"));
    m_patternIndexCombo->setObjectName(QStringLiteral("patternIndexCombo"));
    m_patternIndexCombo->setAccessibleName(tr("Index for the new pattern"));
    m_addPatternButton->setObjectName(QStringLiteral("addPatternButton"));
    m_removePatternButton->setObjectName(QStringLiteral("removePatternButton"));
    connect(m_addPatternButton, &QPushButton::clicked, this,
            [this] { addPatternPin(m_patternEdit->text().trimmed(), m_patternIndexCombo->currentText()); });
    connect(m_patternEdit, &QLineEdit::returnPressed, m_addPatternButton, &QPushButton::click);
    connect(m_removePatternButton, &QPushButton::clicked, this, [this] {
        const int row = m_patternTable->currentRow();
        if (row >= 0 && m_patternTable->item(row, 0) != nullptr)
            removePatternPin(m_patternTable->item(row, 0)->text());
    });
    auto* patternBox = new QGroupBox(tr("Pattern pins: whole families of packages from one index"), this);
    auto* patternLayout = new QVBoxLayout(patternBox);
    patternLayout->addWidget(m_patternTable);
    auto* patternRow = new QHBoxLayout;
    patternRow->addWidget(m_patternEdit, 1);
    patternRow->addWidget(m_patternIndexCombo);
    patternRow->addWidget(m_addPatternButton);
    patternRow->addWidget(m_removePatternButton);
    patternLayout->addLayout(patternRow);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_projectPane, 1);
    layout->addWidget(m_userLabel);
    layout->addWidget(m_userPane);
    auto* lower = new QHBoxLayout;
    lower->addWidget(strategyBox, 1);
    lower->addWidget(patternBox, 1);
    layout->addLayout(lower);

    m_userLabel->hide();
    m_userPane->hide();
    explainStrategy();
    updateActions();
}

IndexesView::~IndexesView() = default;

void IndexesView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    for (auto* action : m_toolbar->actions()) {
        const QString icon = action->property("iconName").toString();
        if (!icon.isEmpty())
            action->setIcon(actionIcon(icon, palette()));
    }
}

QTableView* IndexesView::table() const
{
    return m_projectPane->table();
}

void IndexesView::showProject(const QString& directory, const project::PyProject& project)
{
    const bool editing = directory == m_directory && (m_editing || !m_edits.empty());
    m_directory = directory;
    // While an edit of this view is on its way the table already shows its outcome, and the edit's
    // own reload follows: a project read before it would undo a move on screen.
    if (!editing)
        showLoaded(project);
    m_banner->setProjectFile(project.file);
    // The user's uv.toml, read in the background.
    const auto userFile = m_userDirectories.userUvToml();
    runInBackground(
        this,
        [userFile]() -> std::optional<project::ProjectConfiguration> {
            if (!userFile || !std::filesystem::exists(*userFile))
                return std::nullopt;
            auto loaded = project::loadUvToml(*userFile, project::ValueOrigin::Scope::User);
            if (!loaded)
                return std::nullopt;
            return std::move(*loaded);
        },
        [this, directory, userFile](const std::optional<project::ProjectConfiguration>& user) {
            if (directory != m_directory)
                return;
            showUserIndexes(user, userFile ? QString::fromStdString(userFile->string()) : QString());
        });
}

void IndexesView::reload()
{
    if (m_directory.isEmpty())
        return;
    const QString directory = m_directory;
    const auto file = std::filesystem::path(toStdString(directory)) / "pyproject.toml";
    const quint64 generation = ++m_reloadGeneration;
    runInBackground(
        this, [file] { return project::loadPyProject(file); },
        [this, directory, file, generation](const Result<project::PyProject>& loaded) {
            // Stale when a newer reload is on its way, or an edit is (its own reload follows).
            if (directory != m_directory || generation != m_reloadGeneration || m_editing)
                return;
            if (!loaded) {
                m_errorLabel->setText(toQString(loaded.error().describe()));
                m_errorLabel->show();
            } else {
                showLoaded(*loaded);
                m_banner->setProjectFile(file);
            }
            Q_EMIT reloaded();
        });
}

void IndexesView::showLoaded(const project::PyProject& project)
{
    m_projectModel->setIndexes(project.indexes);
    m_strategy = project.indexStrategy;
    const int strategyRow =
        m_strategyCombo->findData(m_strategy.empty() ? QStringLiteral("first-index") : toQString(m_strategy));
    m_strategyCombo->setCurrentIndex(std::max(0, strategyRow));
    explainStrategy();

    m_patternPins = project.pinPatterns;
    m_patternTable->setRowCount(static_cast<int>(m_patternPins.size()));
    for (std::size_t row = 0; row < m_patternPins.size(); ++row) {
        m_patternTable->setItem(static_cast<int>(row), 0,
                                new QTableWidgetItem(toQString(m_patternPins[row].pattern)));
        m_patternTable->setItem(static_cast<int>(row), 1,
                                new QTableWidgetItem(toQString(m_patternPins[row].index)));
    }
    const QString chosen = m_patternIndexCombo->currentText();
    m_patternIndexCombo->clear();
    for (const auto& entry : project.indexes)
        m_patternIndexCombo->addItem(toQString(entry.name));
    m_patternIndexCombo->setCurrentIndex(std::max(0, m_patternIndexCombo->findText(chosen)));
    m_addPatternButton->setEnabled(!project.indexes.empty());
    m_removePatternButton->setEnabled(!m_patternPins.empty());
    lookUpCredentialSources(m_projectModel);
    updateActions();
}

void IndexesView::showUserIndexes(const std::optional<project::ProjectConfiguration>& user,
                                  const QString& file)
{
    const bool any = user && !user->indexes.empty();
    m_userModel->setIndexes(any ? user->indexes : std::vector<project::IndexEntry>{});
    m_userLabel->setVisible(any);
    m_userPane->setVisible(any);
    if (any) {
        m_userLabel->setText(
            tr("From your user settings (%1), searched after the project's indexes:").arg(file));
        lookUpCredentialSources(m_userModel);
    }
}

void IndexesView::lookUpCredentialSources(IndexModel* model)
{
    for (const auto& entry : model->entries()) {
        const QString name = toQString(entry.name);
        if (entry.format == "flat" && !entry.url.contains("://"))
            continue; // a local directory needs none
        QPointer<IndexModel> target(model);
        findCredentials(this, m_stores, {entry.name, entry.url}, [target, name](FoundCredentials found) {
            if (!target.isNull())
                target->setCredentialSource(name, found ? found->source : auth::CredentialSource::None);
        });
    }
}

void IndexesView::explainStrategy()
{
    const int row = std::max(0, m_strategyCombo->currentIndex());
    QString text = tr(strategies()[static_cast<std::size_t>(row)].explanation);
    if (m_strategy.empty())
        text += QLatin1Char(' ') + tr("(Not set in pyproject.toml: uv uses this one.)");
    m_strategyExplanation->setText(text);
}

} // namespace pindex::ui
