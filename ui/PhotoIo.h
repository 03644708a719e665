#pragma once

#include "DeblurTypes.h"
#include "io/PhotoWriter.h"

#include <QObject>
#include <QThreadPool>

namespace unblur::ui {

/**
 * Reads and writes photos on a background thread, so the GUI thread never decodes or
 * touches the disk for a large file. Results come back as signals on the GUI thread; a load
 * superseded by a newer one is dropped.
 */
class PhotoIo : public QObject
{
    Q_OBJECT
public:
    explicit PhotoIo(QObject* parent = nullptr);
    ~PhotoIo() override;

    void load(const QString& path);
    /** Writes `pixels` with `source`'s metadata through io::writePhoto. */
    void save(const QString& path, PixelsPtr pixels, PhotoPtr source,
              const io::Provenance& provenance, const io::PhotoWriteOptions& options);

    bool isLoading() const { return m_loading; }
    bool isSaving() const { return m_saving; }

Q_SIGNALS:
    /** `levels` is the display image (sRGB, 8-bit) and its halvings, made off the GUI thread. */
    void loaded(const unblur::ui::PhotoPtr& photo, const unblur::ui::ImagePyramid& levels);
    void loadFailed(const QString& path, const QString& reason);
    void saved(const QString& path, const QStringList& notes);
    void saveFailed(const QString& path, const QString& reason);

private:
    QThreadPool m_pool;
    int m_generation = 0;
    bool m_loading = false;
    bool m_saving = false;
};

} // namespace unblur::ui
