#include "ProgressPanel.h"

#include "DurationText.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <cmath>

namespace unblur::ui {

QString ProgressPanel::stageText(const QString& stage)
{
    static const QRegularExpression diffusion(QStringLiteral("^diffusion (\\d+)/(\\d+)$"));
    const QRegularExpressionMatch step = diffusion.match(stage);
    if (step.hasMatch()) {
        return tr("diffusion step %1 of %2").arg(step.captured(1), step.captured(2));
    }
    // A self-ensemble: "view 2/8, " before the step.
    static const QRegularExpression view(QStringLiteral("^view (\\d+)/(\\d+), (.+)$"));
    const QRegularExpressionMatch ofView = view.match(stage);
    if (ofView.hasMatch()) {
        return tr("view %1 of %2, %3")
            .arg(ofView.captured(1), ofView.captured(2), stageText(ofView.captured(3)));
    }
    if (stage == QLatin1String("encoding")) {
        return tr("encoding");
    }
    if (stage == QLatin1String("restoring")) {
        return tr("restoring");
    }
    if (stage == QLatin1String("blending")) {
        return tr("blending tiles");
    }
    if (stage == QLatin1String("measuring memory")) {
        return tr("measuring memory");
    }
    if (stage == QLatin1String("done")) {
        return tr("done");
    }
    return stage; // a stage this panel does not know yet
}

ProgressPanel::ProgressPanel(QWidget* parent) : QWidget(parent)
{
    m_bar = new QProgressBar(this);
    m_bar->setAccessibleName(tr("Deblur progress"));
    m_bar->setMinimumWidth(200);
    m_bar->setMaximumWidth(320);
    m_label = new QLabel(this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the deblur (%1); the photo stays as it was")
                             .arg(QKeySequence(Qt::Key_Escape).toString(QKeySequence::NativeText)));
    m_cancel->setAccessibleName(tr("Cancel deblur"));
    connect(m_cancel, &QPushButton::clicked, this, &ProgressPanel::cancelRequested);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    hide();
}

void ProgressPanel::start()
{
    m_bar->setRange(0, 0); // busy until the tile count is known
    m_label->setText(tr("Preparing…"));
    m_cancel->setEnabled(true);
    show();
}

void ProgressPanel::update(const DeblurProgress& p)
{
    if (p.tilesTotal > 0) {
        m_bar->setRange(0, p.tilesTotal);
        m_bar->setValue(p.tilesDone);
        m_bar->setFormat(tr("%1/%n tile(s)", nullptr, p.tilesTotal).arg(p.tilesDone));
    }
    QString text = stageText(p.stage);
    if (p.etaSeconds >= 0) {
        text += QStringLiteral(" · ") + tr("ETA %1").arg(durationText(p.etaSeconds));
    }
    m_label->setText(text);
}

void ProgressPanel::stop()
{
    hide();
}

QString ProgressPanel::text() const
{
    return m_label->text();
}

} // namespace unblur::ui
