#pragma once

#include "engine/EngineOptions.h"

#include <QElapsedTimer>
#include <QString>
#include <QTextStream>

/**
 * Shows the engine's progress on a stream (stderr). On a terminal: one line redrawn in place
 * with '\r', at most about ten times a second, e.g.
 * `[#####.....] 12/40 tiles  30%  diffusion 3/8  ETA 1m05s`. Elsewhere (a log, a pipe): one
 * plain line per finished tile, e.g. `tile 12/40 (30%), ETA 65 s`.
 * update() must be called from one thread at a time (the engine's callback is).
 */
class ProgressPrinter
{
public:
    ProgressPrinter(QTextStream& stream, bool terminal);
    ~ProgressPrinter() { finish(); }
    ProgressPrinter(const ProgressPrinter&) = delete;
    ProgressPrinter& operator=(const ProgressPrinter&) = delete;

    /** Takes one progress report; prints what its mode asks for. */
    void update(const unblur::engine::EngineProgress& progress);
    /** Ends the redrawn line (terminal mode) so that later output starts on a fresh line. */
    void finish();

    /** The terminal line for a report; `barWidth` characters of bar between brackets. */
    static QString barLine(const unblur::engine::EngineProgress& progress, int barWidth = 20);
    /** The plain line for a report, without a newline. */
    static QString plainLine(const unblur::engine::EngineProgress& progress);
    /** "45s", "1m05s", "2h03m"; "--" for a negative (unknown) duration. */
    static QString shortDuration(double seconds);
    /** Whole percent of tiles done, 0-100. */
    static int percent(const unblur::engine::EngineProgress& progress);

private:
    QTextStream& m_stream;
    bool m_terminal;
    QElapsedTimer m_sinceDraw;
    int m_lastLength = 0;     ///< length of the line drawn last (terminal mode)
    int m_lastTilesDone = -1; ///< tiles done at the last line printed
    bool m_drawn = false;
};
