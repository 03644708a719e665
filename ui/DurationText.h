#pragma once

#include <QString>

namespace unblur::ui {

/**
 * A time left or taken, for people, in the interface language: "45 s", "3 min 20 s",
 * "1 h 05 min". Rounded to whole seconds; negative times read as 0 s.
 */
QString durationText(double seconds);

} // namespace unblur::ui
