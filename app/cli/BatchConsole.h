#pragma once

#include "StatusLine.h"
#include "batch/BatchPipeline.h"

#include <QElapsedTimer>
#include <QTextStream>

/**
 * How `unblur-cli batch` shows a running batch: a progress line on stderr (redrawn on a
 * terminal, e.g. `[######..............] 7/24 photos  29%  diffusion 3/8  ETA 1m05s`; one line
 * per finished photo elsewhere), every failure as it happens, and with --json one JSON object
 * per photo on stdout when it is done, skipped, failed or cancelled; when the output takes no
 * more, `stopped: disk full (12 photos not started)` before the summary.
 */
class BatchConsole : public unblur::batch::BatchObserver
{
public:
    BatchConsole(QTextStream& out, QTextStream& err, bool json);

    /** Prints the photos the plan already settled (skipped, failed) as --json lines. */
    void printSettled(const std::vector<unblur::batch::BatchItem>& items);
    /** Wipes the progress line (terminal), so that the summary starts clean. */
    void finish() { m_status.clear(); }

    void itemChanged(int index, const unblur::batch::BatchItem& item) override;
    void progressed(const unblur::batch::BatchProgress& progress) override;

    /** The JSON line of one photo, without a newline. */
    static QString jsonLine(const unblur::batch::BatchItem& item);
    /** The progress line for `progress`. */
    static QString progressLine(const unblur::batch::BatchProgress& progress);

private:
    QTextStream& m_out;
    QTextStream& m_err;
    bool m_json;
    StatusLine m_status;
    QElapsedTimer m_sinceDraw;
    int m_lastFinished = -1;
};
