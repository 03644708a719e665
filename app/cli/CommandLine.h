#pragma once

#include <QString>

class QCommandLineParser;
class QTextStream;

// What every unblur-cli command prints for its usage: errors, the --help hint and its help.

/** The standard error stream, shared by the commands. */
QTextStream& errStream();

/** "unblur-cli COMMAND: MESSAGE" and "Try 'unblur-cli COMMAND --help'." on stderr; 2. */
int usageError(const char* command, const QString& message);

/**
 * "Usage: unblur-cli USAGE" and the parser's options on stdout (Qt's own first line names the
 * program by its path and puts [options] before the command); 0.
 */
int printCommandHelp(const QCommandLineParser& parser, const char* usage);
