#pragma once

#include <QStringList>

/**
 * `unblur-cli bench [options]`: times the published GoPro configuration (random weights) on the
 * CPU and prints a table. `arguments` starts with the program name, then "bench".
 */
int runBenchCommand(const QStringList& arguments);
