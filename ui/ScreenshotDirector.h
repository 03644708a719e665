#pragma once

#include <QObject>
#include <QString>

namespace unblur::ui {

class BatchWindow;
class MainWindow;

/**
 * The debug start-up options (`unblur PHOTO --deblur|--preview [--screenshot FILE]`) and the
 * screenshot automation of the documentation: watches the main
 * window's and the model host's signals, starts a deblur or preview once the photo is shown,
 * grabs the window during progress or once it is idle (with nothing to start, once the photo's
 * blur is measured), and quits. The windows know nothing of it.
 */
class ScreenshotDirector : public QObject
{
    Q_OBJECT
public:
    enum class Start
    {
        Nothing,
        Deblur,  ///< the whole photo, once shown
        Preview, ///< 100 % and a preview of that part, once shown
    };

    /**
     * Files may be empty: no picture of that moment. Quits once the idle picture is taken
     * (with no idle file it only starts the deblur or preview).
     */
    ScreenshotDirector(MainWindow* window, Start start, const QString& idleFile,
                       const QString& progressFile);

    /** With no photo to open: takes the idle picture of the empty window. */
    void shootWhenNoPhoto();

    /**
     * Runs `window`'s batch into `outputFolder` (sub-folders included), grabs the window to
     * `file` once it has finished, and quits (status 1 when the batch cannot start).
     */
    static void runBatch(BatchWindow* window, const QString& outputFolder, const QString& file);

private:
    void onPhotoShown();
    /** Grabs `widget` to `file` after a moment for painting; quits when `quit`. */
    static void grabLater(QWidget* widget, const QString& file, bool quit);
    void shootIdle();

    MainWindow* m_window;
    Start m_start;
    QString m_idleFile;
    QString m_progressFile;
    bool m_waitForBlur = false; ///< the idle picture waits for the photo's blur score
};

} // namespace unblur::ui
