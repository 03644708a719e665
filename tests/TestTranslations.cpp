// The interface language through the application's start-up path: the system locale (LANG,
// which CTest sets to de_DE or zh_CN) picks the catalogue, the settings' choice beats it, and
// the real main window's menus, toolbar and buttons come out translated, Qt's own included.
#include "AppSettings.h"
#include "ControlsPanel.h"
#include "DurationText.h"
#include "ExportDialog.h"
#include "MainWindow.h"
#include "MessageBanner.h"
#include "ProgressPanel.h"
#include "Translations.h"

#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <algorithm>
#include <memory>

using namespace unblur::ui;

namespace {

/** What the window shows in one language. */
struct Expected
{
    QString code;
    QString fileMenu;
    QString deblurButton;
    QString openAction;
    QString dockTitle;
    QString qtCancel; // from Qt's own catalogue
};

Expected expectedFor(const QString& code)
{
    if (code == QLatin1String("de")) {
        return {code,
                QStringLiteral("&Datei"),
                QStringLiteral("&Ganzes Foto schärfen"),
                QStringLiteral("&Öffnen…"),
                QStringLiteral("Schärfen"),
                QStringLiteral("Abbrechen")};
    }
    if (code == QLatin1String("zh_CN")) {
        return {code,
                QStringLiteral("文件(&F)"),
                QStringLiteral("整张照片去模糊(&D)"),
                QStringLiteral("打开(&O)…"),
                QStringLiteral("去模糊"),
                QStringLiteral("取消")};
    }
    return {
        QStringLiteral("en"),     QStringLiteral("&File"),  QStringLiteral("&Deblur whole photo"),
        QStringLiteral("&Open…"), QStringLiteral("Deblur"), QStringLiteral("Cancel")};
}

/** Every action text of the menu bar, depth first; the language names are left out. */
QStringList menuTexts(QMenu* menu)
{
    QStringList texts;
    for (QAction* action : menu->actions()) {
        if (action->isSeparator() || action->data().toString().size() > 0) {
            continue;
        }
        texts << action->text();
        if (action->menu()) {
            texts << menuTexts(action->menu());
        }
    }
    return texts;
}

QStringList menuTexts(const MainWindow& window)
{
    QStringList texts;
    for (QAction* action : window.menuBar()->actions()) {
        texts << action->text() << menuTexts(action->menu());
    }
    return texts;
}

/** The accelerator key of a text ("&Datei" → D, "文件(&F)" → F), or a null QChar. */
QChar accelerator(const QString& text)
{
    for (qsizetype i = text.indexOf(QLatin1Char('&')); i >= 0 && i + 1 < text.size();
         i = text.indexOf(QLatin1Char('&'), i + 2)) {
        if (text.at(i + 1) != QLatin1Char('&')) {
            return text.at(i + 1).toUpper();
        }
    }
    return {};
}

/** The texts of the toolbar, the dock's title and the control panel's buttons. */
QStringList widgetTexts(const MainWindow& window)
{
    QStringList texts;
    for (const QToolBar* bar : window.findChildren<QToolBar*>()) {
        for (const QAction* action : bar->actions()) {
            if (!action->isSeparator()) {
                texts << action->text() << action->toolTip();
            }
        }
    }
    for (const QDockWidget* dock : window.findChildren<QDockWidget*>()) {
        texts << dock->windowTitle();
    }
    for (const QPushButton* button : window.findChild<ControlsPanel*>(QStringLiteral("controls"))
                                         ->findChildren<QPushButton*>()) {
        texts << button->text() << button->toolTip();
    }
    return texts;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_system; // the catalogue the system locale asks for

    /** The start-up path of app/gui/main.cpp, then the window it builds. */
    std::unique_ptr<MainWindow> start(QString* code = nullptr)
    {
        const QString installed = Translations::install();
        if (code) {
            *code = installed;
        }
        auto window = std::make_unique<MainWindow>();
        window->resize(1000, 700);
        window->show();
        return window;
    }

    /** The same window's texts in English, the source language. */
    std::unique_ptr<MainWindow> startInEnglish()
    {
        AppSettings::setValue(AppSettings::Language, QStringLiteral("en"));
        auto window = start();
        AppSettings::setValue(AppSettings::Language, QString());
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        AppSettings::useFile(m_dir.filePath(QStringLiteral("settings.ini")));
        qputenv("UNBLUR_MODEL_DIR", UNBLUR_TEST_DATA "/hidiff-tiny");
        const QString system = QLocale::system().name();
        m_system = system.startsWith(QLatin1String("de")) ? QStringLiteral("de")
                   : system == QLatin1String("zh_CN")     ? QStringLiteral("zh_CN")
                                                          : QString();
        QVERIFY2(!m_system.isEmpty(),
                 qPrintable(QStringLiteral("run with LANG=de_DE.UTF-8 or LANG=zh_CN.UTF-8, not %1")
                                .arg(system)));
    }

    void cleanup() { AppSettings::setValue(AppSettings::Language, QString()); }

    void cleanupTestCase()
    {
        Translations::install(QLocale(QLocale::English));
        AppSettings::useFile(QString());
    }

    void systemLocaleChoosesTheCatalogue()
    {
        QString code;
        const auto window = start(&code);
        const Expected expected = expectedFor(m_system);
        QCOMPARE(code, expected.code);
        QCOMPARE(window->menuBar()->actions().value(0)->text(), expected.fileMenu);
        QCOMPARE(window->findChild<QPushButton*>(QStringLiteral("deblurButton"))->text(),
                 expected.deblurButton);
        QVERIFY(widgetTexts(*window).contains(expected.openAction));
        QVERIFY(widgetTexts(*window).contains(expected.dockTitle));
        // Toolbar buttons show no accelerator: "打开", not "打开(O)…".
        const QRegularExpression accelerator(QStringLiteral("\\([A-Z]\\)|&|…$"));
        for (const QToolBar* bar : window->findChildren<QToolBar*>()) {
            for (const QAction* action : bar->actions()) {
                QVERIFY2(!action->iconText().contains(accelerator), qPrintable(action->iconText()));
            }
        }
    }

    void localesFindTheirCatalogue_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("code");
        QTest::newRow("German, Austria") << "de_AT"
                                         << "de";
        QTest::newRow("German, Switzerland") << "de_CH"
                                             << "de";
        QTest::newRow("Chinese, China") << "zh_CN"
                                        << "zh_CN";
        QTest::newRow("Simplified Chinese, Singapore") << "zh_SG"
                                                       << "zh_CN";
        QTest::newRow("Traditional Chinese, Taiwan") << "zh_TW"
                                                     << "en";
        QTest::newRow("French") << "fr_FR"
                                << "en";
        QTest::newRow("British English") << "en_GB"
                                         << "en";
        QTest::newRow("C") << "C"
                           << "en";
    }

    void localesFindTheirCatalogue()
    {
        QFETCH(QString, locale);
        QFETCH(QString, code);
        QCOMPARE(Translations::install(QLocale(locale)), code);
        const QString file = QCoreApplication::translate("unblur::ui::MainWindow", "&File");
        QCOMPARE(file, expectedFor(code).fileMenu);
    }

    void qtsOwnDialogButtonsAreTranslated()
    {
        const QString folder = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        QVERIFY2(QFileInfo::exists(folder + QStringLiteral("/qtbase_de.qm")),
                 "Qt's catalogues are missing (Debian: qt6-translations-l10n)");
        start();
        QDialogButtonBox buttons(QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), expectedFor(m_system).qtCancel);
    }

    void everyMenuAndButtonTextIsTranslated()
    {
        QStringList english;
        {
            const auto window = startInEnglish();
            english = menuTexts(*window) + widgetTexts(*window);
        }
        const auto window = start();
        const QStringList translated = menuTexts(*window) + widgetTexts(*window);
        QCOMPARE(translated.size(), english.size());
        for (int i = 0; i < english.size(); ++i) {
            QVERIFY2(translated.at(i) != english.at(i),
                     qPrintable(QStringLiteral("untranslated: %1").arg(english.at(i))));
        }
    }

    void acceleratorsAreUniqueWithinEachMenu()
    {
        const auto window = start();
        for (const QMenu* menu : window->findChildren<QMenu*>()) {
            QMap<QChar, QString> seen;
            for (const QAction* action : menu->actions()) {
                const QChar key = accelerator(action->text());
                if (key.isNull()) {
                    continue;
                }
                QVERIFY2(!seen.contains(key), qPrintable(QStringLiteral("%1 and %2 share &%3")
                                                             .arg(seen.value(key), action->text())
                                                             .arg(key)));
                seen.insert(key, action->text());
            }
        }
        QMap<QChar, QString> titles;
        for (const QAction* action : window->menuBar()->actions()) {
            const QChar key = accelerator(action->text());
            QVERIFY2(!key.isNull() && !titles.contains(key), qPrintable(action->text()));
            titles.insert(key, action->text());
        }
    }

    void labelMnemonicsReachTheirFields()
    {
        const auto window = start();
        ExportDialog dialog(m_dir.filePath(QStringLiteral("photo.jpg")), window.get());
        QList<QLabel*> labels =
            window->findChild<ControlsPanel*>(QStringLiteral("controls"))->findChildren<QLabel*>();
        labels << dialog.findChildren<QLabel*>();
        int withMnemonic = 0;
        for (const QLabel* label : labels) {
            if (!accelerator(label->text()).isNull()) {
                ++withMnemonic;
                QVERIFY2(label->buddy(), qPrintable(label->text()));
            }
        }
        QCOMPARE(withMnemonic, 12); // seven rows in the panel, five in the dialog
    }

    void settingsOverrideBeatsTheSystem_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("English") << QStringLiteral("en");
        // The catalogue the system does not ask for.
        QTest::newRow("the other language")
            << (m_system == QLatin1String("de") ? QStringLiteral("zh_CN") : QStringLiteral("de"));
    }

    void settingsOverrideBeatsTheSystem()
    {
        QFETCH(QString, code);
        AppSettings::setValue(AppSettings::Language, code);
        QString installed;
        const auto window = start(&installed);
        const Expected expected = expectedFor(code);
        QCOMPARE(installed, expected.code);
        QCOMPARE(window->menuBar()->actions().value(0)->text(), expected.fileMenu);
        QCOMPARE(window->findChild<QPushButton*>(QStringLiteral("deblurButton"))->text(),
                 expected.deblurButton);
        QDialogButtonBox buttons(QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), expected.qtCancel);
        // The menu shows the stored choice.
        const auto checked = std::find_if(
            window->languageMenu()->actions().cbegin(), window->languageMenu()->actions().cend(),
            [](const QAction* action) { return action->isChecked(); });
        QVERIFY(checked != window->languageMenu()->actions().cend());
        QCOMPARE((*checked)->data().toString(), code);
    }

    void languageMenuStoresTheChoice()
    {
        const auto window = start();
        const QList<QAction*> actions = window->languageMenu()->actions();
        QCOMPARE(actions.size(), Translations::languages().size());
        QVERIFY(actions.first()->isChecked()); // the system's, since nothing is stored
        QCOMPARE(actions.at(1)->text(), QStringLiteral("English"));
        QCOMPARE(actions.at(3)->text(), QStringLiteral("中文（简体）"));

        actions.at(1)->trigger();
        QCOMPARE(AppSettings::value(AppSettings::Language).toString(), QStringLiteral("en"));
        QVERIFY(actions.at(1)->isChecked());
        // The notice about the restart, in the language in use.
        QVERIFY(window->findChild<MessageBanner*>(QStringLiteral("banner"))->isVisible());
        QCOMPARE(window->findChild<MessageBanner*>(QStringLiteral("banner"))->text(),
                 QCoreApplication::translate(
                     "unblur::ui::MainWindow",
                     "The new language takes effect when Unblur is started again."));
        QVERIFY(!window->findChild<MessageBanner*>(QStringLiteral("banner"))
                     ->text()
                     .startsWith(QLatin1String("The new language")));

        actions.first()->trigger();
        QCOMPARE(AppSettings::value(AppSettings::Language).toString(), QString());
    }

    void pluralFormsFollowTheCount()
    {
        start();
        const auto tiles = [](int n) {
            return QCoreApplication::translate("unblur::ui::ProgressPanel", "%1/%n tile(s)",
                                               nullptr, n)
                .arg(1);
        };
        if (m_system == QLatin1String("de")) {
            QCOMPARE(tiles(1), QStringLiteral("1/1 Kachel"));
            QCOMPARE(tiles(12), QStringLiteral("1/12 Kacheln"));
            QCOMPARE(durationText(42), QStringLiteral("42 s"));
            QCOMPARE(durationText(3725), QStringLiteral("1 h 02 min"));
        } else {
            QCOMPARE(tiles(1), QStringLiteral("1/1 个分块"));
            QCOMPARE(tiles(12), QStringLiteral("1/12 个分块"));
            QCOMPARE(durationText(42), QStringLiteral("42 秒"));
            QCOMPARE(durationText(200), QStringLiteral("3 分 20 秒"));
        }
        QVERIFY(
            ProgressPanel::stageText(QStringLiteral("diffusion 3/8")).contains(QLatin1Char('3')));
        QVERIFY(ProgressPanel::stageText(QStringLiteral("diffusion 3/8")) !=
                QLatin1String("diffusion 3/8"));
        const QString ofView = ProgressPanel::stageText(QStringLiteral("view 2/4, diffusion 3/8"));
        QVERIFY2(ofView.contains(QLatin1Char('2')) && ofView.contains(QLatin1Char('4')) &&
                     ofView.contains(ProgressPanel::stageText(QStringLiteral("diffusion 3/8"))),
                 qPrintable(ofView));
        QVERIFY(!ofView.contains(QLatin1String("view")));
    }
};

QTEST_MAIN(TestTranslations)
#include "TestTranslations.moc"
