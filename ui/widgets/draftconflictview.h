#pragma once

#include "domain/draft.h"

#include <QWidget>

class QGridLayout;
class QLabel;

namespace huntaze::ui {

// Another device's version of the open draft beside this one (issue 13):
// one row for each field the two versions hold differently, this version's
// value next to the other's, fields changed on both sides in bold. "Take"
// brings one field of the other version into the editor; the buttons below
// keep this version (as edited: a merge by hand) or the other whole.
class DraftConflictView : public QWidget
{
    Q_OBJECT
public:
    explicit DraftConflictView(QWidget *parent = nullptr);

    // Shows `conflict` against `current`, the draft as the editor holds it now.
    void showConflict(const DraftConflict &conflict, const Draft &current);
    // The fields shown, in the editor's order ("title", "body", …).
    QStringList fieldsShown() const { return m_shown; }
    // Human names of a draft's editable fields, as the editor labels them.
    static QString fieldName(const QString &field, Draft::Kind kind);
    // A field's value as a person reads it ("Every fan", "Not planned", "#a #b").
    static QString valueText(const QString &field, const Draft &draft);

Q_SIGNALS:
    // The other version's value of `field`, to put into the editor.
    void taken(const QJsonObject &fields);
    void keepThis();
    void useOther();

private:
    void clearRows();

    QLabel *m_intro;
    QGridLayout *m_grid;
    QStringList m_shown;
    QList<QWidget *> m_rowWidgets;
};

} // namespace huntaze::ui
