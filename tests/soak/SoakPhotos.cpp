#include "SoakPhotos.h"

#include "BatchTestSupport.h"

#include <QDir>
#include <QFile>

namespace soak {

SoakPhotos::SoakPhotos(const QString& dataFolder)
{
    if (!m_dir.isValid()) {
        m_problem = QStringLiteral("no temporary folder");
        return;
    }
    const QDir data(dataFolder);
    const QString photos = m_dir.filePath(QStringLiteral("photos"));
    QDir().mkpath(photos);
    QDir().mkpath(outputFolder());
    try {
        // Good: a camera JPEG with EXIF and GPS, made PNG and TIFFs, a RAW.
        bool ok = copy(data.filePath(QStringLiteral("metadata/exiv2/FurnaceCreekInn.jpg")),
                       QStringLiteral("a-camera.jpg"));
        batchtest::writePhotoFile(photos, QStringLiteral("b-gradient.png"), 320, 240, 1);
        batchtest::writePhotoFile(photos, QStringLiteral("c-8bit.tif"), 288, 216, 2, 8);
        batchtest::writePhotoFile(photos, QStringLiteral("d-16bit.tif"), 256, 192, 3, 16);
        ok = ok && copy(data.filePath(QStringLiteral("raw/colorchart.dng")),
                        QStringLiteral("e-colorchart.dng"));
        for (const char* name :
             {"a-camera.jpg", "b-gradient.png", "c-8bit.tif", "d-16bit.tif", "e-colorchart.dng"}) {
            m_openable << QDir(photos).filePath(QLatin1String(name));
        }
        m_goodCount = int(m_openable.size());

        // Bad: the fuzzer's JPEG, truncated JPEG and RAW, text as .jpg, an empty PNG, missing.
        ok = ok && copy(data.filePath(QStringLiteral("bad/jpeg-stuffed-zero-before-frame.jpg")),
                        QStringLiteral("f-fuzzed.jpg"));
        ok =
            ok && truncatedCopy(data.filePath(QStringLiteral("metadata/exiv2/FurnaceCreekInn.jpg")),
                                QStringLiteral("g-truncated.jpg"));
        ok = ok && truncatedCopy(data.filePath(QStringLiteral("raw/colorchart.dng")),
                                 QStringLiteral("h-truncated.dng"));
        ok = ok && batchtest::writeBytes(QDir(photos).filePath(QStringLiteral("i-text.jpg")),
                                         QByteArray("This is a text file, not a JPEG.\n"));
        ok = ok && batchtest::writeBytes(QDir(photos).filePath(QStringLiteral("j-empty.png")),
                                         QByteArray());
        for (const char* name : {"f-fuzzed.jpg", "g-truncated.jpg", "h-truncated.dng", "i-text.jpg",
                                 "j-empty.png", "k-missing.jpg"}) {
            m_openable << QDir(photos).filePath(QLatin1String(name));
        }

        // A batch: three small photos and a broken one.
        for (int i = 0; i < 3; ++i) {
            batchtest::writePhotoFile(batchFolder(), QStringLiteral("batch%1.png").arg(i), 192, 144,
                                      10 + i);
        }
        ok = ok && batchtest::writeBytes(batchFolder() + QStringLiteral("/broken.jpg"),
                                         QByteArray("not a JPEG"));
        if (!ok) {
            m_problem = QStringLiteral("could not copy the test data from %1").arg(dataFolder);
            return;
        }
    } catch (const std::exception& e) {
        m_problem = QString::fromStdString(e.what());
        return;
    }
    m_valid = true;
}

bool SoakPhotos::copy(const QString& from, const QString& name)
{
    return QFile::copy(from, m_dir.filePath(QStringLiteral("photos/") + name));
}

bool SoakPhotos::truncatedCopy(const QString& from, const QString& name)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray bytes = source.readAll();
    return batchtest::writeBytes(m_dir.filePath(QStringLiteral("photos/") + name),
                                 bytes.left(bytes.size() / 2));
}

} // namespace soak
