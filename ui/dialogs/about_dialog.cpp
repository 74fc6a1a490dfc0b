#include "ui/dialogs/about_dialog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/build_info.h"
#include "ui/qt_text.h"

namespace pindex::ui {
namespace {

constexpr int kIconSize = 64;

// Name and version of every library, the core's first, then the ones only the window uses.
QList<QPair<QString, QString>> libraries()
{
    QList<QPair<QString, QString>> rows;
    for (const auto& library : libraryVersions())
        rows.append({toQString(library.name), toQString(library.version)});
    QString qt = QString::fromLatin1(qVersion());
    if (qt != QStringLiteral(QT_VERSION_STR))
        qt += QStringLiteral(" (built with %1)").arg(QStringLiteral(QT_VERSION_STR));
    rows.append({QStringLiteral("Qt"), qt});
    rows.append({QStringLiteral("QtKeychain"), QStringLiteral(PINDEX_QTKEYCHAIN_VERSION)});
    return rows;
}

} // namespace

AboutDialog::AboutDialog(const QString& version, QWidget* parent)
    : QDialog(parent)
    , m_version(version)
    , m_libraries(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Pindex"));

    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/pindex.svg")).pixmap(kIconSize, kIconSize));
    icon->setAlignment(Qt::AlignTop);

    auto* title = new QLabel(this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    title->setTextFormat(Qt::RichText);
    title->setText(QStringLiteral("<h2>Pindex %1</h2>").arg(version.toHtmlEscaped()));
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* summary =
        new QLabel(tr("Private package indexes, pins, credentials, lockfiles and environments for Python "
                      "projects, in uv's format."),
                   this);
    summary->setWordWrap(true);
    auto* licence = new QLabel(tr("Released under the MIT License."), this);

    auto* builtWith = new QLabel(tr("Libraries:"), this);
    m_libraries->setObjectName(QStringLiteral("libraryVersions"));
    m_libraries->setColumnCount(2);
    m_libraries->setHeaderLabels({tr("Library"), tr("Version")});
    m_libraries->setRootIsDecorated(false);
    m_libraries->setSelectionMode(QAbstractItemView::NoSelection);
    m_libraries->setFocusPolicy(Qt::NoFocus);
    for (const auto& [name, libraryVersion] : libraries())
        m_libraries->addTopLevelItem(new QTreeWidgetItem({name, libraryVersion}));
    m_libraries->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    builtWith->setBuddy(m_libraries);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = buttons->addButton(tr("&Copy Version Information"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyVersionButton"));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(versionText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(summary);
    text->addWidget(licence);
    auto* top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(builtWith);
    layout->addWidget(m_libraries, 1);
    layout->addWidget(buttons);
}

QString AboutDialog::versionText() const
{
    QString text = QStringLiteral("pindex %1\n").arg(m_version);
    for (int row = 0; row < m_libraries->topLevelItemCount(); ++row) {
        const QTreeWidgetItem* item = m_libraries->topLevelItem(row);
        text += QStringLiteral("  %1 %2\n").arg(item->text(0), item->text(1));
    }
    return text;
}

void addHelpMenu(QMainWindow* window)
{
    auto* about = new QAction(AboutDialog::tr("&About Pindex"), window);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    QObject::connect(about, &QAction::triggered, window, [window] {
        auto* dialog = new AboutDialog(QCoreApplication::applicationVersion(), window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    QMenu* help = window->menuBar()->addMenu(AboutDialog::tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(about);
}

} // namespace pindex::ui
