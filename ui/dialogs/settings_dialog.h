#pragma once

// The Settings dialog: the download cache (location, size computed in the background, Clear),
// parallel downloads, the default index strategy, and the interface language (applied on the
// next start). Values live in QSettings under the keys below; OK writes them, Cancel keeps the old
// ones. Clearing asks first (through the confirm hook) and runs on a worker: the cache directory is
// renamed away at once and deleted afterwards, so a running download simply starts a new cache.

#include <functional>
#include <memory>

#include <QDialog>

#include "core/index/http_client.h"

class QSettings;

namespace Ui {
class SettingsDialog;
}

namespace pindex::ui {

inline constexpr const char* kCacheDirectorySetting = "cache/directory";        // empty: the default
inline constexpr const char* kConcurrencySetting = "network/concurrency";       // int
inline constexpr const char* kDefaultStrategySetting = "index/defaultStrategy"; // "first-index", ...
// Parallel transfers when the setting is unset: the command line's default.
inline constexpr int kDefaultConcurrency =
    static_cast<int>(index::HttpClientOptions{}.maxConcurrentTransfers);

class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    using ConfirmHook = std::function<void(const QString& text, std::function<void(bool)> answer)>;

    // `settings` must outlive the dialog.
    explicit SettingsDialog(QSettings* settings, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    void setConfirmHook(ConfirmHook hook) { m_confirm = std::move(hook); }
    // The cache directory shown (the setting, or the default).
    [[nodiscard]] QString cacheDirectory() const;

Q_SIGNALS:
    void cacheSizeComputed(qint64 bytes, qint64 files);
    void cacheCleared();

private:
    void computeCacheSize();
    void clearCache();
    void save();

    std::unique_ptr<::Ui::SettingsDialog> m_ui;
    QSettings* m_settings;
    ConfirmHook m_confirm;
    int m_sizeRequest = 0; // the latest size computation; older answers are dropped
};

} // namespace pindex::ui
