#pragma once

#include "DeblurTypes.h"
#include "restore/Restorer.h"

#include <functional>

namespace unblur::ui {

/**
 * One deblur or preview on the model thread: a preview restores its region with some context
 * around it (so its edges come out as in the whole photo) and keeps the region; the result
 * comes with its display form. Returns the restorer's status; `outcome` is filled when Done,
 * `reason` when Failed.
 */
restore::RestoreStatus runDeblur(restore::Restorer& restorer, const DeblurRequest& request,
                                 const std::function<void(const DeblurProgress&)>& onProgress,
                                 const restore::CancelToken* cancel, DeblurOutcome& outcome,
                                 QString& reason);

} // namespace unblur::ui
