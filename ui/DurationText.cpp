#include "DurationText.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace unblur::ui {

QString durationText(double seconds)
{
    const long s = std::max(0L, std::lround(seconds));
    if (s < 60) {
        return QCoreApplication::translate("DurationText", "%1 s").arg(s);
    }
    const QLatin1Char zero('0');
    if (s < 3600) {
        return QCoreApplication::translate("DurationText", "%1 min %2 s")
            .arg(s / 60)
            .arg(s % 60, 2, 10, zero);
    }
    return QCoreApplication::translate("DurationText", "%1 h %2 min")
        .arg(s / 3600)
        .arg(s / 60 % 60, 2, 10, zero);
}

} // namespace unblur::ui
