#pragma once

namespace unblur::ui {

/**
 * Makes the calling thread (and the compute threads it starts, which inherit it) yield to the
 * GUI thread: QThread priorities do nothing for ordinary Linux threads, nice does.
 */
void yieldToGui();

} // namespace unblur::ui
