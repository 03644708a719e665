#include "BatchReport.h"

#include "io/AtomicFile.h"

#include <algorithm>

namespace unblur::batch {

const char* stateName(ItemState state)
{
    switch (state) {
    case ItemState::Queued:
        return "queued";
    case ItemState::Working:
        return "working";
    case ItemState::Done:
        return "done";
    case ItemState::Skipped:
        return "skipped";
    case ItemState::Failed:
        return "failed";
    case ItemState::Cancelled:
        return "cancelled";
    }
    return "?";
}

int BatchReport::count(ItemState state) const
{
    return int(std::count_if(m_items.begin(), m_items.end(),
                             [state](const BatchItem& item) { return item.state == state; }));
}

int BatchReport::skippedAsSharp() const
{
    return int(std::count_if(m_items.begin(), m_items.end(), isSkippedAsSharp));
}

QString BatchReport::stopSummary() const
{
    return m_stopReason.isEmpty() ? QString()
                                  : stopSummary(m_stopReason, count(ItemState::Cancelled));
}

QString BatchReport::stopSummary(const QString& reason, int notStarted)
{
    return QStringLiteral("stopped: %1 (%2 %3 not started)")
        .arg(reason)
        .arg(notStarted)
        .arg(notStarted == 1 ? QStringLiteral("photo") : QStringLiteral("photos"));
}

QString BatchReport::sharpReason(double blur, const QString& note)
{
    return blur < 0 ? QStringLiteral("sharp (not measured: %1)").arg(note)
                    : QStringLiteral("sharp (blur %1)").arg(blur, 0, 'f', 2);
}

bool BatchReport::isSkippedAsSharp(const BatchItem& item)
{
    return item.state == ItemState::Skipped && item.reason.startsWith(QLatin1String("sharp ("));
}

QString BatchReport::csvField(const QString& text)
{
    static const QString special = QStringLiteral(",\"\r\n");
    const bool quote =
        std::any_of(text.begin(), text.end(), [](QChar c) { return special.contains(c); });
    if (!quote) {
        return text;
    }
    QString escaped = text;
    escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString BatchReport::csv() const
{
    QString text = QStringLiteral("input,output,state,reason,seconds,refinement,blur\r\n");
    for (const BatchItem& item : m_items) {
        text += csvField(item.input) + QLatin1Char(',') + csvField(item.output) + QLatin1Char(',') +
                QLatin1String(stateName(item.state)) + QLatin1Char(',') + csvField(item.reason) +
                QLatin1Char(',') + QString::number(item.seconds, 'f', 2) + QLatin1Char(',') +
                csvField(item.refinement) + QLatin1Char(',') +
                (item.blur < 0 ? QString() : QString::number(item.blur, 'f', 3)) +
                QStringLiteral("\r\n");
    }
    return text;
}

void BatchReport::writeCsv(const QString& path) const
{
    io::AtomicFile::write(path.toStdString(), csv().toUtf8());
}

} // namespace unblur::batch
