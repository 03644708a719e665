#pragma once

#include "io/PhotoWriter.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace unblur::ui {

/**
 * Export choices: file, format, quality, bit depth, and what happens to the metadata
 * (kept, location removed, or everything but the colour profile removed). The last choices
 * are remembered.
 */
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const QString& suggestedPath, QWidget* parent = nullptr);

    QString path() const;
    io::PhotoWriteOptions options() const;

    void accept() override;

private:
    void browse();
    void formatChanged();

    QLineEdit* m_path;
    QComboBox* m_format;
    QSpinBox* m_quality;
    QComboBox* m_depth;
    QComboBox* m_metadata;
};

} // namespace unblur::ui
