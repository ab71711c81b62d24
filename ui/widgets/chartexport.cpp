#include "chartexport.h"

#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QPixmap>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QWidget>

namespace huntaze::ui::chartexport {

QString csvField(QString text)
{
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r'))
        text = u'"' + text.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return text;
}

QString csvAmount(qint64 cents)
{
    const qint64 magnitude = cents < 0 ? -cents : cents;
    return QStringLiteral("%1%2.%3")
        .arg(cents < 0 ? QStringLiteral("-") : QString())
        .arg(magnitude / 100)
        .arg(magnitude % 100, 2, 10, QLatin1Char('0'));
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

void addButtons(Card *card, const QString &name, std::function<analytics::DateRange()> period, Export png, Export csv, MessageLabel *errors)
{
    auto *row = new QHBoxLayout;
    if (png) {
        auto *image = new QPushButton(QCoreApplication::translate("huntaze::ui::EarningsDashboard", "Export image…"), card);
        image->setObjectName(name + QStringLiteral("Png"));
        row->addWidget(image);
        QObject::connect(image, &QPushButton::clicked, card, [card, name, period, png, errors] {
            const analytics::DateRange range = period();
            const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                + QStringLiteral("/huntaze-%1-%2-%3.png").arg(name, range.from.toString(Qt::ISODate), range.to.toString(Qt::ISODate));
            const QString path = QFileDialog::getSaveFileName(
                card, QCoreApplication::translate("huntaze::ui::EarningsDashboard", "Export chart image"), suggested,
                QCoreApplication::translate("huntaze::ui::EarningsDashboard", "PNG image (*.png)"));
            QString error;
            if (!path.isEmpty() && !png(path, &error))
                errors->showMessage(error, MessageLabel::Kind::Error);
        });
    }
    auto *data = new QPushButton(QCoreApplication::translate("huntaze::ui::EarningsDashboard", "Export data…"), card);
    data->setObjectName(name + QStringLiteral("Csv"));
    row->addWidget(data);
    row->addStretch(1);
    card->body()->addLayout(row);
    QObject::connect(data, &QPushButton::clicked, card, [card, name, period, csv, errors] {
        const analytics::DateRange range = period();
        const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
            + QStringLiteral("/huntaze-%1-%2-%3.csv").arg(name, range.from.toString(Qt::ISODate), range.to.toString(Qt::ISODate));
        const QString path
            = QFileDialog::getSaveFileName(card, QCoreApplication::translate("huntaze::ui::EarningsDashboard", "Export chart data"),
                                           suggested, QCoreApplication::translate("huntaze::ui::EarningsDashboard", "CSV file (*.csv)"));
        QString error;
        if (!path.isEmpty() && !csv(path, &error))
            errors->showMessage(error, MessageLabel::Kind::Error);
    });
}

} // namespace huntaze::ui::chartexport
