#include "BatchConsole.h"

#include "ProgressPrinter.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

using namespace unblur::batch;

namespace {

constexpr qint64 kRedrawIntervalMs = 100;

} // namespace

BatchConsole::BatchConsole(QTextStream& out, QTextStream& err, bool json)
    : m_out(out), m_err(err), m_json(json), m_status(err)
{
}

void BatchConsole::printSettled(const std::vector<BatchItem>& items)
{
    for (const BatchItem& item : items) {
        if (item.state != ItemState::Queued) {
            itemChanged(-1, item);
        }
    }
}

void BatchConsole::notePrecision(const std::string& note)
{
    const std::lock_guard<std::mutex> lock(m_noteMutex);
    if (m_precisionNote.isEmpty()) {
        m_precisionNote = QString::fromStdString(note);
    }
}

void BatchConsole::printPrecisionNote()
{
    if (m_precisionNoted) {
        return;
    }
    QString note;
    {
        const std::lock_guard<std::mutex> lock(m_noteMutex);
        note = m_precisionNote;
    }
    if (note.isEmpty()) {
        return;
    }
    m_precisionNoted = true;
    m_status.clear();
    m_err << "Note:   precision: " << note << "\n";
    m_err.flush();
}

void BatchConsole::finish()
{
    m_status.clear();
    printPrecisionNote();
}

void BatchConsole::itemChanged(int, const BatchItem& item)
{
    printPrecisionNote();
    if (item.state == ItemState::Queued || item.state == ItemState::Working) {
        return;
    }
    if (m_json) {
        m_out << jsonLine(item) << "\n";
        m_out.flush();
    }
    if (item.state == ItemState::Failed) {
        m_status.clear();
        m_err << "failed: " << QDir::toNativeSeparators(item.input) << ": " << item.reason << "\n";
        m_err.flush();
    }
}

void BatchConsole::progressed(const BatchProgress& progress)
{
    printPrecisionNote();
    if (progress.stage == QLatin1String("stopped")) {
        m_status.clear();
        m_err << BatchReport::stopSummary(progress.stopReason, progress.notStarted) << "\n";
        m_err.flush();
        return;
    }
    if (m_status.terminal()) {
        const bool settled = progress.finished != m_lastFinished || progress.paused;
        if (!settled && m_sinceDraw.isValid() && m_sinceDraw.elapsed() < kRedrawIntervalMs) {
            return;
        }
        m_status.show(progressLine(progress));
        m_sinceDraw.start();
    } else if (progress.finished != m_lastFinished && progress.finished > 0) {
        m_status.show(progressLine(progress)); // a log: one line per finished photo
    }
    m_lastFinished = progress.finished;
}

QString BatchConsole::jsonLine(const BatchItem& item)
{
    QJsonObject object;
    object.insert(QStringLiteral("input"), item.input);
    object.insert(QStringLiteral("output"), item.output);
    object.insert(QStringLiteral("state"), QLatin1String(stateName(item.state)));
    if (!item.reason.isEmpty()) {
        object.insert(QStringLiteral("reason"), item.reason);
    }
    object.insert(QStringLiteral("seconds"), std::round(item.seconds * 1000.0) / 1000.0);
    if (!item.refinement.isEmpty()) {
        object.insert(QStringLiteral("refinement"), item.refinement);
    }
    if (item.blur >= 0) {
        object.insert(QStringLiteral("blur"), std::round(item.blur * 1000.0) / 1000.0);
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString BatchConsole::progressLine(const BatchProgress& progress)
{
    constexpr int kBarWidth = 20;
    const int total = std::max(progress.total, 1);
    const double done = std::min(double(total), progress.finished + progress.currentPart);
    const int filled = std::clamp(int(done * kBarWidth / total), 0, kBarWidth);
    QString line = QLatin1Char('[') + QString(filled, QLatin1Char('#')) +
                   QString(kBarWidth - filled, QLatin1Char('.')) + QLatin1Char(']');
    line += QStringLiteral(" %1/%2 photos  %3%")
                .arg(progress.finished)
                .arg(progress.total)
                .arg(int(100.0 * done / total), 3);
    if (progress.failed > 0) {
        line += QStringLiteral("  %1 failed").arg(progress.failed);
    }
    if (progress.paused) {
        line += QStringLiteral("  paused");
    } else if (!progress.stage.isEmpty() && progress.current >= 0) {
        line += QStringLiteral("  ") + progress.stage;
    }
    line += QStringLiteral("  ETA ") + ProgressPrinter::shortDuration(progress.etaSeconds);
    return line;
}
