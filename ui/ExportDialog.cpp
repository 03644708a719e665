#include "ExportDialog.h"

#include "AppSettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace unblur::ui {

ExportDialog::ExportDialog(const QString& suggestedPath, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Export"));
    m_path = new QLineEdit(this);
    m_path->setAccessibleName(tr("File"));
    m_path->setMinimumWidth(360);
    auto* browse = new QPushButton(tr("&Browse…"), this);
    browse->setToolTip(tr("Choose the folder and file name"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_format = new QComboBox(this);
    m_format->setAccessibleName(tr("Format"));
    m_format->addItem(tr("JPEG"), QStringLiteral("jpg"));
    m_format->addItem(tr("PNG"), QStringLiteral("png"));
    m_format->addItem(tr("TIFF"), QStringLiteral("tif"));
    m_format->addItem(tr("WebP"), QStringLiteral("webp"));

    m_quality = new QSpinBox(this);
    m_quality->setRange(1, 100);
    m_quality->setAccessibleName(tr("Quality"));
    m_quality->setToolTip(tr("JPEG and WebP quality; 95 keeps fine detail"));

    m_depth = new QComboBox(this);
    m_depth->setAccessibleName(tr("Bit depth"));
    m_depth->setToolTip(tr("16 bits per channel for PNG and TIFF; Automatic keeps the photo's"));
    m_depth->addItem(tr("Automatic"), 0);
    m_depth->addItem(tr("8 bits"), 8);
    m_depth->addItem(tr("16 bits"), 16);

    m_metadata = new QComboBox(this);
    m_metadata->setAccessibleName(tr("Metadata"));
    m_metadata->setToolTip(tr("EXIF, IPTC and XMP of the original; the colour profile is always "
                              "kept"));
    m_metadata->addItem(tr("Keep all"), int(io::MetadataPolicy::Keep));
    m_metadata->addItem(tr("Remove location"), int(io::MetadataPolicy::StripGps));
    m_metadata->addItem(tr("Remove all"), int(io::MetadataPolicy::StripAll));

    auto* form = new QFormLayout;
    // A row holding a layout needs its own label for the mnemonic to reach the field.
    auto* pathLabel = new QLabel(tr("&File:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(tr("&Quality:"), m_quality);
    form->addRow(tr("&Bit depth:"), m_depth);
    form->addRow(tr("&Metadata:"), m_metadata);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    const QString remembered = AppSettings::value(AppSettings::ExportFormat).toString();
    const QString ext =
        remembered.isEmpty() ? QFileInfo(suggestedPath).suffix().toLower() : remembered;
    const int index =
        m_format->findData(ext == QLatin1String("jpeg") ? QStringLiteral("jpg") : ext);
    m_format->setCurrentIndex(std::max(0, index));
    m_quality->setValue(AppSettings::value(AppSettings::ExportQuality).toInt());
    m_depth->setCurrentIndex(
        std::max(0, m_depth->findData(AppSettings::value(AppSettings::ExportBitDepth).toInt())));
    m_metadata->setCurrentIndex(
        std::max(0, m_metadata->findData(AppSettings::value(AppSettings::ExportMetadata).toInt())));
    const QFileInfo info(suggestedPath);
    m_path->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') +
                                        m_format->currentData().toString()));
    formatChanged();

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
}

QString ExportDialog::path() const
{
    return m_path->text();
}

io::PhotoWriteOptions ExportDialog::options() const
{
    io::PhotoWriteOptions options;
    options.encode.format = io::formatForExtension(path().toStdString());
    options.encode.quality = m_quality->value();
    options.encode.bitDepth = m_depth->isEnabled() ? m_depth->currentData().toInt() : 0;
    options.metadata = io::MetadataPolicy(m_metadata->currentData().toInt());
    return options;
}

void ExportDialog::accept()
{
    AppSettings::setValue(AppSettings::ExportFormat, m_format->currentData());
    AppSettings::setValue(AppSettings::ExportQuality, m_quality->value());
    AppSettings::setValue(AppSettings::ExportBitDepth, m_depth->currentData());
    AppSettings::setValue(AppSettings::ExportMetadata, m_metadata->currentData());
    QDialog::accept();
}

void ExportDialog::browse()
{
    const QString ext = m_format->currentData().toString();
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export to"), path(), tr("%1 (*.%2)").arg(m_format->currentText(), ext));
    if (!chosen.isEmpty()) {
        const QFileInfo info(chosen);
        m_path->setText(info.suffix().isEmpty() ? chosen + QLatin1Char('.') + ext : chosen);
    }
}

void ExportDialog::formatChanged()
{
    const QString ext = m_format->currentData().toString();
    const bool lossy = ext == QLatin1String("jpg") || ext == QLatin1String("webp");
    m_quality->setEnabled(lossy);
    m_depth->setEnabled(!lossy);
    // The file name follows the format.
    const QFileInfo info(path());
    if (!path().isEmpty() && info.suffix().toLower() != ext) {
        m_path->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + ext));
    }
}

} // namespace unblur::ui
