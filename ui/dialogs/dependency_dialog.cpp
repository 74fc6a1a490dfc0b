#include "ui/dialogs/dependency_dialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>

#include "core/standards/requirement.h"
#include "ui/qt_text.h"

namespace pindex::ui {
namespace {

// Combo data: "main", "extra:NAME", "group:NAME", "new-extra", "new-group".
const QString kMain = QStringLiteral("main");
const QString kNewExtra = QStringLiteral("new-extra");
const QString kNewGroup = QStringLiteral("new-group");

} // namespace

DependencyDialog::DependencyDialog(const QStringList& extras, const QStringList& groups, QWidget* parent)
    : QDialog(parent)
    , m_requirement(new QLineEdit(this))
    , m_target(new QComboBox(this))
    , m_newGroup(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_completions(new QStringListModel(this))
{
    setObjectName(QStringLiteral("dependencyDialog"));
    setWindowTitle(tr("Add a dependency"));
    m_requirement->setObjectName(QStringLiteral("requirementEdit"));
    m_requirement->setAccessibleName(tr("Requirement"));
    m_requirement->setPlaceholderText(tr("e.g. requests>=2.31 or acme-core[cli]~=1.4"));
    auto* completer = new QCompleter(m_completions, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchStartsWith);
    m_requirement->setCompleter(completer);

    m_target->setObjectName(QStringLiteral("dependencyTarget"));
    m_target->setAccessibleName(tr("Add to"));
    m_target->addItem(tr("Main dependencies"), kMain);
    for (const QString& extra : extras)
        m_target->addItem(tr("Extra: %1").arg(extra), QStringLiteral("extra:") + extra);
    for (const QString& group : groups)
        m_target->addItem(tr("Group: %1").arg(group), QStringLiteral("group:") + group);
    m_target->addItem(tr("New extra…"), kNewExtra);
    m_target->addItem(tr("New dependency group…"), kNewGroup);
    m_newGroup->setObjectName(QStringLiteral("newGroupEdit"));
    m_newGroup->setAccessibleName(tr("New extra or group name"));
    m_newGroup->setVisible(false);
    m_message->setObjectName(QStringLiteral("dependencyMessage"));
    m_message->setWordWrap(true);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Requirement:"), m_requirement);
    form->addRow(tr("Add &to:"), m_target);
    form->addRow(QString(), m_newGroup);
    form->addRow(m_message);
    form->addRow(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_requirement, &QLineEdit::textChanged, this, &DependencyDialog::validate);
    connect(m_newGroup, &QLineEdit::textChanged, this, &DependencyDialog::validate);
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        const QString choice = m_target->currentData().toString();
        m_newGroup->setVisible(choice == kNewExtra || choice == kNewGroup);
        validate();
    });
    validate();
}

void DependencyDialog::setExisting(const project::DependencyEntry& entry)
{
    setWindowTitle(tr("Edit a dependency"));
    m_requirement->setText(toQString(entry.requirement));
    QString key = kMain;
    if (entry.kind == project::DependencyEntry::Kind::Extra)
        key = QStringLiteral("extra:") + toQString(entry.group);
    else if (entry.kind == project::DependencyEntry::Kind::Group)
        key = QStringLiteral("group:") + toQString(entry.group);
    m_target->setCurrentIndex(std::max(0, m_target->findData(key)));
    m_target->setEnabled(false); // moving between groups is remove + add
}

void DependencyDialog::setCompletions(const QStringList& packageNames)
{
    m_completions->setStringList(packageNames);
}

project::DependencyEntry::Kind DependencyDialog::kind() const
{
    const QString choice = m_target->currentData().toString();
    if (choice.startsWith(QStringLiteral("extra:")) || choice == kNewExtra)
        return project::DependencyEntry::Kind::Extra;
    if (choice.startsWith(QStringLiteral("group:")) || choice == kNewGroup)
        return project::DependencyEntry::Kind::Group;
    return project::DependencyEntry::Kind::Main;
}

QString DependencyDialog::group() const
{
    const QString choice = m_target->currentData().toString();
    if (choice == kNewExtra || choice == kNewGroup)
        return m_newGroup->text().trimmed();
    const auto colon = choice.indexOf(QLatin1Char(':'));
    return colon < 0 ? QString() : choice.mid(colon + 1);
}

QString DependencyDialog::requirement() const
{
    return m_requirement->text().trimmed();
}

void DependencyDialog::validate()
{
    QString problem;
    const QString text = requirement();
    if (text.isEmpty()) {
        problem =
            tr("Type a requirement: a package name, optionally with extras, a version range and a marker.");
    } else if (auto parsed = standards::parseRequirement(toStdString(text)); !parsed) {
        problem = toQString(parsed.error().message);
    } else if (kind() != project::DependencyEntry::Kind::Main && group().isEmpty()) {
        problem = tr("Name the new extra or group.");
    }
    m_message->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace pindex::ui
