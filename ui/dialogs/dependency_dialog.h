#pragma once

// Adds or edits one direct dependency: the PEP 508 requirement (checked as it is typed, the package
// name completed from the indexes' project lists when they are known) and where it goes (main, an
// extra, a dependency group, or a new extra / group).

#include <QDialog>

#include "core/project/pyproject.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QStringListModel;

namespace pindex::ui {

class DependencyDialog final : public QDialog
{
    Q_OBJECT

public:
    // `extras` and `groups`: the ones the project has. Editing: `existing` is the entry to change.
    DependencyDialog(const QStringList& extras, const QStringList& groups, QWidget* parent = nullptr);

    void setExisting(const project::DependencyEntry& entry);
    void setCompletions(const QStringList& packageNames);

    [[nodiscard]] project::DependencyEntry::Kind kind() const;
    [[nodiscard]] QString group() const;
    [[nodiscard]] QString requirement() const;

    [[nodiscard]] QLineEdit* requirementEdit() const { return m_requirement; }

private:
    void validate();

    QLineEdit* m_requirement;
    QComboBox* m_target;
    QLineEdit* m_newGroup;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QStringListModel* m_completions;
};

} // namespace pindex::ui
