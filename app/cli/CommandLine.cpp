#include "CommandLine.h"

#include <QCommandLineParser>
#include <QTextStream>

QTextStream& errStream()
{
    static QTextStream stream(stderr);
    return stream;
}

int usageError(const char* command, const QString& message)
{
    errStream() << "unblur-cli " << command << ": " << message << "\n"
                << "Try 'unblur-cli " << command << " --help'.\n";
    errStream().flush();
    return 2;
}

int printCommandHelp(const QCommandLineParser& parser, const char* usage)
{
    QTextStream(stdout) << "Usage: unblur-cli " << usage << "\n"
                        << parser.helpText().section('\n', 1);
    return 0;
}
