#pragma once

#include <QLocale>
#include <QString>
#include <QVector>

namespace unblur::ui {

/**
 * The application's translators: Unblur's catalogue (built into the binary under :/i18n) and
 * Qt's own (standard buttons and dialogs, from Qt's translations folder), for the language
 * stored in the settings or else the system locale.
 */
class Translations
{
public:
    struct Language
    {
        QString code; ///< "" for the system's, else a catalogue suffix: "en", "de", "zh_CN"
        QString name; ///< the language's own name, e.g. "Deutsch"; empty for the system's
    };

    /** The languages the interface offers, the system's first. */
    static QVector<Language> languages();

    /** The settings' choice when there is one, else the system locale. */
    static QLocale preferredLocale();

    /**
     * Replaces the installed translators by those for `locale`. Returns the catalogue's code
     * ("de", "zh_CN"), or "en" when the interface stays in English (no catalogue matches).
     */
    static QString install(const QLocale& locale);
    /** install(preferredLocale()): once the application object exists, before any widget. */
    static QString install();
};

} // namespace unblur::ui
