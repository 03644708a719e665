#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

/**
 * Protect sharp areas in `deblur` and `batch` (--protect-sharp, --no-protect-sharp): on by
 * default there, while the library's RestoreOptions::protectSharp stays off. Restoring only
 * where the photo is blurred costs nothing measurable on uniformly blurred photos and keeps
 * sharp ones as they were (docs/cli.md, "Protect sharp areas").
 */
class ProtectSharpOptions
{
public:
    ProtectSharpOptions();

    /** Adds both options to `parser`. */
    void addTo(QCommandLineParser& parser) const;

    /**
     * Reads the choice into `protect`: on unless --no-protect-sharp is given. Returns the usage
     * error to report when both options are given, empty otherwise.
     */
    QString read(const QCommandLineParser& parser, bool& protect) const;

private:
    QCommandLineOption m_on;
    QCommandLineOption m_off;
};
