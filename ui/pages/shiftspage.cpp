#include "shiftspage.h"

#include "common/async.h"
#include "domain/rules.h"
#include "exporting/csvexport.h"
#include "state/shiftstore.h"
#include "state/teamstore.h"
#include "state/userstore.h"
#include "widgets/card.h"
#include "widgets/messagelabel.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimeEdit>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace huntaze::ui {

namespace {

QTableWidget *makeTable(const QString &objectName, const QString &accessibleName, const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setObjectName(objectName);
    table->setAccessibleName(accessibleName);
    table->setHorizontalHeaderLabels(headers);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setMinimumHeight(160);
    return table;
}

QString hoursText(qint64 seconds)
{
    return QLocale().toString(seconds / 3600.0, 'f', 2);
}

} // namespace

ShiftsPage::ShiftsPage(ShiftStore &shifts, TeamStore &team, UserStore &users, QWidget *parent)
    : Page(parent), m_shifts(shifts), m_team(team), m_users(users)
{
    m_exportAction = new QAction(tr("Export hours…"), this);
    connect(m_exportAction, &QAction::triggered, this, [this] {
        const QString path
            = QFileDialog::getSaveFileName(this, tr("Export the hours"), QStringLiteral("hours.csv"), tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        QString error;
        if (exportHoursTo(path, &error))
            m_hoursMessage->showMessage(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)), MessageLabel::Kind::Note);
        else
            m_hoursMessage->showMessage(error, MessageLabel::Kind::Error);
    });

    // Your shift
    auto *shiftCard = new Card(tr("Your shift"));
    m_status = new QLabel(shiftCard);
    m_status->setObjectName(QStringLiteral("shiftStatus"));
    m_status->setWordWrap(true);
    m_clock = new QPushButton(shiftCard);
    m_clock->setObjectName(QStringLiteral("clockButton"));
    connect(m_clock, &QPushButton::clicked, this, &ShiftsPage::clockInOrOut);
    m_switch = new QPushButton(shiftCard);
    m_switch->setObjectName(QStringLiteral("switchButton"));
    connect(m_switch, &QPushButton::clicked, this, [this] {
        onFinished(m_shifts.clockIn(), this, [this](const Result<Shift> &shift) {
            if (!shift.ok())
                m_shiftMessage->showMessage(shift.error().message, MessageLabel::Kind::Error);
        });
    });
    auto *clockRow = new QHBoxLayout;
    clockRow->addWidget(m_clock);
    clockRow->addWidget(m_switch);
    clockRow->addStretch(1);
    shiftCard->body()->addWidget(m_status);
    shiftCard->body()->addLayout(clockRow);
    m_shiftMessage = new MessageLabel(shiftCard);
    shiftCard->body()->addWidget(m_shiftMessage);
    contentLayout()->addWidget(shiftCard);
    m_tick = new QTimer(this);
    m_tick->setInterval(30'000); // the elapsed time shown, in minutes
    connect(m_tick, &QTimer::timeout, this, &ShiftsPage::showShift);

    // Weekly schedule
    auto *scheduleCard = new Card(tr("Weekly schedule"));
    m_schedule = makeTable(QStringLiteral("schedule"), tr("Weekly schedule"),
                           {tr("Member"), tr("Creator"), tr("Day"), tr("From"), tr("To")}, scheduleCard);
    scheduleCard->body()->addWidget(m_schedule);
    m_planner = new QWidget(scheduleCard);
    auto *planner = new QHBoxLayout(m_planner);
    planner->setContentsMargins(0, 0, 0, 0);
    m_member = new QComboBox(m_planner);
    m_member->setObjectName(QStringLiteral("slotMember"));
    m_member->setAccessibleName(tr("Member"));
    m_creator = new QComboBox(m_planner);
    m_creator->setObjectName(QStringLiteral("slotCreator"));
    m_creator->setAccessibleName(tr("Creator"));
    m_day = new QComboBox(m_planner);
    m_day->setObjectName(QStringLiteral("slotDay"));
    m_day->setAccessibleName(tr("Day"));
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day)
        m_day->addItem(QLocale().dayName(day), day);
    m_start = new QTimeEdit(QTime(9, 0), m_planner);
    m_start->setObjectName(QStringLiteral("slotStart"));
    m_start->setAccessibleName(tr("From"));
    m_start->setDisplayFormat(QStringLiteral("HH:mm"));
    m_end = new QTimeEdit(QTime(17, 0), m_planner);
    m_end->setObjectName(QStringLiteral("slotEnd"));
    m_end->setAccessibleName(tr("To"));
    m_end->setDisplayFormat(QStringLiteral("HH:mm"));
    m_addSlot = new QPushButton(tr("Add to the schedule"), m_planner);
    m_addSlot->setObjectName(QStringLiteral("addSlot"));
    connect(m_addSlot, &QPushButton::clicked, this, &ShiftsPage::addSlot);
    for (QWidget *widget : std::initializer_list<QWidget *>{m_member, m_creator, m_day, m_start, m_end, m_addSlot})
        planner->addWidget(widget);
    scheduleCard->body()->addWidget(m_planner);
    m_removeSlot = new QPushButton(tr("Remove the selected shift"), scheduleCard);
    m_removeSlot->setObjectName(QStringLiteral("removeSlot"));
    m_removeSlot->setEnabled(false);
    connect(m_removeSlot, &QPushButton::clicked, this, &ShiftsPage::removeSelectedSlot);
    connect(m_schedule, &QTableWidget::itemSelectionChanged, this,
            [this] { m_removeSlot->setEnabled(managesShifts() && !m_schedule->selectedItems().isEmpty()); });
    scheduleCard->body()->addWidget(m_removeSlot);
    m_idleRow = new QWidget(scheduleCard);
    auto *idleRow = new QHBoxLayout(m_idleRow);
    idleRow->setContentsMargins(0, 0, 0, 0);
    auto *idleLabel = new QLabel(tr("End a shift after this many minutes without activity:"), m_idleRow);
    m_idle = new QSpinBox(m_idleRow);
    m_idle->setObjectName(QStringLiteral("idleMinutes"));
    m_idle->setAccessibleName(tr("Idle limit in minutes"));
    m_idle->setRange(shifts::minIdleMinutes, shifts::maxIdleMinutes);
    idleLabel->setBuddy(m_idle);
    auto *applyIdle = new QPushButton(tr("Apply"), m_idleRow);
    applyIdle->setObjectName(QStringLiteral("applyIdle"));
    connect(applyIdle, &QPushButton::clicked, this, [this] {
        onFinished(m_shifts.setIdleMinutes(m_idle->value()), this, [this](const Result<void> &set) {
            if (set.ok())
                m_scheduleMessage->showMessage(tr("Shifts now end after %n minutes without activity.", nullptr, m_idle->value()),
                                               MessageLabel::Kind::Note);
            else
                m_scheduleMessage->showMessage(set.error().message, MessageLabel::Kind::Error);
        });
    });
    idleRow->addWidget(idleLabel);
    idleRow->addWidget(m_idle);
    idleRow->addWidget(applyIdle);
    idleRow->addStretch(1);
    scheduleCard->body()->addWidget(m_idleRow);
    m_scheduleMessage = new MessageLabel(scheduleCard);
    scheduleCard->body()->addWidget(m_scheduleMessage);
    contentLayout()->addWidget(scheduleCard);

    // Hours
    auto *hoursCard = new Card(tr("Hours"));
    auto *period = new QFormLayout;
    const QDate today = QDate::currentDate();
    m_from = new QDateEdit(today.addDays(1 - today.dayOfWeek()), hoursCard);
    m_from->setObjectName(QStringLiteral("hoursFrom"));
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(today, hoursCard);
    m_to->setObjectName(QStringLiteral("hoursTo"));
    m_to->setCalendarPopup(true);
    period->addRow(tr("From"), m_from);
    period->addRow(tr("To (included)"), m_to);
    hoursCard->body()->addLayout(period);
    connect(m_from, &QDateEdit::dateChanged, this, &ShiftsPage::loadHours);
    connect(m_to, &QDateEdit::dateChanged, this, &ShiftsPage::loadHours);
    m_hours = makeTable(QStringLiteral("hours"), tr("Hours"),
                        {tr("Member"), tr("Creator"), tr("Shifts"), tr("Hours clocked"), tr("Hours scheduled")}, hoursCard);
    hoursCard->body()->addWidget(m_hours);
    m_exportButton = new QPushButton(tr("Export hours…"), hoursCard);
    m_exportButton->setObjectName(QStringLiteral("exportHours"));
    connect(m_exportButton, &QPushButton::clicked, m_exportAction, &QAction::trigger);
    hoursCard->body()->addWidget(m_exportButton, 0, Qt::AlignLeft);
    m_hoursMessage = new MessageLabel(hoursCard);
    hoursCard->body()->addWidget(m_hoursMessage);
    contentLayout()->addWidget(hoursCard);
    contentLayout()->addStretch(1);

    connect(&m_shifts, &ShiftStore::currentChanged, this, &ShiftsPage::showShift);
    connect(&m_shifts, &ShiftStore::currentChanged, this, &ShiftsPage::loadHours);
    connect(&m_shifts, &ShiftStore::shiftLapsed, this, [this] {
        m_shiftMessage->showMessage(
            tr("Your shift ended after %n minutes without activity. Clock in again to go on.", nullptr, m_shifts.idleMinutes()),
            MessageLabel::Kind::Warning);
    });
    connect(&m_shifts, &ShiftStore::scheduleChanged, this, &ShiftsPage::showSchedule);
    connect(&m_shifts, &ShiftStore::scheduleChanged, this, &ShiftsPage::loadHours);
    connect(&m_shifts, &ShiftStore::hoursChanged, this, &ShiftsPage::showHours);
    connect(&m_shifts, &ShiftStore::idleMinutesChanged, this, [this] { m_idle->setValue(m_shifts.idleMinutes()); });
    connect(&m_shifts, &ShiftStore::loadFailed, this,
            [this](const QString &message) { m_shiftMessage->showMessage(message, MessageLabel::Kind::Error); });
    connect(&m_team, &TeamStore::membersChanged, this, &ShiftsPage::showMemberChoice);
    connect(&m_users, &UserStore::userChanged, this, [this] {
        showManagerTools();
        showMemberChoice();
        showShift();
    });
    m_idle->setValue(m_shifts.idleMinutes());
    showManagerTools();
    showMemberChoice();
    showShift();
}

QString ShiftsPage::title() const
{
    return tr("Shifts");
}

void ShiftsPage::activate()
{
    const bool exports = m_users.user() && m_users.user()->may(agency::Permission::ExportData);
    allowAction(m_exportAction, exports);
    m_exportButton->setVisible(exports);
    m_shiftMessage->clearMessage();
    m_shifts.reload();
    if (managesShifts() && m_team.isAvailable())
        m_team.reload();
    loadHours();
}

bool ShiftsPage::managesShifts() const
{
    return m_users.user() && m_users.user()->may(agency::Permission::ManageShifts);
}

QString ShiftsPage::creatorName(qint64 creatorId) const
{
    return m_users.user() ? m_users.user()->creatorName(creatorId) : QString();
}

void ShiftsPage::showManagerTools()
{
    const bool manager = managesShifts();
    m_planner->setVisible(manager);
    m_removeSlot->setVisible(manager);
    m_idleRow->setVisible(manager);
    m_creator->clear();
    if (m_users.user()) {
        for (const Creator &creator : m_users.user()->creators)
            m_creator->addItem(creator.profile.displayName, creator.id);
        m_creator->setCurrentIndex(m_creator->findData(m_users.user()->creatorId));
    }
}

void ShiftsPage::showMemberChoice()
{
    const qint64 chosen = m_member->currentData().toLongLong();
    m_member->clear();
    if (!m_users.user())
        return;
    // On this computer the one local owner plans their own work.
    m_member->addItem(m_users.user()->email, m_users.user()->id);
    for (const TeamMember &member : m_team.members()) {
        if (member.userId != m_users.user()->id)
            m_member->addItem(member.email, member.userId);
    }
    if (const int index = m_member->findData(chosen); index >= 0)
        m_member->setCurrentIndex(index);
}

void ShiftsPage::showShift()
{
    const std::optional<Shift> &current = m_shifts.current();
    const bool signedIn = m_users.user().has_value();
    const qint64 selected = signedIn ? m_users.user()->creatorId : 0;
    const QString selectedName = creatorName(selected);
    if (current) {
        const qint64 elapsed = current->clockedInAt.secsTo(QDateTime::currentDateTimeUtc());
        m_status->setText(tr("Clocked in for %1 since %2 (%3).")
                              .arg(creatorName(current->creatorId),
                                   QLocale().toString(current->clockedInAt.toLocalTime().time(), QLocale::ShortFormat),
                                   shifts::formatDuration(std::max<qint64>(elapsed, 0))));
        m_clock->setText(tr("Clock out"));
        m_switch->setText(tr("Switch to %1").arg(selectedName));
        m_switch->setVisible(selected != 0 && current->creatorId != selected);
        m_tick->start();
    } else {
        m_status->setText(
            tr("You are not clocked in. Shifts end by themselves after %n minutes without activity.", nullptr, m_shifts.idleMinutes()));
        m_clock->setText(tr("Clock in for %1").arg(selectedName));
        m_switch->hide();
        m_tick->stop();
    }
    m_clock->setAccessibleName(m_clock->text());
    m_switch->setAccessibleName(m_switch->text());
    m_clock->setEnabled(signedIn && m_users.user()->may(agency::Permission::ClockIn));
}

void ShiftsPage::clockInOrOut()
{
    m_shiftMessage->clearMessage();
    const bool clockingIn = !m_shifts.current().has_value();
    QFuture<Result<Shift>> done = clockingIn ? m_shifts.clockIn() : m_shifts.clockOut();
    m_clock->setEnabled(false);
    onFinished(done, this, [this, clockingIn](const Result<Shift> &shift) {
        m_clock->setEnabled(true);
        if (!shift.ok()) {
            m_shiftMessage->showMessage(shift.error().message, MessageLabel::Kind::Error);
            return;
        }
        if (!clockingIn)
            m_shiftMessage->showMessage(
                tr("Clocked out after %1.").arg(shifts::formatDuration(shift.value().clockedInAt.secsTo(shift.value().clockedOutAt))),
                MessageLabel::Kind::Note);
    });
}

void ShiftsPage::showSchedule()
{
    m_schedule->setRowCount(0);
    const QByteArray localZone = QTimeZone::systemTimeZoneId();
    for (const ShiftSlot &slot : m_shifts.schedule()) {
        const int row = m_schedule->rowCount();
        m_schedule->insertRow(row);
        // Times are those of the zone the slot was planned in; another zone is named.
        const QString zone = slot.timeZone.toLatin1() == localZone ? QString() : QStringLiteral(" (%1)").arg(slot.timeZone);
        const QStringList cells{slot.memberEmail, creatorName(slot.creatorId), QLocale().dayName(slot.weekday),
                                QLocale().toString(slot.start, QLocale::ShortFormat) + zone,
                                QLocale().toString(slot.end(), QLocale::ShortFormat) + zone};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, slot.id);
            m_schedule->setItem(row, column, item);
        }
    }
    m_removeSlot->setEnabled(false);
}

void ShiftsPage::addSlot()
{
    m_scheduleMessage->clearMessage();
    ShiftSlot slot;
    slot.memberId = m_member->currentData().toLongLong();
    slot.creatorId = m_creator->currentData().toLongLong();
    slot.weekday = m_day->currentData().toInt();
    slot.start = QTime(m_start->time().hour(), m_start->time().minute());
    const QTime end(m_end->time().hour(), m_end->time().minute());
    // An end at or before the start runs past midnight.
    int minutes = static_cast<int>(slot.start.secsTo(end) / 60);
    if (minutes <= 0)
        minutes += 24 * 60;
    slot.minutes = minutes;
    slot.timeZone = QString::fromLatin1(QTimeZone::systemTimeZoneId());
    if (!rules::isKnownTimeZone(slot.timeZone))
        slot.timeZone = QStringLiteral("UTC");
    onFinished(m_shifts.addSlot(slot), this, [this](const Result<ShiftSlot> &added) {
        if (!added.ok())
            m_scheduleMessage->showMessage(added.error().message, MessageLabel::Kind::Error);
        else
            m_scheduleMessage->showMessage(tr("Added to the schedule."), MessageLabel::Kind::Note);
    });
}

void ShiftsPage::removeSelectedSlot()
{
    const QList<QTableWidgetItem *> selected = m_schedule->selectedItems();
    if (selected.isEmpty())
        return;
    onFinished(m_shifts.removeSlot(selected.first()->data(Qt::UserRole).toLongLong()), this, [this](const Result<void> &removed) {
        if (!removed.ok())
            m_scheduleMessage->showMessage(removed.error().message, MessageLabel::Kind::Error);
        else
            m_scheduleMessage->showMessage(tr("Removed from the schedule."), MessageLabel::Kind::Note);
    });
}

void ShiftsPage::loadHours()
{
    if (!m_users.user())
        return;
    const QDateTime from(m_from->date(), QTime(0, 0));
    const QDateTime to(m_to->date().addDays(1), QTime(0, 0));
    if (!(from < to)) {
        m_hoursMessage->showMessage(tr("The period must end after it starts."), MessageLabel::Kind::Error);
        return;
    }
    m_hoursMessage->clearMessage();
    m_shifts.loadHours(from, to);
}

void ShiftsPage::showHours()
{
    m_hours->setRowCount(0);
    for (const HoursRow &line : m_shifts.hours()) {
        const int row = m_hours->rowCount();
        m_hours->insertRow(row);
        const QStringList cells{line.memberEmail, creatorName(line.creatorId), QLocale().toString(line.shifts),
                                hoursText(line.clockedSeconds), hoursText(line.scheduledSeconds)};
        for (int column = 0; column < cells.size(); ++column)
            m_hours->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
}

bool ShiftsPage::exportHoursTo(const QString &path, QString *error) const
{
    // Hours as decimal numbers with a dot, so every spreadsheet sums them.
    QList<QStringList> rows{{QStringLiteral("member"), QStringLiteral("creator"), QStringLiteral("from"), QStringLiteral("to"),
                             QStringLiteral("shifts"), QStringLiteral("hours_clocked"), QStringLiteral("hours_scheduled")}};
    for (const HoursRow &line : m_shifts.hours())
        rows.append({line.memberEmail, creatorName(line.creatorId), m_from->date().toString(Qt::ISODate),
                     m_to->date().toString(Qt::ISODate), QString::number(line.shifts),
                     QString::number(line.clockedSeconds / 3600.0, 'f', 2), QString::number(line.scheduledSeconds / 3600.0, 'f', 2)});
    const Result<void> written = csvexport::write(path, rows);
    if (!written.ok() && error)
        *error = written.error().message;
    return written.ok();
}

} // namespace huntaze::ui
