#pragma once

// The Confusion check tab: checks, on a worker thread, whether packages meant to come from a
// private index (or pinned) are also listed on another configured index that could be used
// instead, and lists the findings calmly with a one-click fix: pin the package to its index, or
// pin a name pattern ("acme-*") when several findings share it. The window performs the fix.

#include <filesystem>
#include <memory>
#include <optional>
#include <stop_token>

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace pindex::ui {

class ConfusionModel;
struct ProjectState;

class ConfusionView final : public QWidget
{
    Q_OBJECT

public:
    explicit ConfusionView(QWidget* parent = nullptr);
    ~ConfusionView() override;

    // Where index pages are cached and whether to stay offline (tests); default: the user cache.
    void setIndexAccess(std::filesystem::path cacheDirectory, bool offline);
    void setProject(const QString& directory, std::shared_ptr<const ProjectState> state);
    void clear();
    void runCheck();

    [[nodiscard]] ConfusionModel* model() const { return m_model; }
    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] QPushButton* checkButton() const { return m_check; }
    [[nodiscard]] QPushButton* pinButton() const { return m_pin; }
    [[nodiscard]] QPushButton* patternButton() const { return m_pattern; }
    [[nodiscard]] QLabel* summaryLabel() const { return m_summary; }

Q_SIGNALS:
    // `pattern` empty: pin `package`; else pin the pattern. Both to `index`.
    void fixRequested(const QString& package, const QString& pattern, const QString& index);
    void checkFinished(bool ok);

private:
    void updateButtons();

    ConfusionModel* m_model;
    QLabel* m_summary;
    QTableView* m_table;
    QTextBrowser* m_details;
    QPushButton* m_check;
    QPushButton* m_pin;
    QPushButton* m_pattern;
    QString m_directory;
    std::shared_ptr<const ProjectState> m_state;
    std::filesystem::path m_cacheDirectory;
    bool m_offline = false;
    std::optional<std::stop_source> m_stop;
    quint64 m_generation = 0;
};

} // namespace pindex::ui
