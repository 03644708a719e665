#pragma once

#include <QDate>
#include <QString>

namespace unblur::batch {

struct BatchOptions;

/** Turns an input's file name into its output's through the batch's name template. */
class OutputNamer
{
public:
    OutputNamer(const BatchOptions& options, const QDate& date);

    /** The output file name (no folder) for the input file `input`. */
    QString fileName(const QString& input) const;

    /**
     * The output extension without its dot: the requested format's; else the input's own
     * when it can be written (case kept: IMG_1.JPG gives JPG); else "tif" for camera RAW and
     * "png" for anything else (BMP).
     */
    QString extension(const QString& input) const;

    /** Why `nameTemplate` cannot be used (no {name}, a folder separator, an unknown field). */
    static QString checkTemplate(const QString& nameTemplate);

private:
    QString m_template;
    QString m_formatExtension; ///< from the requested format; empty when none
    QString m_model;
    QString m_date;
};

} // namespace unblur::batch
