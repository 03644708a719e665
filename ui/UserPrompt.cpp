#include "UserPrompt.h"

namespace unblur::ui {

namespace {
std::optional<QMessageBox::StandardButton> g_answer;
int g_asked = 0;
} // namespace

QMessageBox::StandardButton UserPrompt::ask(QWidget* parent, const QString& title,
                                            const QString& text,
                                            QMessageBox::StandardButtons buttons,
                                            QMessageBox::StandardButton defaultButton)
{
    ++g_asked;
    if (g_answer) {
        return *g_answer;
    }
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

void UserPrompt::setAutomaticAnswer(std::optional<QMessageBox::StandardButton> answer)
{
    g_answer = answer;
}

int UserPrompt::askedCount()
{
    return g_asked;
}

} // namespace unblur::ui
