#include "BatchStopMessage.h"

namespace unblur::ui {

QString BatchStopMessage::cause(const QString& stopReason)
{
    if (stopReason == QLatin1String("disk full")) {
        return tr("the disk is full");
    }
    if (stopReason == QLatin1String("output folder gone")) {
        return tr("the output folder is gone");
    }
    if (stopReason == QLatin1String("output folder read-only")) {
        return tr("the output folder is on a read-only disk");
    }
    if (stopReason == QLatin1String("output folder not writable")) {
        return tr("the output folder is not writable");
    }
    return stopReason;
}

QString BatchStopMessage::text(const QString& stopReason, int notStarted, bool resumes)
{
    QString text = tr("Stopped: %1. %n photo(s) not started; the photos finished are kept.",
                      nullptr, notStarted)
                       .arg(cause(stopReason));
    const QString fix = stopReason == QLatin1String("disk full") ? tr("Free some space")
                                                                 : tr("Check the output folder");
    text += ' ';
    text += resumes ? tr("%1, then Start again: the photos done are skipped.").arg(fix)
                    : tr("%1, then Start again with “Skip the photo” to resume.").arg(fix);
    return text;
}

QString BatchStopMessage::stopping(const QString& stopReason)
{
    return tr("Stopping: %1…").arg(cause(stopReason));
}

} // namespace unblur::ui
