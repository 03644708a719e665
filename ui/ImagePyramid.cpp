#include "ImagePyramid.h"

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
