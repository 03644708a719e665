#pragma once

#include "BlurScorer.h"
#include "DeblurTypes.h"
#include "HostEvents.h"
#include "ImageViewer.h"
#include "QuickPreview.h"
#include "io/PhotoWriter.h"

#include <QMainWindow>
#include <functional>

class QAction;
class QLabel;
class QTimer;
class QMenu;

namespace unblur::ui {

class BatchWindow;
class ControlsPanel;
class ModelHost;
class MessageBanner;
class PhotoIo;
class ProgressPanel;

/**
 * The application window: opens photos (menu, toolbar, drag and drop, command line, recent
 * files), deblurs them on the worker thread with progress and cancel, compares before and
 * after, and saves the result with the photo's metadata.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /** Opens `path` in the background, after asking about unsaved changes. */
    void openPhoto(const QString& path);
    /** Deblurs the whole photo with the panel's settings and the current seed. */
    void deblur();
    /**
     * Quick preview: deblurs the part of the photo on screen (at most
     * QuickPreview::maximumSide() pixels a side), then follows the view as the user pans or
     * zooms to parts not yet restored, until the whole photo is deblurred or another opens.
     * A photo about as small as one region is deblurred whole.
     */
    void preview();
    /** The longest side of a preview region (tests use small photos). */
    void setPreviewSide(int pixels) { m_quickPreview.setMaximumSide(pixels); }
    bool isPreviewing() const { return m_previewing; }
    /** Deblurs again with a new seed. */
    void anotherVariation();
    void cancelDeblur();
    /**
     * Saves the result (at the chosen strength) to `path` in the background; replacing the
     * original photo needs the user's confirmation. Returns false when nothing was started.
     */
    bool saveTo(const QString& path, io::PhotoWriteOptions options = {});

    /**
     * Adds a model folder to the list and loads it, which validates it; a folder that is not
     * a model, or does not load, is refused with the reason in the banner.
     */
    void addModel(const QString& folder);

    /** Opens the batch export window with the panel's model and engine settings. */
    BatchWindow* showBatchWindow();

    /** The application's one model, shared with the batch window. */
    ModelHost* host() const { return m_host; }
    PhotoIo* photoIo() const { return m_io; }
    PhotoPtr photo() const { return m_photo; }
    bool hasResult() const { return bool(m_outcome.restored); }
    /** The whole photo restored (at full strength); null before a deblur. */
    PixelsPtr restoredPixels() const { return m_outcome.restored; }
    /** View > Blur map: the photo's blur map laid over the viewer (remembered). */
    void setBlurMapShown(bool shown);
    bool isBlurMapShown() const;
    /** The photo's blur, measured in the background once it is shown; false until then. */
    bool isBlurKnown() const { return m_blurKnown; }
    BlurScore blurScore() const { return m_blur; }
    /** View > Language: the system's, then each catalogue; the action's data is its code. */
    QMenu* languageMenu() const { return m_languageMenu; }

Q_SIGNALS:
    void photoShown(const QString& path);
    /** `path` could not be opened (the banner says why). */
    void photoFailed(const QString& path);
    void deblurDone();
    /** A deblur or preview was cancelled or failed. */
    void deblurStopped();
    /** A preview region was restored and is shown. */
    void previewUpdated(const QRect& region);
    /** The shown photo's blur was measured (status bar and blur map updated). */
    void blurScored();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    /**
     * The text of an action on a toolbar button: without the accelerator, also in the
     * "打开(&O)" form, and without a trailing ellipsis.
     */
    static QString buttonText(const QString& text);
    /** Sets the action's menu text and its toolbar text. */
    static void setActionText(QAction* action, const QString& text);
    void createActions();
    void createMenusAndToolbar();
    void connectWorker();
    void onHostEvent(const HostEvent& event);
    void onModelLoaded(const ModelLoaded& loaded);
    void onModelFailed(const ModelFailed& failed);
    void onDeblurProgress(const DeblurProgress& progress);
    void onDeblurEnded(const QString& error);
    void setCompareMode(ImageViewer::Mode mode);
    void setSplitDirection(ImageViewer::SplitDirection direction);
    /** Stores the interface language (used from the next start) and says so. */
    void chooseLanguage(const QString& code);
    void restoreSettings();
    void loadModels();

    // MainWindowFiles.cpp
    void openDialog();
    void save();
    void saveAs();
    void exportDialog();
    /** True when the caller may go on: nothing unsaved, discarded, or saving (then `next`). */
    bool confirmDiscard(const std::function<void()>& next);
    QString suggestedOutputPath() const;
    void onPhotoLoaded(const PhotoPtr& photo, const ImagePyramid& levels);
    void onSaved(const QString& path, const QStringList& notes);
    void updateRecentMenu();
    void stepPhoto(int delta);

    void onDeblurFinished(const DeblurOutcome& outcome);

    // MainWindowBlur.cpp
    void connectBlur();
    /** Measures the photo just shown, in the background. */
    void measureBlur();
    void onBlurScored(const PhotoPtr& photo, const BlurScore& score);
    void updateBlurOverlay();

    // MainWindowPreview.cpp
    /** Starts a preview of the next unrestored part of the view; false when none is left. */
    bool previewNextRegion();
    void onPreviewFinished(const DeblurOutcome& outcome);
    /** The view moved: preview what came into view once the user pauses. */
    void followView();
    void stopPreview();
    /** The request the panel's settings describe, for the whole photo. */
    DeblurRequest makeRequest() const;
    void addModelFolder();
    void chooseModel(const QString& folder);
    /** Shows the result at the panel's strength; coalesced so a dragged slider keeps up. */
    void applyStrength();

    void scheduleStrength();
    void setModified(bool modified);
    void updateTitle();
    void updateActions();
    void showError(const QString& text);

    ImageViewer* m_viewer = nullptr;
    ControlsPanel* m_controls = nullptr;
    MessageBanner* m_banner = nullptr;
    ProgressPanel* m_progress = nullptr;
    QLabel* m_blurLabel = nullptr;
    BlurScorer* m_blurScorer = nullptr;
    ModelHost* m_host = nullptr;
    PhotoIo* m_io = nullptr;
    BatchWindow* m_batchWindow = nullptr;

    QAction* m_open = nullptr;
    QAction* m_save = nullptr;
    QAction* m_saveAs = nullptr;
    QAction* m_export = nullptr;
    QAction* m_deblur = nullptr;
    QAction* m_preview = nullptr;
    QAction* m_batch = nullptr;
    QAction* m_splitHorizontal = nullptr;
    QAction* m_variation = nullptr;
    QAction* m_cancel = nullptr;
    QAction* m_fit = nullptr;
    QAction* m_actual = nullptr;
    QAction* m_zoomIn = nullptr;
    QAction* m_zoomOut = nullptr;
    QAction* m_compare = nullptr;
    QAction* m_sideBySide = nullptr;
    QAction* m_afterOnly = nullptr;
    QAction* m_original = nullptr;
    QAction* m_blurMap = nullptr;
    QAction* m_previous = nullptr;
    QAction* m_next = nullptr;
    QMenu* m_recent = nullptr;
    QMenu* m_languageMenu = nullptr;

    PhotoPtr m_photo;
    QImage m_originalDisplay;
    DeblurOutcome m_outcome;
    QuickPreview m_quickPreview;
    bool m_previewing = false;
    QTimer* m_followTimer = nullptr;
    QString m_loadingPath;
    QString m_savedPath;
    QString m_addingModel;
    QString m_previousModel;
    quint64 m_seed = 1234;
    std::function<void()> m_afterSave;
    bool m_strengthPending = false;
    BlurScore m_blur;
    bool m_blurKnown = false;
};

} // namespace unblur::ui
