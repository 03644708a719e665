#pragma once

#include "io/PhotoWriter.h"

#include <QDialog>

class QLineEdit;

namespace unblur::ui {

class OutputFormatFields;

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
    OutputFormatFields* m_fields;
};

} // namespace unblur::ui
