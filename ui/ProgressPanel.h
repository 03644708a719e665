#pragma once

#include "DeblurTypes.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace unblur::ui {

/** The running deblur: a bar of tiles done, the stage and ETA, and a Cancel button. */
class ProgressPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProgressPanel(QWidget* parent = nullptr);

    void start();
    void update(const DeblurProgress& progress);
    void stop();
    QString text() const;

    /** The engine's stage ("encoding", "diffusion 3/8"...) in the interface language. */
    static QString stageText(const QString& stage);

Q_SIGNALS:
    void cancelRequested();

private:
    QProgressBar* m_bar;
    QLabel* m_label;
    QPushButton* m_cancel;
};

} // namespace unblur::ui
