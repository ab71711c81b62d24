#pragma once

#include "pages/page.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimeEdit;
class QTimer;

namespace huntaze {
class ShiftStore;
class TeamStore;
class UserStore;
} // namespace huntaze

namespace huntaze::ui {

class MessageLabel;

// Chatters' shifts: clock in (for the creator selected in the sidebar) and
// out, the weekly schedule, and the hours clocked per member and creator over
// a period, exported as CSV. Members who plan shifts (shifts.manage) add and
// remove slots for anyone, set the idle limit and see everyone's hours;
// others see their own.
class ShiftsPage : public Page
{
    Q_OBJECT
public:
    ShiftsPage(ShiftStore &shifts, TeamStore &team, UserStore &users, QWidget *parent = nullptr);

    QString title() const override;
    QAction *primaryAction() const override { return m_exportAction; }
    void activate() override;

    QLabel *statusLabel() const { return m_status; }
    QPushButton *clockButton() const { return m_clock; }
    QPushButton *switchButton() const { return m_switch; }
    QTableWidget *scheduleTable() const { return m_schedule; }
    QComboBox *memberChoice() const { return m_member; }
    QComboBox *creatorChoice() const { return m_creator; }
    QComboBox *dayChoice() const { return m_day; }
    QTimeEdit *startEdit() const { return m_start; }
    QTimeEdit *endEdit() const { return m_end; }
    QPushButton *addSlotButton() const { return m_addSlot; }
    QPushButton *removeSlotButton() const { return m_removeSlot; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    QTableWidget *hoursTable() const { return m_hours; }
    QSpinBox *idleEdit() const { return m_idle; }
    bool exportHoursTo(const QString &path, QString *error = nullptr) const;

private:
    void showShift();
    void showSchedule();
    void showHours();
    void showMemberChoice();
    void showManagerTools();
    void clockInOrOut();
    void addSlot();
    void removeSelectedSlot();
    void loadHours();
    QString creatorName(qint64 creatorId) const;
    bool managesShifts() const;

    ShiftStore &m_shifts;
    TeamStore &m_team;
    UserStore &m_users;
    QAction *m_exportAction;
    QLabel *m_status;
    QPushButton *m_clock;
    QPushButton *m_switch;
    MessageLabel *m_shiftMessage;
    QTimer *m_tick;
    QTableWidget *m_schedule;
    QWidget *m_planner;
    QComboBox *m_member;
    QComboBox *m_creator;
    QComboBox *m_day;
    QTimeEdit *m_start;
    QTimeEdit *m_end;
    QPushButton *m_addSlot;
    QPushButton *m_removeSlot;
    QWidget *m_idleRow;
    QSpinBox *m_idle;
    MessageLabel *m_scheduleMessage;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QTableWidget *m_hours;
    QPushButton *m_exportButton;
    MessageLabel *m_hoursMessage;
};

} // namespace huntaze::ui
