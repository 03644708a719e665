#pragma once

#include <QMessageBox>
#include <optional>

namespace unblur::ui {

/**
 * Modal questions to the user, through one door so that tests can give the answer the next
 * question gets instead of a dialog appearing.
 */
class UserPrompt
{
public:
    static QMessageBox::StandardButton ask(QWidget* parent, const QString& title,
                                           const QString& text,
                                           QMessageBox::StandardButtons buttons,
                                           QMessageBox::StandardButton defaultButton);

    /** The answer every following question gets at once (tests); nullopt asks for real. */
    static void setAutomaticAnswer(std::optional<QMessageBox::StandardButton> answer);
    /** How many questions were asked (tests). */
    static int askedCount();
};

} // namespace unblur::ui
