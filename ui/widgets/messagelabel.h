#pragma once

#include <QLabel>

namespace huntaze::ui {

// A label for feedback under a form: errors, warnings or plain notes. Hidden
// while empty; errors are announced to screen readers.
class MessageLabel : public QLabel
{
    Q_OBJECT
public:
    enum class Kind { Note, Error, Warning };

    explicit MessageLabel(QWidget *parent = nullptr);

    void showMessage(const QString &text, Kind kind);
    void clearMessage();
};

} // namespace huntaze::ui
