// Drives the real main window (and its batch window) through the soak's actions.
#pragma once

#include "SoakPlan.h"

#include <QKeySequence>
#include <QString>
#include <functional>
#include <map>
#include <memory>

class QAction;

namespace unblur::ui {
class BatchWindow;
class MainWindow;
} // namespace unblur::ui

namespace soak {

class SoakPhotos;

/**
 * Owns the main window and runs actions on it through its widgets and actions (QAction
 * triggers, clicks, key and wheel events, the slider), and through the entry points the file
 * dialogs call (openPhoto, saveTo), as a user would. Counts what the application reported.
 */
class SoakDriver
{
public:
    SoakDriver(const SoakPhotos& photos, int maximumWaitMs);
    ~SoakDriver();

    void createWindow();
    /** Closes the window as a user would (answering its questions), then deletes it. */
    void destroyWindow();
    void run(const Action& action, int index);
    /** Lets running work end (deblur, batch, save, load), at most `timeoutMs`; true if it did. */
    bool settle(int timeoutMs);
    /** What the application reported so far: "photos shown" → count, in name order. */
    const std::map<QString, int>& outcomes() const { return m_outcomes; }

private:
    QAction* action(const QKeySequence& key) const;
    void trigger(const QKeySequence& key);
    unblur::ui::BatchWindow* batchWindow() const;
    /** Processes events for `ms` milliseconds (once when 0). */
    static void processEvents(int ms);
    /**
     * Processes events until `done` holds, at most `timeoutMs`; false on timeout (counted as
     * "waits timed out": work that took over 2 minutes on photos this small).
     */
    bool waitUntil(const std::function<bool()>& done, int timeoutMs);
    bool isIdle() const;
    void count(const QString& outcome) { ++m_outcomes[outcome]; }

    void openPhoto(const Action& action);
    void deblur(const Action& action);
    void compareMode(const Action& action);
    void zoom(const Action& action);
    void strength(const Action& action);
    void save(const Action& action, int index);
    void batch(const Action& action, int index);

    const SoakPhotos& m_photos;
    int m_maximumWaitMs;
    std::unique_ptr<unblur::ui::MainWindow> m_window;
    std::map<QString, int> m_outcomes;
    int m_loadsPending = 0;
};

} // namespace soak
