// The files the soak opens, saves into and exports: made once in a temporary folder.
#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace soak {

/**
 * Good photos (JPEG with metadata, PNG, 8- and 16-bit TIFF, a camera RAW), bad ones (the
 * fuzzer's JPEG, a truncated JPEG and RAW, text named .jpg, an empty PNG) and a missing path,
 * side by side in one folder (so next/previous walks over all of them); a folder of small
 * photos for batches; an output folder.
 */
class SoakPhotos
{
public:
    /** Made from the test data in `dataFolder` (tests/data); isValid() says whether it worked. */
    explicit SoakPhotos(const QString& dataFolder);

    bool isValid() const { return m_valid; }
    QString problem() const { return m_problem; }
    /** Every path the soak opens, good ones first; goodCount() of them are good. */
    const QStringList& openable() const { return m_openable; }
    int goodCount() const { return m_goodCount; }
    QString batchFolder() const { return m_dir.filePath(QStringLiteral("batch")); }
    QString outputFolder() const { return m_dir.filePath(QStringLiteral("out")); }
    QString settingsFile() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

private:
    bool copy(const QString& from, const QString& name);
    bool truncatedCopy(const QString& from, const QString& name);

    QTemporaryDir m_dir;
    QStringList m_openable;
    int m_goodCount = 0;
    bool m_valid = false;
    QString m_problem;
};

} // namespace soak
