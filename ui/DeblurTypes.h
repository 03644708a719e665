#pragma once

#include "ImagePyramid.h"
#include "io/Photo.h"
#include "restore/RestoreOptions.h"

#include <QImage>
#include <QMetaType>
#include <QRect>
#include <QString>
#include <QStringList>
#include <memory>

namespace unblur::ui {

using PhotoPtr = std::shared_ptr<const io::Photo>;
using PixelsPtr = std::shared_ptr<const io::FloatImage>;

/** What the model host is asked to do with one photo. */
struct DeblurRequest
{
    PhotoPtr photo;
    restore::RestoreOptions options; ///< device, precision, tiles, views, seed
    QRect region; ///< a quick preview of this part (image pixels); null: the whole photo
};

/** Progress of a running deblur, as the Restorer reports it. */
struct DeblurProgress
{
    int tilesDone = 0;
    int tilesTotal = 0;
    int tileSize = 0;
    double elapsedSeconds = 0;
    double etaSeconds = -1; ///< -1 until known
    QString stage;
};

/**
 * A finished deblur: the restored pixels (shaped like the source, or like `region` for a
 * preview) and their display form.
 */
struct DeblurOutcome
{
    PhotoPtr photo;
    QRect region; ///< a preview's part of the photo; null for the whole photo
    PixelsPtr restored;
    QImage display;
    ImagePyramid displayLevels; ///< `display` and its halvings, made on the worker
    int tileSize = 0;
    int tiles = 0;
    QString device;
    QString precision;     ///< what ran: "fp32", "fp16" or "bf16" (never "auto")
    QString precisionNote; ///< why, where the engine gave a word
    double seconds = 0;
    quint64 seed = 0;
    QStringList notes;
    /** The shake refinement: asked for, applied, and what it said ("skipped (...)"). */
    bool refineAsked = false;
    bool refined = false;
    int kernelSize = 0;
    int refineStrengthPercent = 100; ///< below 100: Auto applied part of the correction
    QString refineSummary;
    QImage kernel; ///< the applied kernel, brightest pixel white; null when not applied
};

} // namespace unblur::ui

Q_DECLARE_METATYPE(unblur::ui::DeblurProgress)
Q_DECLARE_METATYPE(unblur::ui::DeblurOutcome)
Q_DECLARE_METATYPE(unblur::ui::PhotoPtr)
