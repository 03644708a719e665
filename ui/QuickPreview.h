#pragma once

#include "ImagePyramid.h"

#include <QImage>
#include <QList>
#include <QRect>

namespace unblur::ui {

/**
 * The quick preview of a photo: the parts restored so far, pasted into a copy of the
 * original's display image, and which part of the photo to restore next for a given view.
 * GUI-thread state, no widgets.
 */
class QuickPreview
{
public:
    /** Starts over for a photo shown as `original` (no preview yet). */
    void reset(const ImagePyramid& original);
    void clear();

    /** The longest side of a preview region, in image pixels (a few seconds of work). */
    void setMaximumSide(int pixels) { m_maximumSide = pixels; }
    int maximumSide() const { return m_maximumSide; }

    /** True when the whole photo is about as quick to restore as one preview region. */
    bool coversWholePhoto(const QSize& photo) const;

    /**
     * The region to restore for `visible` (image pixels): the visible part, cut around its
     * centre to maximumSide(); null when that part is already restored (90 % or more).
     */
    QRect nextRegion(const QRect& visible) const;

    /** Pastes a restored region (display pixels in the original's format). */
    void add(const QRect& region, const QImage& display);

    bool isEmpty() const { return m_regions.isEmpty(); }
    const QList<QRect>& regions() const { return m_regions; }
    /** The original with every restored region pasted in. */
    const ImagePyramid& composite() const { return m_composite; }

private:
    /** Pixels of `rect` covered by the restored regions (overlaps counted once). */
    qint64 coveredArea(const QRect& rect) const;

    ImagePyramid m_composite;
    QList<QRect> m_regions;
    int m_maximumSide = 512;
};

} // namespace unblur::ui
