#pragma once

// The Confusion check tab: checks, on a worker thread, whether packages meant to come from a
// private index (or pinned) are also listed on another configured index that could be used
// instead, and lists the findings calmly with a one-click fix: pin the package to its index, or
// pin a name pattern ("acme-*") when several findings share it. The window performs the fix.
//
// The check talks to the indexes as Lock and Sync do: each run takes a JobRequest from the window
// (the Settings dialog's concurrency and cache, the credential chain of keychain, session store,
// environment and netrc) and goes through the credential retry loop, so an index answering 401/403
// opens the credentials dialog and the check resumes after the save. Up to `concurrency` project
// pages are fetched at once.

#include <functional>
#include <memory>
#include <optional>
#include <stop_token>

#include <QWidget>

#include "ui/project_jobs.h"

class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace pindex::ui {

class ConfusionModel;
class CredentialPrompt;
struct ProjectState;

class ConfusionView final : public QWidget
{
    Q_OBJECT

public:
    explicit ConfusionView(QWidget* parent = nullptr);
    ~ConfusionView() override;

    // Where each check gets its index access and credentials (read when a check starts), and the
    // prompt that asks for missing credentials. Without a source: the environment's credentials
    // and the default access; without a prompt: a 401/403 ends the check with its error.
    void setJobSource(CredentialPrompt* prompt, std::function<JobRequest()> source);
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
    CredentialPrompt* m_prompt = nullptr;
    std::function<JobRequest()> m_source;
    std::optional<std::stop_source> m_stop;
    quint64 m_generation = 0;
};

} // namespace pindex::ui
