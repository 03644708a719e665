#pragma once

#include <QCoreApplication>
#include <QString>

namespace unblur::ui {

/** What the batch window says when a batch stopped early (a full disk, a lost output folder). */
class BatchStopMessage
{
    Q_DECLARE_TR_FUNCTIONS(BatchStopMessage)

public:
    /** The cause, from BatchReport::stopReason() ("disk full"...), in the user's language. */
    static QString cause(const QString& stopReason);

    /**
     * The whole message: the cause, how many photos were not started, that the finished ones
     * are kept, and how to resume (`resumes`: the batch skips photos already done).
     */
    static QString text(const QString& stopReason, int notStarted, bool resumes);

    /** The line shown while the batch winds down. */
    static QString stopping(const QString& stopReason);
};

} // namespace unblur::ui
