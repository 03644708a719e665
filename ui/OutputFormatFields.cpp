#include "OutputFormatFields.h"

#include "AppSettings.h"
#include "io/ImageFormat.h"

#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>
#include <algorithm>

namespace unblur::ui {

OutputFormatFields::OutputFormatFields(bool offerSameFormat, QWidget* parent) : QObject(parent)
{
    m_format = new QComboBox(parent);
    m_format->setAccessibleName(tr("Format"));
    if (offerSameFormat) {
        m_format->addItem(tr("Same as the photo (RAW: TIFF)"), QString());
    }
    m_format->addItem(tr("JPEG"), QStringLiteral("jpg"));
    m_format->addItem(tr("PNG"), QStringLiteral("png"));
    m_format->addItem(tr("TIFF"), QStringLiteral("tif"));
    m_format->addItem(tr("WebP"), QStringLiteral("webp"));

    m_quality = new QSpinBox(parent);
    m_quality->setRange(1, 100);
    m_quality->setAccessibleName(tr("Quality"));
    m_quality->setToolTip(tr("JPEG and WebP quality; 95 keeps fine detail"));

    m_depth = new QComboBox(parent);
    m_depth->setAccessibleName(tr("Bit depth"));
    m_depth->setToolTip(tr("16 bits per channel for PNG and TIFF; Automatic keeps the photo's"));
    m_depth->addItem(tr("Automatic"), 0);
    m_depth->addItem(tr("8 bits"), 8);
    m_depth->addItem(tr("16 bits"), 16);

    m_metadata = new QComboBox(parent);
    m_metadata->setAccessibleName(tr("Metadata"));
    m_metadata->setToolTip(tr("EXIF, IPTC and XMP of the original; the colour profile is always "
                              "kept"));
    m_metadata->addItem(tr("Keep all"), int(io::MetadataPolicy::Keep));
    m_metadata->addItem(tr("Remove location"), int(io::MetadataPolicy::StripGps));
    m_metadata->addItem(tr("Remove all"), int(io::MetadataPolicy::StripAll));

    if (!offerSameFormat) {
        setFormat(AppSettings::value(AppSettings::ExportFormat).toString());
    }
    m_quality->setValue(AppSettings::value(AppSettings::ExportQuality).toInt());
    m_depth->setCurrentIndex(
        std::max(0, m_depth->findData(AppSettings::value(AppSettings::ExportBitDepth).toInt())));
    m_metadata->setCurrentIndex(
        std::max(0, m_metadata->findData(AppSettings::value(AppSettings::ExportMetadata).toInt())));
    updateEnabled();
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        Q_EMIT formatChanged();
    });
}

void OutputFormatFields::addRows(QFormLayout* form)
{
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(tr("&Quality:"), m_quality);
    form->addRow(tr("&Bit depth:"), m_depth);
    form->addRow(tr("&Metadata:"), m_metadata);
}

QString OutputFormatFields::format() const
{
    return m_format->currentData().toString();
}

void OutputFormatFields::setFormat(const QString& extension)
{
    const QString ext = extension.toLower() == QLatin1String("jpeg")   ? QStringLiteral("jpg")
                        : extension.toLower() == QLatin1String("tiff") ? QStringLiteral("tif")
                                                                       : extension.toLower();
    const int index = m_format->findData(ext);
    if (index >= 0) {
        m_format->setCurrentIndex(index);
    }
}

io::PhotoWriteOptions OutputFormatFields::options() const
{
    io::PhotoWriteOptions options;
    if (!format().isEmpty()) {
        options.encode.format = io::formatNamed(format().toStdString());
    }
    options.encode.quality = m_quality->value();
    options.encode.bitDepth = m_depth->isEnabled() ? m_depth->currentData().toInt() : 0;
    options.metadata = io::MetadataPolicy(m_metadata->currentData().toInt());
    return options;
}

void OutputFormatFields::remember() const
{
    if (!format().isEmpty()) {
        AppSettings::setValue(AppSettings::ExportFormat, format());
    }
    AppSettings::setValue(AppSettings::ExportQuality, m_quality->value());
    AppSettings::setValue(AppSettings::ExportBitDepth, m_depth->currentData());
    AppSettings::setValue(AppSettings::ExportMetadata, m_metadata->currentData());
}

void OutputFormatFields::updateEnabled()
{
    const QString ext = format();
    const bool lossy = ext == QLatin1String("jpg") || ext == QLatin1String("webp");
    m_quality->setEnabled(lossy || ext.isEmpty());
    m_depth->setEnabled(!lossy);
}

} // namespace unblur::ui
