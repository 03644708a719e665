// Photo trees for the batch tests (header only).
#pragma once

#include "io/FloatImage.h"
#include "io/ImageFile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <cmath>

namespace batchtest {

const QString kTiny = QStringLiteral(UNBLUR_TEST_DATA "/hidiff-tiny");

/** A smooth RGB photo at `bitDepth`, a little different for every `seed`. */
inline unblur::io::FloatImage photo(int width, int height, int seed = 0, int bitDepth = 8)
{
    unblur::io::FloatImage image;
    image.width = width;
    image.height = height;
    image.channels = 3;
    image.bitDepth = bitDepth;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            image.pixels.push_back(0.2f + 0.6f * float(x) / float(width));
            image.pixels.push_back(0.5f + 0.3f * std::sin(float(x + y + seed * 7) / 9.0f));
            image.pixels.push_back(0.8f - 0.6f * float(y) / float(height));
        }
    }
    return image;
}

/** Writes a photo at `root`/`relative`, creating its folders. */
inline void writePhotoFile(const QString& root, const QString& relative, int width = 48,
                           int height = 40, int seed = 0, int bitDepth = 8)
{
    const QString path = root + '/' + relative;
    QDir().mkpath(QFileInfo(path).absolutePath());
    unblur::io::writeImage(path.toStdString(), photo(width, height, seed, bitDepth));
}

inline bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

/** Every file below `root` (hidden ones too), relative, sorted. */
inline QStringList filesBelow(const QString& root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files.append(QDir(root).relativeFilePath(it.next()));
    }
    files.sort();
    return files;
}

} // namespace batchtest
