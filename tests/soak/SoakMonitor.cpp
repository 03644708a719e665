#include "SoakMonitor.h"

#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <unistd.h>

namespace soak {

namespace {

QMutex g_mutex;
std::map<QString, int> g_warnings; ///< text without addresses -> count
int g_warningCount = 0;
int g_currentAction = -1;

// Filled before each action so the signal handlers only write() (async-signal-safe).
char g_crashNote[512] = "soak: crashed before the first action\n";

void writeNote(const char* prefix)
{
    const ssize_t ignored1 = write(STDERR_FILENO, prefix, std::strlen(prefix));
    const ssize_t ignored2 = write(STDERR_FILENO, g_crashNote, std::strlen(g_crashNote));
    (void)ignored1;
    (void)ignored2;
}

void onFatalSignal(int signal)
{
    writeNote(signal == SIGSEGV   ? "\nsoak: CRASH (SIGSEGV) "
              : signal == SIGABRT ? "\nsoak: CRASH (SIGABRT) "
              : signal == SIGBUS  ? "\nsoak: CRASH (SIGBUS) "
              : signal == SIGFPE  ? "\nsoak: CRASH (SIGFPE) "
                                  : "\nsoak: CRASH (SIGILL) ");
    std::signal(signal, SIG_DFL); // the default action: the process ends by this signal
    std::raise(signal);
}

void onAlarm(int)
{
    writeNote("\nsoak: HANG (the watchdog fired) ");
    _exit(3);
}

void onMessage(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    const char* level = type == QtDebugMsg      ? "debug"
                        : type == QtInfoMsg     ? "info"
                        : type == QtWarningMsg  ? "warning"
                        : type == QtCriticalMsg ? "critical"
                                                : "fatal";
    int action = -1;
    bool first = false;
    if (type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg) {
        // Pointers and object addresses differ from run to run: one entry for all of them.
        static const QRegularExpression address(QStringLiteral("0x[0-9a-fA-F]+"));
        QString key = message;
        key.replace(address, QStringLiteral("0x…"));
        const QMutexLocker lock(&g_mutex);
        ++g_warningCount;
        first = ++g_warnings[key] == 1;
        action = g_currentAction;
    }
    if (type == QtDebugMsg || type == QtInfoMsg || first || type == QtFatalMsg) {
        std::fprintf(stderr, "[%s, action %d] %s\n", level, action, qUtf8Printable(message));
        std::fflush(stderr);
    }
    if (type == QtFatalMsg) {
        std::abort();
    }
}

} // namespace

SoakMonitor::SoakMonitor(std::uint64_t seed)
{
    std::snprintf(g_crashNote, sizeof g_crashNote,
                  "seed %llu, before the first action (rerun with --seed %llu)\n",
                  static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
    qInstallMessageHandler(onMessage);
    for (const int signal : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) {
        std::signal(signal, onFatalSignal);
    }
    std::signal(SIGALRM, onAlarm);
    m_seed = seed;
}

SoakMonitor::~SoakMonitor()
{
    alarm(0);
    qInstallMessageHandler(nullptr);
}

void SoakMonitor::beginAction(int index, const QString& description, int watchdogSeconds)
{
    {
        const QMutexLocker lock(&g_mutex);
        g_currentAction = index;
    }
    std::snprintf(g_crashNote, sizeof g_crashNote,
                  "seed %llu, last action #%d: %s (rerun with --seed %llu)\n",
                  static_cast<unsigned long long>(m_seed), index, qUtf8Printable(description),
                  static_cast<unsigned long long>(m_seed));
    alarm(unsigned(watchdogSeconds));
}

int SoakMonitor::warningCount() const
{
    const QMutexLocker lock(&g_mutex);
    return g_warningCount;
}

QStringList SoakMonitor::distinctWarnings() const
{
    const QMutexLocker lock(&g_mutex);
    QStringList list;
    for (const auto& [text, count] : g_warnings) {
        list << QStringLiteral("%1 × %2").arg(count).arg(text);
    }
    return list;
}

QStringList SoakMonitor::crossThreadWarnings() const
{
    const QMutexLocker lock(&g_mutex);
    QStringList list;
    for (const auto& [text, count] : g_warnings) {
        if (isCrossThread(text)) {
            list << QStringLiteral("%1 × %2").arg(count).arg(text);
        }
    }
    return list;
}

bool SoakMonitor::isCrossThread(const QString& message)
{
    static const QStringList patterns = {
        QStringLiteral("Cannot create children for a parent that is in a different thread"),
        QStringLiteral("Timers cannot be started from another thread"),
        QStringLiteral("Timers cannot be stopped from another thread"),
        QStringLiteral("Timers can only be used with threads started with QThread"),
        QStringLiteral("QBasicTimer"),
        QStringLiteral("It is not safe to use pixmaps outside the GUI thread"),
        QStringLiteral("Cannot send events to objects owned by a different thread"),
        QStringLiteral("Cannot move objects"),
        QStringLiteral("Cannot set parent, new parent is in a different thread"),
        QStringLiteral("QSocketNotifier: Socket notifiers cannot be enabled or disabled from "
                       "another thread"),
        QStringLiteral("Widgets must be created in the GUI thread"),
    };
    for (const QString& pattern : patterns) {
        if (message.contains(pattern)) {
            return true;
        }
    }
    return false;
}

double SoakMonitor::residentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            // "VmRSS:     123456 kB"
            const QList<QByteArray> parts = line.simplified().split(' ');
            return parts.size() >= 2 ? parts.at(1).toDouble() / 1024.0 : -1;
        }
    }
    return -1;
}

} // namespace soak
