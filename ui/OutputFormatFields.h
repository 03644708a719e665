#pragma once

#include "io/PhotoWriter.h"

#include <QObject>
#include <QString>

class QComboBox;
class QFormLayout;
class QSpinBox;
class QWidget;

namespace unblur::ui {

/**
 * The output choices shared by Export and Batch export: format, quality, bit depth and what
 * happens to the metadata, remembered between uses. Batch export also offers "Same as the
 * photo" as the format.
 */
class OutputFormatFields : public QObject
{
    Q_OBJECT
public:
    OutputFormatFields(bool offerSameFormat, QWidget* parent);

    /** Adds the four rows to `form`. */
    void addRows(QFormLayout* form);

    /** "jpg", "png", "tif", "webp", or empty for the photo's own format. */
    QString format() const;
    void setFormat(const QString& extension);
    /** The choices as write options (the format too, unless it is the photo's own). */
    io::PhotoWriteOptions options() const;

    /** Stores the choices for next time. */
    void remember() const;

Q_SIGNALS:
    void formatChanged();

private:
    void updateEnabled();

    QComboBox* m_format;
    QSpinBox* m_quality;
    QComboBox* m_depth;
    QComboBox* m_metadata;
};

} // namespace unblur::ui
