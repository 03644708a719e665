#include "PhotoIo.h"

#include "DisplayImage.h"
#include "io/PhotoReader.h"

#include <QFileInfo>

namespace unblur::ui {

PhotoIo::PhotoIo(QObject* parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1); // one file at a time, in the order asked
}

PhotoIo::~PhotoIo()
{
    m_pool.waitForDone();
}

void PhotoIo::load(const QString& path)
{
    const int generation = ++m_generation;
    m_loading = true;
    m_pool.start([this, path, generation] {
        PhotoPtr photo;
        ImagePyramid levels;
        QString error;
        try {
            auto read = std::make_shared<io::Photo>(io::readPhoto(path.toStdString()));
            levels = ImagePyramid(toDisplayImage(read->image, read->metadata.iccProfile()));
            if (levels.isNull()) {
                error = tr("%1: the image has no pixels").arg(path);
            }
            photo = std::move(read);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(this, [this, path, photo, levels, error, generation] {
            if (generation != m_generation) {
                return; // a newer photo was asked for
            }
            m_loading = false;
            if (error.isEmpty()) {
                Q_EMIT loaded(photo, levels);
            } else {
                Q_EMIT loadFailed(path, error);
            }
        });
    });
}

void PhotoIo::save(const QString& path, PixelsPtr pixels, PhotoPtr source,
                   const io::Provenance& provenance, const io::PhotoWriteOptions& options)
{
    m_saving = true;
    m_pool.start([this, path, pixels, source, provenance, options] {
        QStringList notes;
        QString error;
        try {
            const io::WriteResult result =
                io::writePhoto(path.toStdString(), *pixels, *source, provenance, options);
            for (const std::string& note : result.notes) {
                notes << QString::fromStdString(note);
            }
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(this, [this, path, notes, error] {
            m_saving = false;
            if (error.isEmpty()) {
                Q_EMIT saved(path, notes);
            } else {
                Q_EMIT saveFailed(path, error);
            }
        });
    });
}

} // namespace unblur::ui
