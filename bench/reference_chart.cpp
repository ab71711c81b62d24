// Reference for bench/startup.sh: the smallest Qt Widgets program with one
// chart. Prints the same "startup_ms=... rss_kib=..." line as `huntaze --bench-startup`.

#include "diagnostics/startupprobe.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLineSeries>

int main(int argc, char *argv[])
{
    huntaze::StartupProbe::millisecondsSinceProcessStart();
    QApplication app(argc, argv);
    auto *series = new QLineSeries;
    for (int day = 0; day < 30; ++day)
        series->append(day, (day * 37) % 100);
    auto *chart = new QChart;
    chart->addSeries(series);
    chart->createDefaultAxes();
    QChartView view(chart);
    view.resize(1180, 760);
    new huntaze::StartupProbe(&view);
    view.show();
    return app.exec();
}
