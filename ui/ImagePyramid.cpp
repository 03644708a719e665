#include "ImagePyramid.h"

#include <QPainter>

namespace unblur::ui {

ImagePyramid::ImagePyramid(const QImage& image)
{
    if (image.isNull()) {
        return;
    }
    m_levels.push_back(image);
    while (m_levels.back().width() > 256 && m_levels.back().height() > 256) {
        const QImage& last = m_levels.back();
        m_levels.push_back(last.scaled(last.width() / 2, last.height() / 2, Qt::IgnoreAspectRatio,
                                       Qt::SmoothTransformation));
    }
}

void ImagePyramid::paste(const QPoint& topLeft, const QImage& patch)
{
    if (isNull() || patch.isNull()) {
        return;
    }
    QRect area(topLeft, patch.size());
    area = area.intersected(m_levels.front().rect());
    if (area.isEmpty()) {
        return;
    }
    {
        QPainter painter(&m_levels.front());
        painter.setCompositionMode(QPainter::CompositionMode_Source);
        painter.drawImage(area.topLeft(), patch, area.translated(-topLeft));
    }
    // Each halving is remade from the level above over the pixels the patch touches (aligned
    // to even coordinates, so the area averages match a full rebuild).
    for (size_t i = 1; i < m_levels.size(); ++i) {
        const QImage& above = m_levels[i - 1];
        const QRect even(QPoint(area.left() & ~1, area.top() & ~1),
                         QPoint(area.right() | 1, area.bottom() | 1));
        const QRect source =
            even.intersected(QRect(0, 0, m_levels[i].width() * 2, m_levels[i].height() * 2));
        if (source.isEmpty()) {
            break;
        }
        const QImage halved =
            above.copy(source).scaled(source.width() / 2, source.height() / 2,
                                      Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        area = QRect(source.topLeft() / 2, halved.size());
        QPainter painter(&m_levels[i]);
        painter.setCompositionMode(QPainter::CompositionMode_Source);
        painter.drawImage(area.topLeft(), halved);
    }
}

const QImage& ImagePyramid::levelFor(double scale, double* levelScale) const
{
    size_t chosen = 0;
    for (size_t i = 1; i < m_levels.size(); ++i) {
        const double s = double(m_levels[i].width()) / double(base().width());
        if (s < scale) {
            break;
        }
        chosen = i;
    }
    if (levelScale != nullptr) {
        *levelScale = double(m_levels[chosen].width()) / double(base().width());
    }
    return m_levels[chosen];
}

} // namespace unblur::ui
