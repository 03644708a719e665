#include "AppSettings.h"
#include "ImageViewer.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "Translations.h"

#include <QAction>
#include <QActionGroup>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>

// The window's actions, menus and toolbar.
namespace unblur::ui {

QString MainWindow::buttonText(const QString& text)
{
    static const QRegularExpression accelerator(QStringLiteral("\\(&[^)]\\)"));
    QString plain = text;
    plain.remove(accelerator);
    plain.remove(QLatin1Char('&'));
    for (const QString& ellipsis : {QStringLiteral("…"), QStringLiteral("...")}) {
        if (plain.endsWith(ellipsis)) {
            plain.chop(ellipsis.size());
        }
    }
    return plain.trimmed();
}

void MainWindow::setActionText(QAction* action, const QString& text)
{
    action->setText(text);
    action->setIconText(buttonText(text));
}

void MainWindow::createActions()
{
    const auto make = [this](const QString& text, const QKeySequence& key, const QString& tip,
                             auto slot) {
        auto* action = new QAction(this);
        setActionText(action, text);
        action->setShortcut(key);
        action->setToolTip(tip + QStringLiteral(" (") + key.toString(QKeySequence::NativeText) +
                           QLatin1Char(')'));
        action->setStatusTip(tip);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    m_open = make(tr("&Open…"), QKeySequence::Open, tr("Open a photo"), [this] { openDialog(); });
    m_open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    m_save =
        make(tr("&Save"), QKeySequence::Save, tr("Save the deblurred photo"), [this] { save(); });
    m_saveAs = make(tr("Save &As…"), QKeySequence::SaveAs,
                    tr("Save the deblurred photo under a new name, with its metadata"),
                    [this] { saveAs(); });
    m_saveAs->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_export = make(tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                    tr("Save with a choice of format, quality, bit depth and metadata"),
                    [this] { exportDialog(); });
    m_batch = make(tr("&Batch Export…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
                   tr("Deblur whole folders of photos into an output folder"),
                   [this] { showBatchWindow(); });
    m_preview = make(tr("&Preview"), QKeySequence(Qt::Key_P),
                     tr("Deblur the part of the photo on screen in a few seconds; the preview "
                        "follows as you pan"),
                     [this] { preview(); });
    m_preview->setIcon(style()->standardIcon(QStyle::SP_FileDialogContentsView));
    m_deblur = make(tr("&Deblur Whole Photo"), QKeySequence(Qt::CTRL | Qt::Key_R),
                    tr("Deblur the whole photo"), [this] { deblur(); });
    m_deblur->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_variation = make(tr("Another &Variation"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                       tr("Deblur again with new diffusion noise"), [this] { anotherVariation(); });
    m_cancel = make(tr("&Cancel"), QKeySequence(Qt::Key_Escape), tr("Stop the deblur"),
                    [this] { cancelDeblur(); });
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_fit = make(tr("&Fit to Window"), QKeySequence(Qt::CTRL | Qt::Key_0),
                 tr("Show the whole photo"), [this] { m_viewer->fitToWindow(); });
    m_actual = make(tr("&Actual Pixels (100 %)"), QKeySequence(Qt::CTRL | Qt::Key_1),
                    tr("One photo pixel per screen pixel"), [this] { m_viewer->setZoom(1.0); });
    m_zoomIn =
        make(tr("Zoom &In"), QKeySequence::ZoomIn, tr("Zoom in"), [this] { m_viewer->zoomIn(); });
    m_zoomOut = make(tr("Zoom &Out"), QKeySequence::ZoomOut, tr("Zoom out"),
                     [this] { m_viewer->zoomOut(); });
    using Mode = ImageViewer::Mode;
    m_afterOnly =
        make(tr("&Restored Only"), QKeySequence(Qt::Key_R), tr("Show only the deblurred photo"),
             [this] { setCompareMode(Mode::After); });
    m_compare = make(tr("&Split Before/After"), QKeySequence(Qt::Key_C),
                     tr("Split the view: original left of the divider, deblurred right"),
                     [this] { setCompareMode(Mode::Split); });
    m_sideBySide = make(tr("Side &by Side"), QKeySequence(Qt::Key_B),
                        tr("Original and deblurred side by side, zoomed and panned together"),
                        [this] { setCompareMode(Mode::SideBySide); });
    m_splitHorizontal = make(tr("Split &Horizontally"), QKeySequence(Qt::Key_H),
                             tr("Put the divider across the photo: original above, deblurred "
                                "below"),
                             [this](bool on) {
                                 setSplitDirection(on ? ImageViewer::SplitDirection::TopBottom
                                                      : ImageViewer::SplitDirection::LeftRight);
                             });
    m_splitHorizontal->setCheckable(true);
    auto* modes = new QActionGroup(this);
    for (QAction* action : {m_afterOnly, m_compare, m_sideBySide}) {
        action->setCheckable(true);
        modes->addAction(action);
    }
    m_blurMap = make(tr("Blur &Map"), QKeySequence(Qt::Key_M),
                     tr("Show where the photo is blurred: red over blurred parts, clear over "
                        "sharp ones and plain areas"),
                     [this](bool on) { setBlurMapShown(on); });
    m_blurMap->setCheckable(true);
    m_original = new QAction(this);
    setActionText(m_original, tr("Show &Original"));
    m_original->setToolTip(tr("Hold to show the original photo (or hold Space on the photo)"));
    m_previous = make(tr("&Previous Photo"), QKeySequence(Qt::Key_PageUp),
                      tr("Open the previous photo in the folder (or Left arrow on the photo)"),
                      [this] { stepPhoto(-1); });
    m_next = make(tr("&Next Photo"), QKeySequence(Qt::Key_PageDown),
                  tr("Open the next photo in the folder (or Right arrow on the photo)"),
                  [this] { stepPhoto(1); });
}

void MainWindow::createMenusAndToolbar()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_open);
    m_recent = file->addMenu(tr("Open &Recent"));
    file->addAction(m_previous);
    file->addAction(m_next);
    file->addSeparator();
    file->addAction(m_save);
    file->addAction(m_saveAs);
    file->addAction(m_export);
    file->addAction(m_batch);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* photo = menuBar()->addMenu(tr("&Photo"));
    photo->addAction(m_preview);
    photo->addAction(m_deblur);
    photo->addAction(m_variation);
    photo->addAction(m_cancel);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_fit);
    view->addAction(m_actual);
    view->addAction(m_zoomIn);
    view->addAction(m_zoomOut);
    view->addSeparator();
    view->addAction(m_afterOnly);
    view->addAction(m_compare);
    view->addAction(m_sideBySide);
    view->addAction(m_splitHorizontal);
    view->addSeparator();
    view->addAction(m_blurMap);
    view->addSeparator();
    m_languageMenu = view->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(this);
    const QString chosen = AppSettings::value(AppSettings::Language).toString();
    for (const Translations::Language& language : Translations::languages()) {
        // Each language by its own name, so that it can be found in any interface language.
        QAction* action = m_languageMenu->addAction(language.code.isEmpty() ? tr("&System Language")
                                                                            : language.name);
        action->setData(language.code);
        action->setCheckable(true);
        action->setChecked(language.code == chosen);
        languages->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, code = language.code] { chooseLanguage(code); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Unblur"), this, [this] {
        QMessageBox::about(this, tr("About Unblur"),
                           tr("<b>Unblur %1</b><p>Removes motion and focus blur from photos "
                              "with HI-Diff, run natively through LibTorch.</p><p>Free "
                              "software under the GNU GPL, version 3 or later.</p>")
                               .arg(QStringLiteral(UNBLUR_VERSION)));
    });

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("MainToolbar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_open);
    bar->addAction(m_saveAs);
    bar->addSeparator();
    bar->addAction(m_preview);
    bar->addAction(m_deblur);
    bar->addAction(m_cancel);
    bar->addSeparator();
    bar->addAction(m_fit);
    bar->addAction(m_actual);
    bar->addAction(m_compare);
    bar->addAction(m_sideBySide);
    bar->addAction(m_original);
    // "Show original" works while the button is held down.
    if (auto* button = qobject_cast<QToolButton*>(bar->widgetForAction(m_original))) {
        button->setAccessibleName(tr("Show original while pressed"));
        connect(button, &QToolButton::pressed, this, [this] { m_viewer->setShowOriginal(true); });
        connect(button, &QToolButton::released, this, [this] { m_viewer->setShowOriginal(false); });
    }
    updateRecentMenu();
}

void MainWindow::chooseLanguage(const QString& code)
{
    if (code == AppSettings::value(AppSettings::Language).toString()) {
        return;
    }
    AppSettings::setValue(AppSettings::Language, code);
    m_banner->showMessage(tr("The new language takes effect when Unblur is started again."),
                          MessageBanner::Kind::Information);
}

} // namespace unblur::ui
