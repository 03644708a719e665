#include "ImageViewer.h"

#include <QKeyEvent>
#include <QKeySequence>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace unblur::ui {

namespace {

constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 32.0;
constexpr double kZoomStep = 1.25;
constexpr double kDividerGrab = 8.0; // logical pixels either side of the divider

} // namespace

ImageViewer::ImageViewer(QWidget* parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAttribute(Qt::WA_AcceptTouchEvents);
    setMinimumSize(200, 150);
    setAccessibleName(tr("Photo viewer"));
    setAccessibleDescription(tr("Shows the photo; after a deblur, the original on the left of "
                                "the divider and the restored photo on the right."));
}

void ImageViewer::setPhoto(const QImage& original)
{
    setPhoto(ImagePyramid(original));
}

void ImageViewer::setPhoto(const ImagePyramid& original)
{
    m_before = original;
    m_after = ImagePyramid();
    m_previewRegions.clear();
    m_overlay = QImage();
    m_showOriginal = false;
    fitToWindow();
}

void ImageViewer::setRestored(const QImage& restored)
{
    setRestored(ImagePyramid(restored));
}

void ImageViewer::setRestored(const ImagePyramid& restored)
{
    m_after = restored.size() == m_before.size() ? restored : ImagePyramid();
    if (m_fit) {
        m_zoom = fitZoom(); // side by side lays the photo out in half the width
    }
    clampOffset();
    update();
}

void ImageViewer::clear()
{
    m_before = ImagePyramid();
    m_after = ImagePyramid();
    m_previewRegions.clear();
    update();
}

void ImageViewer::setMode(Mode mode)
{
    m_mode = mode;
    setCursor(Qt::ArrowCursor);
    if (m_fit) {
        m_zoom = fitZoom();
    }
    clampOffset();
    update();
}

void ImageViewer::setSplitPosition(double fraction)
{
    fraction = std::clamp(fraction, 0.0, 1.0);
    if (fraction != m_split) {
        m_split = fraction;
        update();
        Q_EMIT splitPositionChanged(fraction);
    }
}

void ImageViewer::setSplitDirection(SplitDirection direction)
{
    if (direction != m_direction) {
        m_direction = direction;
        update();
    }
}

QRect ImageViewer::visibleImageRect() const
{
    if (m_before.isNull()) {
        return {};
    }
    const QSizeF view = viewportSize();
    const QRectF shown((QPointF(0, 0) - m_offset) / scale(), view / scale());
    return shown.toAlignedRect().intersected(QRect(QPoint(0, 0), m_before.size()));
}

void ImageViewer::setPreviewRegions(const QList<QRect>& regions)
{
    m_previewRegions = regions;
    update();
}

void ImageViewer::setOverlay(const QImage& overlay)
{
    m_overlay = overlay;
    update();
}

void ImageViewer::viewMoved()
{
    update();
    Q_EMIT viewChanged();
}

void ImageViewer::setShowOriginal(bool show)
{
    if (show != m_showOriginal) {
        m_showOriginal = show;
        update();
        Q_EMIT showOriginalChanged(show);
    }
}

double ImageViewer::scale() const
{
    return m_zoom / devicePixelRatioF();
}

double ImageViewer::fitZoom() const
{
    if (m_before.isNull()) {
        return 1.0;
    }
    const QSize s = m_before.size();
    const QSizeF view = viewportSize();
    const double fit =
        std::min(view.width() / double(s.width()), view.height() / double(s.height()));
    return std::clamp(fit * devicePixelRatioF(), kMinZoom, kMaxZoom);
}

void ImageViewer::fitToWindow()
{
    m_fit = true;
    m_zoom = fitZoom();
    clampOffset();
    viewMoved();
    Q_EMIT zoomChanged(m_zoom, true);
}

void ImageViewer::setZoom(double zoom, const QPointF& anchor)
{
    if (m_before.isNull()) {
        return;
    }
    const QPointF imagePoint = widgetToImage(anchor);
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    m_fit = false;
    m_offset = toViewport(anchor) - imagePoint * scale();
    clampOffset();
    viewMoved();
    Q_EMIT zoomChanged(m_zoom, false);
}

void ImageViewer::setZoom(double zoom)
{
    const QSizeF view = viewportSize();
    setZoom(zoom, QPointF(view.width() / 2.0, view.height() / 2.0));
}

void ImageViewer::zoomIn()
{
    setZoom(m_zoom * kZoomStep);
}

void ImageViewer::zoomOut()
{
    setZoom(m_zoom / kZoomStep);
}

QPointF ImageViewer::imageToWidget(const QPointF& p) const
{
    return m_offset + p * scale();
}

QPointF ImageViewer::widgetToImage(const QPointF& p) const
{
    return (toViewport(p) - m_offset) / scale();
}

QSizeF ImageViewer::viewportSize() const
{
    return sideBySideActive() ? QSizeF(width() / 2.0, height()) : QSizeF(size());
}

QPointF ImageViewer::toViewport(const QPointF& p) const
{
    if (sideBySideActive() && p.x() >= width() / 2.0) {
        return p - QPointF(width() / 2.0, 0);
    }
    return p;
}

void ImageViewer::clampOffset()
{
    if (m_before.isNull()) {
        return;
    }
    const QSizeF shown = QSizeF(m_before.size()) * scale();
    const auto clampAxis = [](double offset, double shownSize, double viewSize) {
        if (shownSize <= viewSize) {
            return (viewSize - shownSize) / 2.0; // centred
        }
        return std::clamp(offset, viewSize - shownSize, 0.0);
    };
    const QSizeF view = viewportSize();
    m_offset.setX(clampAxis(m_offset.x(), shown.width(), view.width()));
    m_offset.setY(clampAxis(m_offset.y(), shown.height(), view.height()));
}

bool ImageViewer::splitActive() const
{
    return m_mode == Mode::Split && !m_after.isNull() && !m_showOriginal;
}

bool ImageViewer::sideBySideActive() const
{
    return m_mode == Mode::SideBySide && !m_after.isNull(); // flashing keeps the panes
}

bool ImageViewer::nearDivider(const QPointF& p) const
{
    if (!splitActive()) {
        return false;
    }
    const double distance =
        m_direction == SplitDirection::LeftRight ? p.x() - dividerX() : p.y() - dividerY();
    return std::abs(distance) <= kDividerGrab;
}

Qt::CursorShape ImageViewer::dividerCursor() const
{
    return m_direction == SplitDirection::LeftRight ? Qt::SplitHCursor : Qt::SplitVCursor;
}

void ImageViewer::drawImage(QPainter& painter, const ImagePyramid& image, const QRectF& clip,
                            double shift) const
{
    double levelScale = 1.0;
    const QImage& level = image.levelFor(m_zoom, &levelScale);
    const QPointF origin = m_offset + QPointF(shift, 0);
    const QRectF target(origin, QSizeF(image.size()) * scale());
    // Only the visible part of the level is handed to the painter.
    const QRectF visible = target.intersected(clip);
    if (visible.isEmpty()) {
        return;
    }
    const double toLevel = levelScale / scale();
    const QRectF source((visible.topLeft() - origin) * toLevel, visible.size() * toLevel);
    painter.save();
    painter.setClipRect(clip);
    // Smooth while zoomed out or a little in; individual pixels when zoomed in far.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 3.0);
    painter.drawImage(visible, level, source);
    painter.restore();
}

void ImageViewer::drawLabel(QPainter& painter, const QString& text, const QPointF& anchor,
                            bool alignRight) const
{
    const QFontMetricsF metrics(painter.font());
    const QSizeF size(metrics.horizontalAdvance(text) + 16, metrics.height() + 8);
    QRectF box(anchor, size);
    if (alignRight) {
        box.moveRight(anchor.x());
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 150));
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, text);
}

void ImageViewer::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Dark).darker(160));
    if (m_before.isNull()) {
        painter.setPen(palette().color(QPalette::BrightText));
        painter.drawText(
            rect(), Qt::AlignCenter,
            tr("Open a photo (%1) or drop one here")
                .arg(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)));
        return;
    }
    const QRectF all = rect();
    if (sideBySideActive()) {
        const double half = width() / 2.0;
        drawImage(painter, m_before, QRectF(0, 0, half, height()));
        drawImage(painter, m_showOriginal ? m_before : m_after,
                  QRectF(half, 0, width() - half, height()), half);
    } else if (m_showOriginal || m_after.isNull()) {
        drawImage(painter, m_before, all);
    } else if (m_mode == Mode::After) {
        drawImage(painter, m_after, all);
    } else if (m_direction == SplitDirection::LeftRight) {
        const double x = dividerX();
        drawImage(painter, m_before, QRectF(0, 0, x, height()));
        drawImage(painter, m_after, QRectF(x, 0, width() - x, height()));
    } else {
        const double y = dividerY();
        drawImage(painter, m_before, QRectF(0, 0, width(), y));
        drawImage(painter, m_after, QRectF(0, y, width(), height() - y));
    }
    if (sideBySideActive()) {
        drawOverlay(painter, QRectF(0, 0, width() / 2.0, height()), 0);
        drawOverlay(painter, QRectF(width() / 2.0, 0, width() / 2.0, height()), width() / 2.0);
    } else {
        drawOverlay(painter, all, 0);
    }
    painter.setRenderHint(QPainter::Antialiasing);
    if (!m_showOriginal && m_mode != Mode::SideBySide) {
        drawPreviewRegions(painter, afterClip(), 0);
    } else if (sideBySideActive() && !m_showOriginal) {
        drawPreviewRegions(painter, QRectF(width() / 2.0, 0, width() / 2.0, height()),
                           width() / 2.0);
    }
    if (splitActive()) {
        drawDivider(painter);
    } else if (sideBySideActive()) {
        const double half = width() / 2.0;
        painter.setPen(QPen(palette().color(QPalette::Window), 2));
        painter.drawLine(QPointF(half, 0), QPointF(half, height()));
        drawLabel(painter, tr("Before"), QPointF(10, 10), false);
        drawLabel(painter, m_showOriginal ? tr("Original") : tr("After"), QPointF(half + 10, 10),
                  false);
    } else if (m_showOriginal && !m_after.isNull()) {
        drawLabel(painter, tr("Original"), QPointF(10, 10), false);
    }
}

QRectF ImageViewer::afterClip() const
{
    if (m_mode != Mode::Split) {
        return rect();
    }
    if (m_direction == SplitDirection::LeftRight) {
        return QRectF(dividerX(), 0, width() - dividerX(), height());
    }
    return QRectF(0, dividerY(), width(), height() - dividerY());
}

void ImageViewer::drawPreviewRegions(QPainter& painter, const QRectF& clip, double shift) const
{
    if (m_after.isNull() || m_previewRegions.isEmpty()) {
        return;
    }
    painter.save();
    painter.setClipRect(clip);
    painter.setBrush(Qt::NoBrush);
    QPen pen(QColor(255, 200, 60, 220), 1.5, Qt::DashLine);
    painter.setPen(pen);
    for (const QRect& region : m_previewRegions) {
        const QRectF r(imageToWidget(region.topLeft()) + QPointF(shift, 0),
                       QSizeF(region.size()) * scale());
        painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
    }
    painter.restore();
}

void ImageViewer::drawOverlay(QPainter& painter, const QRectF& clip, double shift) const
{
    if (m_overlay.isNull()) {
        return;
    }
    painter.save();
    painter.setClipRect(clip);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(QRectF(m_offset + QPointF(shift, 0), QSizeF(m_before.size()) * scale()),
                      m_overlay);
    painter.restore();
}

void ImageViewer::drawDivider(QPainter& painter) const
{
    const bool vertical = m_direction == SplitDirection::LeftRight;
    const QPointF centre =
        vertical ? QPointF(dividerX(), height() / 2.0) : QPointF(width() / 2.0, dividerY());
    painter.setPen(QPen(QColor(255, 255, 255, 220), 2));
    if (vertical) {
        painter.drawLine(QPointF(centre.x(), 0), QPointF(centre.x(), height()));
    } else {
        painter.drawLine(QPointF(0, centre.y()), QPointF(width(), centre.y()));
    }
    painter.setBrush(QColor(255, 255, 255, 230));
    painter.setPen(QPen(QColor(0, 0, 0, 120), 1));
    painter.drawEllipse(centre, 11, 11);
    // Two small arrowheads pointing along the direction the divider moves.
    painter.setPen(QPen(QColor(40, 40, 40), 1.5));
    const QPointF along = vertical ? QPointF(1, 0) : QPointF(0, 1);
    const QPointF across = vertical ? QPointF(0, 1) : QPointF(1, 0);
    for (const double sign : {-1.0, 1.0}) {
        const QPointF tip = centre + along * (5 * sign);
        const QPointF back = centre + along * (2 * sign);
        painter.drawLine(tip, back - across * 3);
        painter.drawLine(tip, back + across * 3);
    }
    if (vertical) {
        drawLabel(painter, tr("Before"), QPointF(centre.x() - 10, 10), true);
        drawLabel(painter, tr("After"), QPointF(centre.x() + 10, 10), false);
    } else {
        const QFontMetricsF metrics(painter.font());
        const double labelHeight = metrics.height() + 8;
        drawLabel(painter, tr("Before"), QPointF(10, centre.y() - 10 - labelHeight), false);
        drawLabel(painter, tr("After"), QPointF(10, centre.y() + 10), false);
    }
}

void ImageViewer::resizeEvent(QResizeEvent*)
{
    if (m_fit) {
        m_zoom = fitZoom();
    }
    clampOffset();
    Q_EMIT viewChanged();
}

void ImageViewer::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0 && hasPhoto()) {
        setZoom(m_zoom * std::pow(kZoomStep, steps), event->position());
    }
    event->accept();
}

void ImageViewer::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::RightButton && m_drag == Drag::None && hasRestored()) {
        m_drag = Drag::Flash;
        setShowOriginal(true);
        return;
    }
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_lastMouse = event->position();
    if (nearDivider(event->position())) {
        m_drag = Drag::Divider;
    } else {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
    }
}

void ImageViewer::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF p = event->position();
    if (m_drag == Drag::Divider) {
        setSplitPosition(m_direction == SplitDirection::LeftRight ? p.x() / std::max(1, width())
                                                                  : p.y() / std::max(1, height()));
    } else if (m_drag == Drag::Pan) {
        m_offset += p - m_lastMouse;
        clampOffset();
        viewMoved();
    } else {
        setCursor(nearDivider(p) ? dividerCursor() : Qt::ArrowCursor);
    }
    m_lastMouse = p;
}

void ImageViewer::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::Flash) {
        if (event->button() == Qt::RightButton) {
            m_drag = Drag::None;
            setShowOriginal(false);
        }
        return;
    }
    m_drag = Drag::None;
    setCursor(nearDivider(event->position()) ? dividerCursor() : Qt::ArrowCursor);
}

void ImageViewer::mouseDoubleClickEvent(QMouseEvent* event)
{
    // Toggles between fit and 100 % around the click, as photo viewers do.
    if (m_fit) {
        setZoom(1.0, event->position());
    } else {
        fitToWindow();
    }
}

void ImageViewer::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        setShowOriginal(true);
        return;
    }
    if (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right) {
        Q_EMIT stepRequested(event->key() == Qt::Key_Left ? -1 : 1);
        return;
    }
    QWidget::keyPressEvent(event);
}

void ImageViewer::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        setShowOriginal(false);
        return;
    }
    QWidget::keyReleaseEvent(event);
}

bool ImageViewer::event(QEvent* event)
{
    if (event->type() == QEvent::NativeGesture) {
        auto* gesture = static_cast<QNativeGestureEvent*>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            setZoom(m_zoom * (1.0 + gesture->value()), gesture->position());
            return true;
        }
    }
    return QWidget::event(event);
}

} // namespace unblur::ui
