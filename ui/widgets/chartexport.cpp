#include "chartexport.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QSaveFile>
#include <QWidget>

namespace huntaze::ui::chartexport {

QString csvField(QString text)
{
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r'))
        text = u'"' + text.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return text;
}

bool saveText(const QString &path, const QString &text, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("huntaze::ui::TimeSeriesChart", "Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool savePng(QWidget *widget, const QString &path, QString *error)
{
    const QPixmap image = widget->grab();
    if (image.isNull() || !image.save(path, "PNG")) {
        if (error)
            *error = QCoreApplication::translate("huntaze::ui::TimeSeriesChart", "Could not write the image %1.").arg(path);
        return false;
    }
    return true;
}

} // namespace huntaze::ui::chartexport
