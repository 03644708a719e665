// What the soak watches: Qt's messages, crashes and hangs, and the resident memory.
#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>

namespace soak {

/**
 * Installs a Qt message handler that counts every warning and keeps the distinct ones, and
 * handlers for fatal signals and a watchdog alarm that name the seed and the last action
 * before the process ends (non-zero). One per process.
 */
class SoakMonitor
{
public:
    explicit SoakMonitor(std::uint64_t seed);
    ~SoakMonitor();
    SoakMonitor(const SoakMonitor&) = delete;
    SoakMonitor& operator=(const SoakMonitor&) = delete;

    /**
     * The action about to run (named in a crash or hang report); the watchdog ends the
     * process if it is not called again within `watchdogSeconds`.
     */
    void beginAction(int index, const QString& description, int watchdogSeconds);

    /** Warnings, criticals and fatals seen so far (Qt's own and the application's). */
    int warningCount() const;
    /** Each distinct warning text, with how often it came: "3 × text". */
    QStringList distinctWarnings() const;
    /** The warnings that show objects, timers or pixmaps used from the wrong thread. */
    QStringList crossThreadWarnings() const;

    /** VmRSS from /proc/self/status, in MiB; -1 when it cannot be read. */
    static double residentMiB();
    /** True for a message that shows cross-thread misuse of a QObject, timer or pixmap. */
    static bool isCrossThread(const QString& message);

private:
    std::uint64_t m_seed;
};

} // namespace soak
