#pragma once

#include <QString>

namespace unblur::io {

/**
 * The model the programs use by default: $UNBLUR_MODEL_DIR if set, else
 * `<program>/../share/unblur/models/default` (installed, relocatable), else
 * `<program>/../../resources/models/default` (the build tree). Empty when none exists.
 */
QString bundledModelFolder();

} // namespace unblur::io
