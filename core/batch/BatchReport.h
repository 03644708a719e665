#pragma once

#include <QString>
#include <vector>

namespace unblur::batch {

/** Where one photo of a batch stands. */
enum class ItemState
{
    Queued,    ///< waiting for its turn
    Working,   ///< being read, restored or written
    Done,      ///< written
    Skipped,   ///< its output existed already (a re-run), or it was sharp (only-blurry)
    Failed,    ///< could not be done; the reason says why, and the batch went on
    Cancelled, ///< the batch was cancelled, or stopped (disk full...), before this photo was
               ///< done; nothing written, the reason says which
};

/** "queued", "working", "done", "skipped", "failed", "cancelled". */
const char* stateName(ItemState state);

/** One photo of a batch: a row of the queue the GUI shows and of the CSV report. */
struct BatchItem
{
    QString input;    ///< the photo, as found
    QString relative; ///< its path below the input folder it was found in (its name for a file)
    QString output;   ///< where its result goes; empty when none could be chosen
    ItemState state = ItemState::Queued;
    QString reason;       ///< why it failed or was skipped; empty otherwise
    double seconds = 0;   ///< spent reading, restoring and writing it
    double ioSeconds = 0; ///< of those, reading and writing (what a pipeline overlaps)
    QString refinement; ///< what the shake refinement did: "applied (...)", "skipped (...)", "off"
    double blur = -1;   ///< the photo's blur score in [0, 1] (core/blur); -1: not measured
};

/** The rows of a batch with counts and a CSV form, for the summary and `--report`. */
class BatchReport
{
public:
    BatchReport() = default;
    explicit BatchReport(std::vector<BatchItem> items) : m_items(std::move(items)) {}

    const std::vector<BatchItem>& items() const { return m_items; }
    std::vector<BatchItem>& items() { return m_items; }

    int count(ItemState state) const;
    /** Whether any photo failed (the CLI then exits non-zero). */
    bool anyFailed() const { return count(ItemState::Failed) > 0; }

    /** Photos skipped because they were sharp (BatchOptions::onlyBlurry). */
    int skippedAsSharp() const;

    /**
     * Why the batch stopped before its end: "disk full", "output folder gone", "output folder
     * read-only", "output folder not writable"; empty when it ran to its end or was cancelled.
     */
    const QString& stopReason() const { return m_stopReason; }
    void setStopReason(const QString& reason) { m_stopReason = reason; }
    /** "stopped: disk full (12 photos not started)"; empty when the batch did not stop. */
    QString stopSummary() const;
    /** The line stopSummary() makes for `reason` and `notStarted` photos. */
    static QString stopSummary(const QString& reason, int notStarted);

    /**
     * "input,output,state,reason,seconds,refinement,blur" and a line per photo (RFC 4180); blur
     * with 3 decimals, empty where it was not measured.
     */
    QString csv() const;
    /** Writes csv() atomically to `path`; throws io::ImageError naming it. */
    void writeCsv(const QString& path) const;

    /**
     * The reason of a photo skipped as sharp: "sharp (blur 0.12)"; for a photo that could not
     * be measured (blur < 0), "sharp (not measured: <note>)".
     */
    static QString sharpReason(double blur, const QString& note = {});
    /** Whether `item` was skipped as sharp. */
    static bool isSkippedAsSharp(const BatchItem& item);

    /** `text` as one CSV field: quoted when it holds a comma, quote, CR or LF. */
    static QString csvField(const QString& text);

private:
    std::vector<BatchItem> m_items;
    QString m_stopReason;
};

} // namespace unblur::batch
