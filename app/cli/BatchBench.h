#pragma once

#include "batch/BatchOptions.h"

#include <QTextStream>

namespace unblur::engine {
class Engine;
}

/**
 * `unblur-cli batch --bench INPUT...`: restores the same photos twice with one loaded engine,
 * strictly sequentially (read, restore, write, one after the other) and pipelined, each into
 * a temporary folder, and prints photos per minute for both and their ratio as a table on
 * `out`. Returns the exit status.
 */
int runBatchBench(unblur::engine::Engine& engine, unblur::batch::BatchOptions options,
                  QTextStream& out, QTextStream& err);
