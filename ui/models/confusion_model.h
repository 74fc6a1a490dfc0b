#pragma once

// The findings of the dependency-confusion check, one row each: the package, the index it is
// meant to come from, the other index that lists it too, the risk in words and a calm explanation.

#include <vector>

#include <QAbstractTableModel>

#include "core/resolver/confusion_check.h"

namespace pindex::ui {

class ConfusionModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Package, Intended, Other, Risk, Count };
    enum Role { SortRole = Qt::UserRole + 1, PatternRole, IntendedRole, PackageRole };

    explicit ConfusionModel(QObject* parent = nullptr);

    void setFindings(std::vector<resolver::ConfusionFinding> findings);
    [[nodiscard]] const resolver::ConfusionFinding& finding(int row) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    std::vector<resolver::ConfusionFinding> m_findings;
};

} // namespace pindex::ui
