#include "MessageBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace unblur::ui {

MessageBanner::MessageBanner(QWidget* parent) : QWidget(parent)
{
    setAutoFillBackground(true);
    setAccessibleName(tr("Message"));
    m_icon = new QLabel(this);
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close = new QToolButton(this);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close this message"));
    m_close->setAccessibleName(tr("Close message"));
    connect(m_close, &QToolButton::clicked, this, &MessageBanner::dismiss);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    hide();
}

void MessageBanner::showMessage(const QString& text, Kind kind)
{
    m_kind = kind;
    m_label->setText(text);
    const bool error = kind == Kind::Error;
    const QStyle::StandardPixmap icon =
        error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxInformation;
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(20, 20));
    QPalette p = palette();
    p.setColor(QPalette::Window, error ? QColor(0xf8, 0xd7, 0xda) : QColor(0xd6, 0xea, 0xf8));
    p.setColor(QPalette::WindowText, error ? QColor(0x72, 0x1c, 0x24) : QColor(0x0c, 0x3c, 0x60));
    setPalette(p);
    setAccessibleDescription(text);
    show();
    const int serial = ++m_serial;
    if (!error) {
        QTimer::singleShot(6000, this, [this, serial] {
            if (serial == m_serial) {
                hide();
            }
        });
    }
}

QString MessageBanner::text() const
{
    return isHidden() ? QString() : m_label->text();
}

void MessageBanner::dismiss()
{
    ++m_serial;
    hide();
}

} // namespace unblur::ui
