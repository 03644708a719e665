#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace unblur::ui {

/**
 * An inline banner above the photo for recoverable errors and notices: it names the file
 * and the reason, leaves the window usable, and closes with its button (or, for notices,
 * by itself after a few seconds).
 */
class MessageBanner : public QWidget
{
    Q_OBJECT
public:
    enum class Kind
    {
        Error,
        Information
    };

    explicit MessageBanner(QWidget* parent = nullptr);

    void showMessage(const QString& text, Kind kind);
    QString text() const;
    Kind kind() const { return m_kind; }
    void dismiss();

private:
    QLabel* m_icon;
    QLabel* m_label;
    QToolButton* m_close;
    Kind m_kind = Kind::Information;
    int m_serial = 0;
};

} // namespace unblur::ui
