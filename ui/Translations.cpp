#include "Translations.h"

#include "AppSettings.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>
#include <memory>
#include <vector>

namespace unblur::ui {

namespace {

std::vector<std::unique_ptr<QTranslator>>& installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

void add(std::unique_ptr<QTranslator> translator)
{
    QCoreApplication::installTranslator(translator.get());
    installed().push_back(std::move(translator));
}

} // namespace

QVector<Translations::Language> Translations::languages()
{
    return {{QString(), QString()},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("zh_CN"), QStringLiteral("中文（简体）")}};
}

QLocale Translations::preferredLocale()
{
    const QString code = AppSettings::value(AppSettings::Language).toString();
    return code.isEmpty() ? QLocale::system() : QLocale(code);
}

QString Translations::install(const QLocale& locale)
{
    for (const auto& translator : installed()) {
        QCoreApplication::removeTranslator(translator.get());
    }
    installed().clear();
    QLocale::setDefault(locale); // numbers and dates in the interface language too
    // The user's languages in order of preference (LANGUAGE may list several): the first that
    // is English, the source language, or has a catalogue wins.
    for (const QString& name : locale.uiLanguages()) {
        QLocale candidate(name);
        if (candidate.language() == QLocale::Chinese &&
            candidate.script() == QLocale::SimplifiedHanScript) {
            // Simplified Chinese anywhere (zh_SG, zh_Hans) reads the zh_CN catalogue.
            candidate = QLocale(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China);
        }
        if (candidate.language() == QLocale::English || candidate.language() == QLocale::C) {
            break;
        }
        auto own = std::make_unique<QTranslator>();
        if (!own->load(candidate, QStringLiteral("unblur"), QStringLiteral("_"),
                       QStringLiteral(":/i18n"))) {
            continue;
        }
        const QString code = own->language();
        add(std::move(own));
        // Qt's catalogue is optional (Debian: qt6-translations-l10n).
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(candidate, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            add(std::move(qt));
        }
        return code;
    }
    // English, the source language: only its plural forms ("1 photo", "2 photos"). Qt's
    // dialogs stay in English as well.
    auto plurals = std::make_unique<QTranslator>();
    if (plurals->load(QStringLiteral(":/i18n/unblur_en.qm"))) {
        add(std::move(plurals));
    }
    return QStringLiteral("en");
}

QString Translations::install()
{
    return install(preferredLocale());
}

} // namespace unblur::ui
