// unblur: the desktop application; everything but startup lives in ui/.
#include "BatchWindow.h"
#include "MainWindow.h"
#include "ScreenshotDirector.h"
#include "Translations.h"
#include "restore/Restorer.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

using unblur::ui::MainWindow;
using unblur::ui::ScreenshotDirector;

int main(int argc, char* argv[])
{
    unblur::restore::Restorer::ensureFastCpuKernels(argv);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Unblur"));
    QApplication::setApplicationName(QStringLiteral("Unblur"));
    QApplication::setApplicationDisplayName(QStringLiteral("Unblur"));
    QApplication::setApplicationVersion(QStringLiteral(UNBLUR_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.unblur.Unblur"));
    QIcon icon = QIcon::fromTheme(QStringLiteral("org.unblur.Unblur"));
    if (icon.isNull()) {
        for (const char* size : {"48x48", "256x256"}) {
            icon.addFile(
                QStringLiteral(":/icons/%1/apps/org.unblur.Unblur.png").arg(QLatin1String(size)));
        }
    }
    QApplication::setWindowIcon(icon);
    // Before the first translated string: the settings' language, else the system's.
    unblur::ui::Translations::install();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Deblurs photos with HI-Diff."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Debug: save a picture of the window to FILE and quit "
                                        "(after the photo is shown, or deblurred with --deblur)."),
        QStringLiteral("file"));
    const QCommandLineOption deblur(QStringLiteral("deblur"),
                                    QApplication::translate("main", "Deblur the photo at once."));
    const QCommandLineOption preview(
        QStringLiteral("preview"),
        QApplication::translate("main", "Show the photo at 100 % and preview that part at once."));
    const QCommandLineOption progressShot(
        QStringLiteral("screenshot-progress"),
        QApplication::translate("main", "Debug: save a picture of the window to FILE once the "
                                        "first tile of a deblur is done."),
        QStringLiteral("file"));
    const QCommandLineOption size(QStringLiteral("window-size"),
                                  QApplication::translate("main", "Debug: window size, WxH."),
                                  QStringLiteral("size"));
    const QCommandLineOption batch(
        QStringLiteral("batch"),
        QApplication::translate("main", "Open the batch export window with the photos and "
                                        "folders given instead of opening a photo."));
    const QCommandLineOption batchShot(
        QStringLiteral("screenshot-batch"),
        QApplication::translate("main", "Debug: with --batch, run the batch into FOLDER "
                                        "(sub-folders included), save a picture of the batch "
                                        "window to FILE and quit."),
        QStringLiteral("folder,file"));
    parser.addOptions({screenshot, progressShot, deblur, preview, size, batch, batchShot});
    parser.addPositionalArgument(
        QStringLiteral("photo"),
        QApplication::translate("main", "A photo to open (with --batch: photos and folders)."),
        QStringLiteral("[photo...]"));
    parser.process(app);

    MainWindow window;
    const QStringList wh = parser.value(size).split(QLatin1Char('x'));
    if (wh.size() == 2) {
        window.resize(wh.at(0).toInt(), wh.at(1).toInt());
    }
    window.show();
    const QStringList photos = parser.positionalArguments();
    if (parser.isSet(batch)) {
        unblur::ui::BatchWindow* batchWindow = window.showBatchWindow();
        batchWindow->setInputs(photos);
        if (wh.size() == 2) {
            batchWindow->resize(wh.at(0).toInt(), wh.at(1).toInt());
        }
        const QStringList shot = parser.value(batchShot).split(QLatin1Char(','));
        if (shot.size() == 2) {
            ScreenshotDirector::runBatch(batchWindow, shot.at(0), shot.at(1));
        }
        return app.exec();
    }
    const ScreenshotDirector::Start start =
        parser.isSet(preview)  ? ScreenshotDirector::Start::Preview
        : parser.isSet(deblur) ? ScreenshotDirector::Start::Deblur
                               : ScreenshotDirector::Start::Nothing;
    if (start != ScreenshotDirector::Start::Nothing || parser.isSet(screenshot) ||
        parser.isSet(progressShot)) {
        auto* director = new ScreenshotDirector(&window, start, parser.value(screenshot),
                                                parser.value(progressShot));
        if (photos.isEmpty()) {
            director->shootWhenNoPhoto();
        }
    }
    if (!photos.isEmpty()) {
        window.openPhoto(photos.first());
    }
    return app.exec();
}
