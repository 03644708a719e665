#pragma once

#include <QStringList>

/**
 * `unblur-cli batch INPUT... -o OUTDIR [options]`: deblurs every photo of files and folders
 * into a mirrored output tree (see BatchPlan, BatchPipeline). Exit status 0 when every photo
 * is done or skipped, 1 when any failed, 2 for a usage error, 130 when stopped by Ctrl-C.
 * With --bench, times the same photos pipelined and strictly sequential instead.
 */
int runBatchCommand(const QStringList& arguments);
