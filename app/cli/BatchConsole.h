#pragma once

#include "StatusLine.h"
#include "batch/BatchPipeline.h"

#include <QElapsedTimer>
#include <QTextStream>
#include <mutex>
#include <string>

/**
 * How `unblur-cli batch` shows a running batch: a progress line on stderr (redrawn on a
 * terminal, e.g. `[######..............] 7/24 photos  29%  diffusion 3/8  ETA 1m05s`; one line
 * per finished photo elsewhere), every failure as it happens, and with --json one JSON object
 * per photo on stdout when it is done, skipped, failed or cancelled; when the output takes no
 * more, `stopped: disk full (12 photos not started)` before the summary. The precision the
 * engine chose is told once, as deblur tells it: `Note:   precision: float32 (...)`.
 */
class BatchConsole : public unblur::batch::BatchObserver
{
public:
    BatchConsole(QTextStream& out, QTextStream& err, bool json);

    /** Prints the photos the plan already settled (skipped, failed) as --json lines. */
    void printSettled(const std::vector<unblur::batch::BatchItem>& items);
    /**
     * Takes a restore's precision note (any thread); the first non-empty one is printed with
     * the next report, once per batch.
     */
    void notePrecision(const std::string& note);
    /** Wipes the progress line (terminal), so that the summary starts clean. */
    void finish();

    void itemChanged(int index, const unblur::batch::BatchItem& item) override;
    void progressed(const unblur::batch::BatchProgress& progress) override;

    /** The JSON line of one photo, without a newline. */
    static QString jsonLine(const unblur::batch::BatchItem& item);
    /** The progress line for `progress`. */
    static QString progressLine(const unblur::batch::BatchProgress& progress);

private:
    /** Prints the precision note once it has come and not yet been printed. */
    void printPrecisionNote();

    QTextStream& m_out;
    QTextStream& m_err;
    bool m_json;
    StatusLine m_status;
    QElapsedTimer m_sinceDraw;
    int m_lastFinished = -1;
    std::mutex m_noteMutex; ///< guards m_precisionNote: restores run on another thread
    QString m_precisionNote;
    bool m_precisionNoted = false; ///< printed (set from the reporting calls only)
};
