#pragma once

#include "ImagePyramid.h"

#include <QList>
#include <QPointF>
#include <QRect>
#include <QWidget>

namespace unblur::ui {

/**
 * Shows a photo and, once there is one, its restored version: alone, or split by a
 * draggable divider (Before left and After right, or Before above and After below) over the
 * same region, or side by side in two panes that zoom and pan together. Holding Space or the
 * right mouse button flashes the original. Fit-to-window or a
 * zoom factor (1.0 = one image pixel per device pixel, so 100 % is crisp on high-DPI
 * screens); wheel and pinch zoom around the cursor; dragging pans.
 */
class ImageViewer : public QWidget
{
    Q_OBJECT
public:
    enum class Mode
    {
        After,      ///< the restored photo (or the original while there is none)
        Split,      ///< before | after, divided at splitPosition()
        SideBySide, ///< before and after in two panes, zoomed and panned together
    };

    explicit ImageViewer(QWidget* parent = nullptr);

    /** A new photo: clears the restored image and fits it to the window. */
    void setPhoto(const QImage& original);
    void setPhoto(const ImagePyramid& original);
    /** The restored image (same size as the photo); a null image removes it. */
    void setRestored(const QImage& restored);
    void setRestored(const ImagePyramid& restored);
    void clear();

    bool hasPhoto() const { return !m_before.isNull(); }
    bool hasRestored() const { return !m_after.isNull(); }
    QImage restoredImage() const { return m_after.isNull() ? QImage() : m_after.base(); }
    QImage originalImage() const { return m_before.isNull() ? QImage() : m_before.base(); }

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    /** Where Before and After lie either side of the divider. */
    enum class SplitDirection
    {
        LeftRight, ///< a vertical divider: Before left, After right
        TopBottom, ///< a horizontal divider: Before above, After below
    };
    SplitDirection splitDirection() const { return m_direction; }
    void setSplitDirection(SplitDirection direction);

    /** The divider's place as a fraction of the widget's width (or height), 0..1. */
    double splitPosition() const { return m_split; }
    void setSplitPosition(double fraction);
    /** While true the original is shown whole (the "flash the original" key). */
    void setShowOriginal(bool show);
    bool showsOriginal() const { return m_showOriginal; }

    double zoom() const { return m_zoom; }
    bool isFitToWindow() const { return m_fit; }
    void fitToWindow();
    /** Sets the zoom keeping the image point under `anchor` (widget coordinates) in place. */
    void setZoom(double zoom, const QPointF& anchor);
    void setZoom(double zoom);
    void zoomIn();
    void zoomOut();

    /** Where image pixel `p` lands in widget coordinates (the left pane), and back. */
    QPointF imageToWidget(const QPointF& p) const;
    QPointF widgetToImage(const QPointF& p) const;
    /** The divider's x (LeftRight) or y (TopBottom) in widget coordinates. */
    double dividerX() const { return m_split * width(); }
    double dividerY() const { return m_split * height(); }

    /** The part of the photo on screen, in image pixels (of the left pane side by side). */
    QRect visibleImageRect() const;
    /** Restored parts of the photo (a quick preview), outlined on the After side. */
    void setPreviewRegions(const QList<QRect>& regions);
    QList<QRect> previewRegions() const { return m_previewRegions; }
    /**
     * A picture laid over the photo, stretched to its size (the blur map), in every compare
     * mode and on both sides; a null image removes it. A new photo removes it too.
     */
    void setOverlay(const QImage& overlay);
    bool hasOverlay() const { return !m_overlay.isNull(); }

Q_SIGNALS:
    void zoomChanged(double zoom, bool fit);
    void splitPositionChanged(double fraction);
    void showOriginalChanged(bool shown);
    /** Left/Right arrow on the viewer: the previous (-1) or next (+1) photo. */
    void stepRequested(int delta);
    /** The visible part of the photo changed (pan, zoom, resize). */
    void viewChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    double fitZoom() const;
    /** Logical pixels per image pixel. */
    double scale() const;
    void clampOffset();
    bool nearDivider(const QPointF& p) const;
    Qt::CursorShape dividerCursor() const;
    /** Where the After image is drawn (all of it outside split view). */
    QRectF afterClip() const;
    void drawDivider(QPainter& painter) const;
    void drawPreviewRegions(QPainter& painter, const QRectF& clip, double shift) const;
    void drawOverlay(QPainter& painter, const QRectF& clip, double shift) const;
    void viewMoved();
    bool splitActive() const;
    bool sideBySideActive() const;
    /** The area one image is laid out in: the widget, or one pane of it. */
    QSizeF viewportSize() const;
    /** `p` in the coordinates of the pane it falls in. */
    QPointF toViewport(const QPointF& p) const;
    void drawImage(QPainter& painter, const ImagePyramid& image, const QRectF& clip,
                   double shift = 0) const;
    void drawLabel(QPainter& painter, const QString& text, const QPointF& anchor,
                   bool alignRight) const;

    ImagePyramid m_before;
    ImagePyramid m_after;
    Mode m_mode = Mode::Split;
    SplitDirection m_direction = SplitDirection::LeftRight;
    double m_split = 0.5;
    QList<QRect> m_previewRegions;
    QImage m_overlay;
    bool m_showOriginal = false;
    double m_zoom = 1.0;
    bool m_fit = true;
    QPointF m_offset; ///< the image's top-left corner in widget coordinates
    enum class Drag
    {
        None,
        Pan,
        Divider,
        Flash ///< right button held: the original is shown
    } m_drag = Drag::None;
    QPointF m_lastMouse;
};

} // namespace unblur::ui
