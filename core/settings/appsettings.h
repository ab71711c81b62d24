#pragma once

#include <QObject>
#include <QSettings>
#include <QString>

namespace huntaze {

// User preferences in QSettings. Never holds a secret: those go to SecretStore.
class AppSettings : public QObject
{
    Q_OBJECT
public:
    enum class Language { System, English, French };
    Q_ENUM(Language)
    enum class Appearance { System, Light, Dark };
    Q_ENUM(Appearance)
    enum class BackendKind { Embedded, Remote };
    Q_ENUM(BackendKind)
    enum class AiProviderKind { Offline, OpenAiCompatible };
    Q_ENUM(AiProviderKind)

    explicit AppSettings(QObject *parent = nullptr);

    Language language() const;
    void setLanguage(Language language);
    // The locale name to load translations for ("fr_FR"; the system's for System).
    QString localeName() const;

    Appearance appearance() const;
    void setAppearance(Appearance appearance);

    // Read at start: switching takes effect after a restart.
    BackendKind backend() const;
    void setBackend(BackendKind backend);
    // The huntaze-server used when backend() is Remote.
    QString serverUrl() const;
    void setServerUrl(const QString &url);

    // Where AI suggestions come from. The API key is a secret: it lives in the
    // keychain (SecretStore key aiApiKeySecret), never here.
    AiProviderKind aiProvider() const;
    void setAiProvider(AiProviderKind kind);
    QString aiBaseUrl() const;
    void setAiBaseUrl(const QString &url);
    QString aiModel() const;
    void setAiModel(const QString &model);
    static QString aiApiKeySecret() { return QStringLiteral("ai/api-key"); }

    // The creator a member last worked on, per place the accounts live
    // (Backend::identity) and login; 0 when none was chosen.
    qint64 lastCreator(const QString &backendIdentity, qint64 userId) const;
    void setLastCreator(const QString &backendIdentity, qint64 userId, qint64 creatorId);

    // The main window's size and place (QWidget::saveGeometry), empty before the first run.
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);

Q_SIGNALS:
    void languageChanged(huntaze::AppSettings::Language language);
    void appearanceChanged(huntaze::AppSettings::Appearance appearance);

private:
    mutable QSettings m_settings;
};

// The folder holding the database and logs: `override` when given (--data-dir
// or HUNTAZE_DATA_DIR), else the platform's per-user application data folder.
QString resolveDataDirectory(const QString &override = QString());

} // namespace huntaze
