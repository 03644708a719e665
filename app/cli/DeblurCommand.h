#pragma once

#include <QString>
#include <QStringList>

/**
 * `unblur-cli deblur INPUT -o OUTPUT [options]`: restores one photo through the tiled engine,
 * showing progress on stderr, and writes it atomically. `arguments` starts with the program
 * name, then "deblur". Returns the process exit code: 0 done, 1 failed (message on stderr
 * naming the file), 2 bad usage, 130 cancelled by Ctrl-C (nothing written).
 */
int runDeblurCommand(const QStringList& arguments);
