#include "logging.h"

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

} // namespace huntaze::logging
