#include "ui/dialogs/settings_dialog.h"

#include <filesystem>
#include <system_error>

#include <QFileDialog>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSettings>

#include "core/index/http_cache.h"
#include "ui/background.h"
#include "ui/qt_text.h"
#include "ui/translations.h"
#include "ui_settings_dialog.h"

namespace pindex::ui {
namespace {

struct Usage
{
    qint64 bytes = 0;
    qint64 files = 0;
    bool exists = false;
};

Usage measureDirectory(const std::filesystem::path& root)
{
    Usage usage;
    std::error_code error;
    if (!std::filesystem::is_directory(root, error))
        return usage;
    usage.exists = true;
    for (std::filesystem::recursive_directory_iterator it(
             root, std::filesystem::directory_options::skip_permission_denied, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file(error)) {
            usage.bytes += static_cast<qint64>(it->file_size(error));
            ++usage.files;
        }
    }
    return usage;
}

// Renames the directory away first (atomic), then deletes the renamed copy.
Status clearDirectory(const std::filesystem::path& root)
{
    std::error_code error;
    if (!std::filesystem::exists(root, error))
        return {};
    auto doomed = root;
    doomed += ".removing";
    std::filesystem::remove_all(doomed, error);
    std::filesystem::rename(root, doomed, error);
    if (error)
        return std::unexpected(
            makeFileError(ErrorCode::Io, "Cannot clear the cache: " + error.message(), root.string()));
    std::filesystem::remove_all(doomed, error);
    if (error)
        return std::unexpected(
            makeFileError(ErrorCode::Io, "Cannot delete the old cache: " + error.message(), doomed.string()));
    return {};
}

} // namespace

SettingsDialog::SettingsDialog(QSettings* settings, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<::Ui::SettingsDialog>())
    , m_settings(settings)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("settingsDialog"));
    m_confirm = [this](const QString& text, std::function<void(bool)> answer) {
        Q_UNUSED(text)
        // Without a hook, the Clear button itself is the confirmation.
        answer(true);
    };

    const QString defaultDirectory = QString::fromStdString(index::HttpCache::defaultDirectory().string());
    m_ui->cacheDirectoryEdit->setPlaceholderText(defaultDirectory);
    m_ui->cacheDirectoryEdit->setText(m_settings->value(QLatin1String(kCacheDirectorySetting)).toString());
    m_ui->concurrencySpin->setValue(
        m_settings->value(QLatin1String(kConcurrencySetting), kDefaultConcurrency).toInt());

    m_ui->strategyCombo->addItem(tr("First index that has the package (uv's default, safest)"),
                                 QStringLiteral("first-index"));
    m_ui->strategyCombo->addItem(tr("First index with a matching version (unsafe)"),
                                 QStringLiteral("unsafe-first-match"));
    m_ui->strategyCombo->addItem(tr("Best version from any index (unsafe)"),
                                 QStringLiteral("unsafe-best-match"));
    m_ui->strategyCombo->setCurrentIndex(std::max(
        0, m_ui->strategyCombo->findData(
               m_settings->value(QLatin1String(kDefaultStrategySetting), QStringLiteral("first-index"))
                   .toString())));

    m_ui->languageCombo->addItem(tr("The system's language"), QString());
    m_ui->languageCombo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_ui->languageCombo->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_ui->languageCombo->setCurrentIndex(std::max(
        0, m_ui->languageCombo->findData(m_settings->value(QLatin1String(kLanguageSetting)).toString())));

    m_ui->cacheSizeLabel->setObjectName(QStringLiteral("cacheSizeLabel"));
    connect(m_ui->cacheDirectoryEdit, &QLineEdit::editingFinished, this, &SettingsDialog::computeCacheSize);
    connect(m_ui->browseCacheButton, &QPushButton::clicked, this, [this] {
        auto* picker = new QFileDialog(this, tr("Cache location"), cacheDirectory());
        picker->setAttribute(Qt::WA_DeleteOnClose);
        picker->setFileMode(QFileDialog::Directory);
        picker->setOption(QFileDialog::ShowDirsOnly);
        connect(picker, &QFileDialog::fileSelected, this, [this](const QString& directory) {
            m_ui->cacheDirectoryEdit->setText(directory);
            computeCacheSize();
        });
        picker->open();
    });
    connect(m_ui->clearCacheButton, &QPushButton::clicked, this, &SettingsDialog::clearCache);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    computeCacheSize();
}

SettingsDialog::~SettingsDialog() = default;

QString SettingsDialog::cacheDirectory() const
{
    const QString chosen = m_ui->cacheDirectoryEdit->text().trimmed();
    return chosen.isEmpty() ? m_ui->cacheDirectoryEdit->placeholderText() : chosen;
}

void SettingsDialog::computeCacheSize()
{
    const int request = ++m_sizeRequest;
    m_ui->cacheSizeLabel->setText(tr("Measuring…"));
    m_ui->clearCacheButton->setEnabled(false);
    const std::filesystem::path root = toStdString(cacheDirectory());
    runInBackground(
        this, [root] { return measureDirectory(root); },
        [this, request](const Usage& usage) {
            if (request != m_sizeRequest)
                return; // the location changed meanwhile
            if (!usage.exists)
                m_ui->cacheSizeLabel->setText(tr("Empty"));
            else
                m_ui->cacheSizeLabel->setText(
                    usage.files == 1
                        ? tr("%1 in 1 file").arg(QLocale().formattedDataSize(usage.bytes))
                        : tr("%1 in %2 files")
                              .arg(QLocale().formattedDataSize(usage.bytes), QString::number(usage.files)));
            m_ui->clearCacheButton->setEnabled(usage.exists && usage.files > 0);
            Q_EMIT cacheSizeComputed(usage.bytes, usage.files);
        });
}

void SettingsDialog::clearCache()
{
    const QString directory = cacheDirectory();
    m_confirm(tr("Delete everything in %1? Pindex downloads what it needs again.").arg(directory),
              [self = QPointer<SettingsDialog>(this), directory](bool confirmed) {
                  if (self.isNull() || !confirmed)
                      return;
                  self->m_ui->clearCacheButton->setEnabled(false);
                  self->m_ui->cacheSizeLabel->setText(tr("Clearing…"));
                  const std::filesystem::path root = toStdString(directory);
                  runInBackground(
                      self.data(), [root] { return clearDirectory(root); },
                      [self](const Status& cleared) {
                          if (!cleared)
                              self->m_ui->cacheSizeLabel->setText(toQString(cleared.error().describe()));
                          Q_EMIT self->cacheCleared();
                          self->computeCacheSize();
                      });
              });
}

void SettingsDialog::save()
{
    const QString directory = m_ui->cacheDirectoryEdit->text().trimmed();
    if (directory.isEmpty())
        m_settings->remove(QLatin1String(kCacheDirectorySetting));
    else
        m_settings->setValue(QLatin1String(kCacheDirectorySetting), directory);
    m_settings->setValue(QLatin1String(kConcurrencySetting), m_ui->concurrencySpin->value());
    m_settings->setValue(QLatin1String(kDefaultStrategySetting),
                         m_ui->strategyCombo->currentData().toString());
    m_settings->setValue(QLatin1String(kLanguageSetting), m_ui->languageCombo->currentData().toString());
    m_settings->sync();
    accept();
}

} // namespace pindex::ui
