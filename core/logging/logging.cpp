#include "logging.h"
#include <QJsonDocument>
#include <QJsonObject>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>

#include <cstdio>
#include <memory>

Q_LOGGING_CATEGORY(lcApp, "huntaze.app")
Q_LOGGING_CATEGORY(lcStorage, "huntaze.storage")
Q_LOGGING_CATEGORY(lcAuth, "huntaze.auth")
Q_LOGGING_CATEGORY(lcKeychain, "huntaze.keychain")
Q_LOGGING_CATEGORY(lcState, "huntaze.state")
Q_LOGGING_CATEGORY(lcNet, "huntaze.net")
Q_LOGGING_CATEGORY(lcServer, "huntaze.server")
Q_LOGGING_CATEGORY(lcRequests, "huntaze.requests")

namespace huntaze::logging {
namespace {

class RotatingLogFile
{
public:
    RotatingLogFile(QString directory, qint64 maxBytes, int keepFiles)
        : m_directory(std::move(directory)), m_maxBytes(maxBytes), m_keepFiles(keepFiles)
    {
        QDir().mkpath(m_directory);
        m_file.setFileName(pathFor(0));
        m_file.open(QIODevice::Append | QIODevice::Text);
    }

    void write(const QByteArray &line)
    {
        QMutexLocker lock(&m_mutex);
        if (!m_file.isOpen())
            return;
        if (m_file.size() + line.size() > m_maxBytes)
            rotate();
        m_file.write(line);
        m_file.flush();
    }

private:
    QString pathFor(int index) const
    {
        const QString base = m_directory + QStringLiteral("/huntaze.log");
        return index == 0 ? base : base + u'.' + QString::number(index);
    }

    void rotate()
    {
        m_file.close();
        QFile::remove(pathFor(m_keepFiles - 1));
        for (int i = m_keepFiles - 2; i >= 0; --i)
            QFile::rename(pathFor(i), pathFor(i + 1));
        m_file.open(QIODevice::Append | QIODevice::Text);
    }

    QMutex m_mutex;
    QString m_directory;
    qint64 m_maxBytes;
    int m_keepFiles;
    QFile m_file;
};

std::unique_ptr<RotatingLogFile> g_logFile;
QtMessageHandler g_previousHandler = nullptr;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "critical";
    case QtFatalMsg: return "fatal";
    }
    return "?";
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (g_logFile) {
        const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ' + levelName(type) + ' '
            + (context.category ? context.category : "default") + ": " + message.toUtf8() + '\n';
        g_logFile->write(line);
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

void installFileLog(const QString &directory, qint64 maxBytes, int keepFiles)
{
    if (g_logFile)
        return;
    g_logFile = std::make_unique<RotatingLogFile>(directory, maxBytes, qMax(1, keepFiles));
    g_previousHandler = qInstallMessageHandler(handleMessage);
}

namespace {

void writeJsonLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    static QMutex mutex;
    const QByteArray line = jsonLogLine(type, context.category, message, QDateTime::currentDateTimeUtc()) + '\n';
    QMutexLocker lock(&mutex);
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

QByteArray jsonLogLine(QtMsgType type, const char *category, const QString &message, const QDateTime &at)
{
    QJsonObject line;
    const QLatin1String name(category ? category : "default");
    if (name == QLatin1String(lcRequests().categoryName())) {
        const QJsonDocument fields = QJsonDocument::fromJson(message.toUtf8());
        if (fields.isObject())
            line = fields.object();
    }
    if (line.isEmpty()) {
        line.insert(QStringLiteral("category"), QString(name));
        line.insert(QStringLiteral("message"), message);
    }
    line.insert(QStringLiteral("time"), at.toUTC().toString(Qt::ISODateWithMs));
    line.insert(QStringLiteral("level"), QLatin1String(levelName(type)));
    return QJsonDocument(line).toJson(QJsonDocument::Compact);
}

void installJsonStderrLog()
{
    qInstallMessageHandler(writeJsonLine);
}

} // namespace huntaze::logging
