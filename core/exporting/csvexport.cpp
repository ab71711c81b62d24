#include "csvexport.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace huntaze::csvexport {

QString field(const QString &value)
{
    QString text = value;
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!text.isEmpty() && formulaStarts.contains(text.front()))
        text.prepend(u'\'');
    text.replace(u'"', QStringLiteral("\"\""));
    return u'"' + text + u'"';
}

Result<void> write(const QString &path, const QList<QStringList> &rows)
{
    QByteArray csv = "\xEF\xBB\xBF";
    for (const QStringList &row : rows) {
        QStringList fields;
        for (const QString &value : row)
            fields.append(field(value));
        csv += fields.join(u',').toUtf8() + "\r\n";
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
        return Error(ErrorCode::Storage,
                     QCoreApplication::translate("huntaze::csvexport", "Could not write %1: %2").arg(path, file.errorString()));
    return Result<void>::success();
}

} // namespace huntaze::csvexport
