#include "appsettings.h"

#include <QCryptographicHash>

#include <QDir>
#include <QLocale>
#include <QMetaEnum>
#include <QStandardPaths>

namespace huntaze {

namespace {

template <typename Enum> Enum readEnum(const QSettings &settings, const QString &key, Enum fallback)
{
    const QMetaEnum meta = QMetaEnum::fromType<Enum>();
    bool ok = false;
    const int value = meta.keyToValue(settings.value(key).toString().toLatin1().constData(), &ok);
    return ok ? static_cast<Enum>(value) : fallback;
}

template <typename Enum> void writeEnum(QSettings &settings, const QString &key, Enum value)
{
    settings.setValue(key, QString::fromLatin1(QMetaEnum::fromType<Enum>().valueToKey(static_cast<int>(value))));
}

const QString languageKey = QStringLiteral("ui/language");
const QString appearanceKey = QStringLiteral("ui/appearance");
const QString backendKey = QStringLiteral("backend/kind");
const QString serverUrlKey = QStringLiteral("backend/server-url");
const QString aiProviderKey = QStringLiteral("ai/provider");
const QString aiBaseUrlKey = QStringLiteral("ai/baseUrl");
const QString aiModelKey = QStringLiteral("ai/model");
const QString windowGeometryKey = QStringLiteral("ui/window-geometry");

} // namespace

AppSettings::AppSettings(QObject *parent) : QObject(parent)
{}

AppSettings::Language AppSettings::language() const
{
    return readEnum(m_settings, languageKey, Language::System);
}

void AppSettings::setLanguage(Language language)
{
    if (language == this->language())
        return;
    writeEnum(m_settings, languageKey, language);
    Q_EMIT languageChanged(language);
}

QString AppSettings::localeName() const
{
    switch (language()) {
    case Language::English: return QStringLiteral("en_US");
    case Language::French: return QStringLiteral("fr_FR");
    case Language::System: break;
    }
    return QLocale::system().name();
}

AppSettings::Appearance AppSettings::appearance() const
{
    return readEnum(m_settings, appearanceKey, Appearance::System);
}

void AppSettings::setAppearance(Appearance appearance)
{
    if (appearance == this->appearance())
        return;
    writeEnum(m_settings, appearanceKey, appearance);
    Q_EMIT appearanceChanged(appearance);
}

AppSettings::BackendKind AppSettings::backend() const
{
    return readEnum(m_settings, backendKey, BackendKind::Embedded);
}

void AppSettings::setBackend(BackendKind backend)
{
    writeEnum(m_settings, backendKey, backend);
}

namespace {
QString lastCreatorKey(const QString &backendIdentity, qint64 userId)
{
    // The identity is a path or a URL: hashed into a plain key.
    const QByteArray place = QCryptographicHash::hash(backendIdentity.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QStringLiteral("creators/%1-%2").arg(QString::fromLatin1(place)).arg(userId);
}
} // namespace

qint64 AppSettings::lastCreator(const QString &backendIdentity, qint64 userId) const
{
    return m_settings.value(lastCreatorKey(backendIdentity, userId), 0).toLongLong();
}

void AppSettings::setLastCreator(const QString &backendIdentity, qint64 userId, qint64 creatorId)
{
    m_settings.setValue(lastCreatorKey(backendIdentity, userId), creatorId);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(windowGeometryKey).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(windowGeometryKey, geometry);
}

QString AppSettings::serverUrl() const
{
    return m_settings.value(serverUrlKey).toString();
}

void AppSettings::setServerUrl(const QString &url)
{
    m_settings.setValue(serverUrlKey, url);
}

AppSettings::AiProviderKind AppSettings::aiProvider() const
{
    return readEnum(m_settings, aiProviderKey, AiProviderKind::Offline);
}

void AppSettings::setAiProvider(AiProviderKind kind)
{
    writeEnum(m_settings, aiProviderKey, kind);
}

QString AppSettings::aiBaseUrl() const
{
    return m_settings.value(aiBaseUrlKey, QStringLiteral("https://api.openai.com/v1")).toString();
}

void AppSettings::setAiBaseUrl(const QString &url)
{
    m_settings.setValue(aiBaseUrlKey, url);
}

QString AppSettings::aiModel() const
{
    return m_settings.value(aiModelKey, QStringLiteral("gpt-4o-mini")).toString();
}

void AppSettings::setAiModel(const QString &model)
{
    m_settings.setValue(aiModelKey, model);
}

QString resolveDataDirectory(const QString &override)
{
    QString directory = override;
    if (directory.isEmpty())
        directory = qEnvironmentVariable("HUNTAZE_DATA_DIR");
    if (directory.isEmpty())
        directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(directory);
    return QDir(directory).absolutePath();
}

} // namespace huntaze
