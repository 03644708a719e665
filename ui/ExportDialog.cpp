#include "ExportDialog.h"

#include "AppSettings.h"
#include "OutputFormatFields.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

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

    m_fields = new OutputFormatFields(false, this);

    auto* form = new QFormLayout;
    // A row holding a layout needs its own label for the mnemonic to reach the field.
    auto* pathLabel = new QLabel(tr("&File:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    m_fields->addRows(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    if (AppSettings::value(AppSettings::ExportFormat).toString().isEmpty()) {
        m_fields->setFormat(QFileInfo(suggestedPath).suffix());
    }
    const QFileInfo info(suggestedPath);
    m_path->setText(
        info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + m_fields->format()));

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_fields, &OutputFormatFields::formatChanged, this, &ExportDialog::formatChanged);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
}

QString ExportDialog::path() const
{
    return m_path->text();
}

io::PhotoWriteOptions ExportDialog::options() const
{
    io::PhotoWriteOptions options = m_fields->options();
    options.encode.format = io::formatForExtension(path().toStdString());
    return options;
}

void ExportDialog::accept()
{
    m_fields->remember();
    QDialog::accept();
}

void ExportDialog::browse()
{
    const QString ext = m_fields->format();
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export to"), path(), tr("%1 files (*.%2)").arg(ext.toUpper(), ext));
    if (!chosen.isEmpty()) {
        const QFileInfo info(chosen);
        m_path->setText(info.suffix().isEmpty() ? chosen + QLatin1Char('.') + ext : chosen);
    }
}

void ExportDialog::formatChanged()
{
    const QString ext = m_fields->format();
    // The file name follows the format.
    const QFileInfo info(path());
    if (!path().isEmpty() && info.suffix().toLower() != ext) {
        m_path->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + ext));
    }
}

} // namespace unblur::ui
