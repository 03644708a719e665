// unblur-cli: command-line front end; each command lives in its own *Command.cpp.
#include "BatchCommand.h"
#include "BenchCommand.h"
#include "DeblurCommand.h"
#include "EvalCommand.h"
#include "ScoreCommand.h"
#include "restore/Restorer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {

const char* const kCommands = "Commands:\n"
                              "  deblur   Deblur one photo: deblur INPUT -o OUTPUT [options]\n"
                              "  batch    Deblur files and folders: batch INPUT... -o OUTDIR\n"
                              "  score    Measure how blurred photos are: score INPUT...\n"
                              "  eval     Score deblurring on pairs of photos: eval --pairs DIR\n"
                              "  bench    Time the GoPro-sized model on this machine\n"
                              "\n"
                              "Run 'unblur-cli COMMAND --help' for a command's options.\n";

/** Qt's help text, with the program named as the user knows it rather than by its path. */
QString usage(const QCommandLineParser& parser)
{
    return "Usage: unblur-cli [options] command [arguments]\n" + parser.helpText().section('\n', 1);
}

} // namespace

int main(int argc, char* argv[])
{
    unblur::restore::Restorer::ensureFastCpuKernels(argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("unblur-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UNBLUR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Deblurs photos with HI-Diff."));
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption help({"h", "help"}, "Displays this help.");
    const QCommandLineOption version({"v", "version"}, "Displays the version.");
    parser.addOptions({help, version});
    parser.addPositionalArgument("command",
                                 "deblur, batch, score, eval or bench, then its arguments.",
                                 "command [arguments]");

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList arguments = QCoreApplication::arguments();
    if (!parser.parse(arguments)) {
        err << "unblur-cli: " << parser.errorText() << "\n\n" << usage(parser) << "\n" << kCommands;
        return 2;
    }
    if (parser.isSet(help)) {
        out << usage(parser) << "\n" << kCommands;
        return 0;
    }
    if (parser.isSet(version)) {
        out << "unblur-cli " << UNBLUR_VERSION << "\n";
        return 0;
    }

    const QString command = parser.positionalArguments().value(0);
    if (command == QLatin1String("deblur")) {
        return runDeblurCommand(arguments);
    }
    if (command == QLatin1String("batch")) {
        return runBatchCommand(arguments);
    }
    if (command == QLatin1String("score")) {
        return runScoreCommand(arguments);
    }
    if (command == QLatin1String("eval")) {
        return runEvalCommand(arguments);
    }
    if (command == QLatin1String("bench")) {
        return runBenchCommand(arguments);
    }
    if (command.isEmpty()) {
        err << "unblur-cli: missing command\n\n";
    } else {
        err << "unblur-cli: unknown command '" << command << "'\n\n";
    }
    err << usage(parser) << "\n" << kCommands;
    return 2;
}
