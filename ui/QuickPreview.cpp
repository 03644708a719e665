#include "QuickPreview.h"

#include <QRegion>
#include <algorithm>

namespace unblur::ui {

void QuickPreview::reset(const ImagePyramid& original)
{
    m_composite = original;
    m_regions.clear();
}

void QuickPreview::clear()
{
    m_composite = ImagePyramid();
    m_regions.clear();
}

bool QuickPreview::coversWholePhoto(const QSize& photo) const
{
    const qint64 budget = qint64(m_maximumSide) * m_maximumSide;
    return qint64(photo.width()) * photo.height() <= budget + budget / 4;
}

QRect QuickPreview::nextRegion(const QRect& visible) const
{
    const QRect bounds(QPoint(0, 0), m_composite.size());
    QRect wanted = visible.intersected(bounds);
    if (wanted.isEmpty()) {
        return {};
    }
    const QPoint centre = wanted.center();
    const int w = std::min(wanted.width(), m_maximumSide);
    const int h = std::min(wanted.height(), m_maximumSide);
    wanted = QRect(centre.x() - w / 2, centre.y() - h / 2, w, h);
    // Slide back inside the photo rather than shrink.
    wanted.moveLeft(std::clamp(wanted.left(), 0, bounds.width() - w));
    wanted.moveTop(std::clamp(wanted.top(), 0, bounds.height() - h));
    const qint64 area = qint64(w) * h;
    return coveredArea(wanted) * 10 >= area * 9 ? QRect() : wanted;
}

void QuickPreview::add(const QRect& region, const QImage& display)
{
    if (m_composite.isNull() || region.isEmpty()) {
        return;
    }
    QImage patch = display;
    if (patch.format() != m_composite.base().format()) {
        patch = patch.convertToFormat(m_composite.base().format());
    }
    m_composite.paste(region.topLeft(), patch);
    m_regions.append(region);
}

qint64 QuickPreview::coveredArea(const QRect& rect) const
{
    QRegion covered;
    for (const QRect& region : m_regions) {
        covered += region.intersected(rect);
    }
    qint64 area = 0;
    for (const QRect& part : covered) {
        area += qint64(part.width()) * part.height();
    }
    return area;
}

} // namespace unblur::ui
