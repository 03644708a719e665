#pragma once

#include <QStringList>

/**
 * `unblur-cli score INPUT... [--recursive] [--json] [--csv FILE] [--threshold T]`: measures how
 * blurred each photo is (core/blur) without restoring it, a line per photo on stdout (folders'
 * photos found as `batch` finds them). A file that cannot be read is named with the reason on
 * stderr and the others are still scored. `arguments` starts with the program name, then
 * "score". Returns the exit code: 0 every photo scored, 1 some failed, 2 bad usage.
 */
int runScoreCommand(const QStringList& arguments);
