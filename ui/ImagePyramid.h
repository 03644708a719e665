#pragma once

#include <QImage>
#include <QPoint>
#include <vector>

namespace unblur::ui {

/**
 * An image and its successive halvings (area-averaged), so a zoomed-out view draws from a
 * level near the screen's resolution: smooth without aliasing, and fast on a 24 MP photo.
 */
class ImagePyramid
{
public:
    ImagePyramid() = default;
    explicit ImagePyramid(const QImage& image);

    bool isNull() const { return m_levels.empty(); }
    const QImage& base() const { return m_levels.front(); }
    QSize size() const { return isNull() ? QSize() : base().size(); }

    /**
     * Puts `patch` (the base level's format) at `topLeft` of the base level and redraws the
     * matching part of every halving. Other copies of the pyramid keep their pixels.
     */
    void paste(const QPoint& topLeft, const QImage& patch);

    /** The smallest level still at least `scale` × the base size (scale ≤ 1 downsizes). */
    const QImage& levelFor(double scale, double* levelScale) const;

private:
    std::vector<QImage> m_levels;
};

} // namespace unblur::ui
