#pragma once

#include "batch/BatchOptions.h"
#include "restore/Restorer.h"

#include <QTextStream>

/**
 * `unblur-cli batch --bench INPUT...`: restores the same photos twice with one loaded model,
 * strictly sequentially (read, restore, write, one after the other) and pipelined, each into
 * a temporary folder, `runs` times each in alternating order, and prints photos per minute
 * for both, their ratio and the share of reading and writing as a table on `out`. Returns
 * the exit status.
 */
int runBatchBench(unblur::restore::Restorer& restorer, unblur::batch::BatchOptions options,
                  int runs, QTextStream& out, QTextStream& err);
