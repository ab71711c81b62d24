#pragma once

#include <QFrame>

class QLabel;
class QVBoxLayout;

namespace huntaze::ui {

// A rounded surface with an optional title, the building block of every page.
class Card : public QFrame
{
    Q_OBJECT
public:
    explicit Card(const QString &title = QString(), QWidget *parent = nullptr);

    QVBoxLayout *body() const { return m_body; }
    void setTitle(const QString &title);

private:
    QLabel *m_title;
    QVBoxLayout *m_body;
};

// A secondary, word-wrapped line of text in the palette's muted colour.
QLabel *makeNote(const QString &text, QWidget *parent);

} // namespace huntaze::ui
