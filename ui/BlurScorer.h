#pragma once

#include "DeblurTypes.h"
#include "blur/BlurSettings.h"

#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThreadPool>

namespace unblur::ui {

/** A photo's blur as the interface shows it (core/blur's assessment). */
struct BlurScore
{
    double score = 0;        ///< [0, 1], higher blurrier
    bool blurry = false;     ///< score at or above the threshold
    bool measurable = false; ///< false: too small or flat to tell, or unreadable (note says why)
    QString kind;            ///< "none", "shake" or "defocus"
    QString note;
    QImage overlay; ///< the blur map as a translucent red picture (photos only, not files)
};

/**
 * Measures blur off the GUI thread with blur::BlurAnalyzer: the main window's photo (a newer
 * photo supersedes an older one, whose result is dropped) and the batch window's files (read
 * and measured in the order asked). Results come back as signals on the GUI thread.
 */
class BlurScorer : public QObject
{
    Q_OBJECT
public:
    explicit BlurScorer(QObject* parent = nullptr);
    ~BlurScorer() override;

    /** Measures `photo` (already decoded) and makes its overlay; emits photoScored. */
    void scorePhoto(const PhotoPtr& photo);
    /** Reads and measures the photo at `path`; emits fileScored. */
    void scoreFile(const QString& path);
    /** Forgets files asked for and not yet started. */
    void clearFiles();

    /** The score from which a photo is blurry (blur::BlurSettings::threshold). */
    static double threshold();
    /** "Blur 0.62 (blurry, shake)", "Blur 0.12 (sharp)", "Blur: not measurable (…)". */
    static QString statusText(const BlurScore& score);
    /**
     * The blur map (1 channel, score scale, 0 where there are no edges) as an ARGB picture:
     * transparent where sharp or without edges, more opaque red the blurrier.
     */
    static QImage overlayImage(const io::FloatImage& map, double threshold);

Q_SIGNALS:
    void photoScored(const unblur::ui::PhotoPtr& photo, const unblur::ui::BlurScore& score);
    void fileScored(const QString& path, const unblur::ui::BlurScore& score);

private:
    QThreadPool m_photos; ///< one at a time, the newest wins
    QThreadPool m_files;  ///< one at a time, in order
    blur::BlurSettings m_settings;
    int m_generation = 0;
};

} // namespace unblur::ui

Q_DECLARE_METATYPE(unblur::ui::BlurScore)
