// unblur_gui_soak: drives the real main window through N random actions from a seed (open good
// and bad photos, preview, deblur, cancel at random moments, compare, zoom, strength, save,
// batches, closing and recreating the window) and reports crashes, hangs, Qt warnings
// (failing on cross-thread misuse) and the growth of resident memory.
//
//   unblur_gui_soak [--seed S] [--actions N] [--model DIR] [--max-growth-mb M]
//                   [--max-wait-ms MS] [--baseline-action K] [--default-malloc] [--list]
//
// Exit status: 0 clean; 1 cross-thread warnings; 2 memory grew more than --max-growth-mb;
// 3 an action hung (the watchdog); 4 the setup failed; 64 bad arguments; a crash ends the
// process by its signal after naming the seed and the last action on stderr.
#include "AppSettings.h"
#include "SoakDriver.h"
#include "SoakMonitor.h"
#include "SoakPhotos.h"
#include "SoakPlan.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <cstdio>
#include <malloc.h>

namespace {

/** Prints a line to stdout at once (the log survives a crash). */
void say(const QString& line)
{
    std::fprintf(stdout, "%s\n", qUtf8Printable(line));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("unblur-gui-soak"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Drives the Unblur main window through random actions from a seed."));
    parser.addHelpOption();
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Seed of the action list (default 1)."),
                                        QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption actionsOption(QStringLiteral("actions"),
                                           QStringLiteral("Number of actions (default 300)."),
                                           QStringLiteral("N"), QStringLiteral("300"));
    const QCommandLineOption modelOption(
        QStringLiteral("model"), QStringLiteral("Model folder (default: the tiny test model)."),
        QStringLiteral("DIR"), QStringLiteral(UNBLUR_TEST_DATA "/hidiff-tiny"));
    const QCommandLineOption growthOption(
        QStringLiteral("max-growth-mb"),
        QStringLiteral("Fail when resident memory grows more than this many MiB from the "
                       "baseline action to the end (default 64)."),
        QStringLiteral("M"), QStringLiteral("64"));
    const QCommandLineOption waitOption(
        QStringLiteral("max-wait-ms"),
        QStringLiteral("Longest event processing within an action (default 600)."),
        QStringLiteral("MS"), QStringLiteral("600"));
    const QCommandLineOption baselineOption(
        QStringLiteral("baseline-action"),
        QStringLiteral("Action after which the baseline memory is taken (default: 100, or "
                       "half the actions when fewer than 200)."),
        QStringLiteral("K"));
    const QCommandLineOption mallocOption(
        QStringLiteral("default-malloc"),
        QStringLiteral("Keep glibc's malloc defaults (per-thread arenas, a growing mmap "
                       "threshold): the resident memory then includes freed memory kept."));
    const QCommandLineOption listOption(QStringLiteral("list"),
                                        QStringLiteral("Print the action list and exit."));
    parser.addOptions({seedOption, actionsOption, modelOption, growthOption, waitOption,
                       baselineOption, mallocOption, listOption});
    parser.process(app);

    bool ok = true;
    bool valid = true;
    const quint64 seed = parser.value(seedOption).toULongLong(&ok);
    valid &= ok;
    const int count = parser.value(actionsOption).toInt(&ok);
    valid &= ok && count > 0;
    const double maxGrowth = parser.value(growthOption).toDouble(&ok);
    valid &= ok;
    const int maxWait = parser.value(waitOption).toInt(&ok);
    valid &= ok && maxWait >= 0;
    int baseline = count >= 200 ? 100 : count / 2;
    if (parser.isSet(baselineOption)) {
        baseline = parser.value(baselineOption).toInt(&ok);
        valid &= ok && baseline >= 1 && baseline <= count;
    }
    if (!valid) {
        std::fprintf(stderr, "unblur_gui_soak: bad arguments (see --help)\n");
        return 64;
    }
    const std::vector<soak::Action> plan = soak::makePlan(seed, count, maxWait);
    if (parser.isSet(listOption)) {
        for (size_t i = 0; i < plan.size(); ++i) {
            say(QStringLiteral("#%1 %2").arg(i + 1).arg(soak::describe(plan[i])));
        }
        return 0;
    }

    if (!parser.isSet(mallocOption)) {
        // Freed memory goes back to the system, so the resident memory measures what is still
        // in use: with glibc's defaults, each thread's arena and the mmap threshold (raised to
        // the largest block freed, up to 32 MiB) keep freed photos resident.
        mallopt(M_ARENA_MAX, 2);
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
        mallopt(M_TRIM_THRESHOLD, 128 * 1024);
    }
    soak::SoakMonitor monitor(seed);
    const QString model = parser.value(modelOption);
    if (!QFileInfo(model).isDir()) {
        std::fprintf(stderr, "unblur_gui_soak: %s: not a folder\n", qPrintable(model));
        return 4;
    }
    soak::SoakPhotos photos(QStringLiteral(UNBLUR_TEST_DATA));
    if (!photos.isValid()) {
        std::fprintf(stderr, "unblur_gui_soak: %s\n", qPrintable(photos.problem()));
        return 4;
    }
    unblur::ui::AppSettings::useFile(photos.settingsFile());
    qputenv("UNBLUR_MODEL_DIR", QFile::encodeName(model));
    say(QStringLiteral("soak: seed %1, %2 actions, model %3, events %4 ms at most per action")
            .arg(seed)
            .arg(count)
            .arg(model)
            .arg(maxWait));

    QElapsedTimer clock;
    clock.start();
    double baselineMiB = -1;
    int exitCode = 0;
    {
        soak::SoakDriver driver(photos, maxWait);
        monitor.beginAction(0, QStringLiteral("creating the main window"), 120);
        driver.createWindow();
        for (int i = 0; i < count; ++i) {
            const QString what = soak::describe(plan[size_t(i)]);
            say(QStringLiteral("#%1 %2").arg(i + 1).arg(what));
            // Each action at most 2 minutes of waiting, and the watchdog beyond that.
            monitor.beginAction(i + 1, what, 300);
            driver.run(plan[size_t(i)], i + 1);
            if (i + 1 == baseline) {
                monitor.beginAction(i + 1, what + QStringLiteral(" (settling)"), 300);
                driver.settle(120000);
                baselineMiB = soak::SoakMonitor::residentMiB();
                say(QStringLiteral("soak: resident memory after action %1: %2 MiB")
                        .arg(baseline)
                        .arg(baselineMiB, 0, 'f', 1));
            }
        }
        monitor.beginAction(count, QStringLiteral("settling after the last action"), 300);
        if (!driver.settle(120000)) {
            say(QStringLiteral("soak: work still running 120 s after the last action"));
        }
        const double endMiB = soak::SoakMonitor::residentMiB();
        monitor.beginAction(count, QStringLiteral("closing the main window"), 300);
        driver.destroyWindow();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        const qsizetype widgetsLeft = QApplication::topLevelWidgets().size();
        const double seconds = double(clock.elapsed()) / 1000.0;

        say(QStringLiteral("soak: --- report (seed %1) ---").arg(seed));
        say(QStringLiteral("soak: actions done: %1 of %2 in %3 s")
                .arg(count)
                .arg(count)
                .arg(seconds, 0, 'f', 1));
        for (const auto& [outcome, times] : driver.outcomes()) {
            say(QStringLiteral("soak:   %1: %2").arg(outcome).arg(times));
        }
        say(QStringLiteral("soak: crashes: 0; top-level widgets left after the last close: %1")
                .arg(widgetsLeft));
        const QStringList warnings = monitor.distinctWarnings();
        say(QStringLiteral("soak: Qt warnings: %1 (%2 distinct)")
                .arg(monitor.warningCount())
                .arg(warnings.size()));
        for (const QString& warning : warnings) {
            say(QStringLiteral("soak:   %1").arg(warning));
        }
        const QStringList crossThread = monitor.crossThreadWarnings();
        say(QStringLiteral("soak: cross-thread warnings: %1").arg(crossThread.size()));
        const double growth = endMiB - baselineMiB;
        say(QStringLiteral("soak: resident memory: %1 MiB after action %2, %3 MiB at the end "
                           "(action %4): growth %5 MiB (bound %6)")
                .arg(baselineMiB, 0, 'f', 1)
                .arg(baseline)
                .arg(endMiB, 0, 'f', 1)
                .arg(count)
                .arg(growth, 0, 'f', 1)
                .arg(maxGrowth, 0, 'f', 0));
        if (!crossThread.isEmpty()) {
            say(QStringLiteral("soak: FAILED: cross-thread warnings"));
            exitCode = 1;
        } else if (baselineMiB < 0 || endMiB < 0 || growth > maxGrowth) {
            say(QStringLiteral("soak: FAILED: resident memory grew more than %1 MiB")
                    .arg(maxGrowth, 0, 'f', 0));
            exitCode = 2;
        } else {
            say(QStringLiteral("soak: passed"));
        }
    }
    unblur::ui::AppSettings::useFile(QString());
    return exitCode;
}
