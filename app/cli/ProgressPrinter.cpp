#include "ProgressPrinter.h"

#include <algorithm>
#include <cmath>

using unblur::engine::EngineProgress;

namespace {

constexpr qint64 kRedrawIntervalMs = 100; // about ten redraws a second

} // namespace

ProgressPrinter::ProgressPrinter(QTextStream& stream, bool terminal)
    : m_stream(stream), m_terminal(terminal)
{
}

void ProgressPrinter::update(const EngineProgress& progress)
{
    const bool newTile = progress.tilesDone != m_lastTilesDone;
    if (!m_terminal) {
        // One line per finished tile; the reports between tiles are not shown.
        if (newTile && progress.tilesDone > 0) {
            m_stream << plainLine(progress) << "\n";
            m_stream.flush();
        }
        m_lastTilesDone = progress.tilesDone;
        return;
    }
    const bool last = progress.tilesTotal > 0 && progress.tilesDone >= progress.tilesTotal;
    if (m_drawn && !last && m_sinceDraw.elapsed() < kRedrawIntervalMs) {
        return;
    }
    const QString line = barLine(progress);
    // Blank out what is left of a longer previous line.
    const int padding = std::max(0, m_lastLength - int(line.size()));
    m_stream << '\r' << line << QString(padding, QLatin1Char(' '));
    m_stream.flush();
    m_lastLength = int(line.size());
    m_lastTilesDone = progress.tilesDone;
    m_sinceDraw.start();
    m_drawn = true;
}

void ProgressPrinter::finish()
{
    if (m_terminal && m_drawn) {
        m_stream << "\n";
        m_stream.flush();
        m_drawn = false;
        m_lastLength = 0;
    }
}

QString ProgressPrinter::barLine(const EngineProgress& progress, int barWidth)
{
    const int total = std::max(progress.tilesTotal, 1);
    const int filled = std::clamp(progress.tilesDone * barWidth / total, 0, barWidth);
    QString line = QLatin1Char('[') + QString(filled, QLatin1Char('#')) +
                   QString(barWidth - filled, QLatin1Char('.')) + QLatin1Char(']');
    line += QStringLiteral(" %1/%2 tiles  %3%")
                .arg(progress.tilesDone)
                .arg(progress.tilesTotal)
                .arg(percent(progress), 3);
    if (!progress.stage.empty()) {
        line += QStringLiteral("  ") + QString::fromStdString(progress.stage);
    }
    line += QStringLiteral("  ETA ") + shortDuration(progress.etaSeconds);
    return line;
}

QString ProgressPrinter::plainLine(const EngineProgress& progress)
{
    QString line = QStringLiteral("tile %1/%2 (%3%)")
                       .arg(progress.tilesDone)
                       .arg(progress.tilesTotal)
                       .arg(percent(progress));
    if (progress.tilesDone < progress.tilesTotal && progress.etaSeconds >= 0) {
        line += QStringLiteral(", ETA %1 s").arg(std::lround(progress.etaSeconds));
    }
    return line;
}

QString ProgressPrinter::shortDuration(double seconds)
{
    if (seconds < 0 || !std::isfinite(seconds)) {
        return QStringLiteral("--");
    }
    const long total = std::lround(seconds);
    if (total < 60) {
        return QStringLiteral("%1s").arg(total);
    }
    if (total < 3600) {
        return QStringLiteral("%1m%2s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1h%2m")
        .arg(total / 3600)
        .arg(total % 3600 / 60, 2, 10, QLatin1Char('0'));
}

int ProgressPrinter::percent(const EngineProgress& progress)
{
    if (progress.tilesTotal <= 0) {
        return 0;
    }
    return std::clamp(int(100LL * progress.tilesDone / progress.tilesTotal), 0, 100);
}
