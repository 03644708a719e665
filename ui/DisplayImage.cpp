#include "DisplayImage.h"

#include <QColorSpace>
#include <algorithm>
#include <cmath>

namespace unblur::ui {

namespace {

inline int toByte(float v)
{
    return int(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
}

} // namespace

QImage toDisplayImage(const io::FloatImage& image, const std::string& iccProfile)
{
    if (image.width <= 0 || image.height <= 0 || image.pixels.size() < image.sampleCount()) {
        return {};
    }
    const bool alpha = image.hasAlpha();
    QImage out(image.width, image.height, alpha ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    const int c = image.channels;
    for (int y = 0; y < image.height; ++y) {
        const float* in = image.pixels.data() + size_t(y) * size_t(image.width) * size_t(c);
        QRgb* line = reinterpret_cast<QRgb*>(out.scanLine(y));
        for (int x = 0; x < image.width; ++x, in += c) {
            if (c == 1) {
                const int g = toByte(in[0]);
                line[x] = qRgb(g, g, g);
            } else {
                line[x] =
                    qRgba(toByte(in[0]), toByte(in[1]), toByte(in[2]), alpha ? toByte(in[3]) : 255);
            }
        }
    }
    if (!iccProfile.empty()) {
        const QColorSpace space = QColorSpace::fromIccProfile(
            QByteArray(iccProfile.data(), qsizetype(iccProfile.size())));
        if (space.isValid() && space != QColorSpace(QColorSpace::SRgb)) {
            out.setColorSpace(space);
            out.convertToColorSpace(QColorSpace::SRgb);
        }
    }
    return alpha ? out.convertToFormat(QImage::Format_ARGB32_Premultiplied) : out;
}

QImage blendDisplay(const QImage& before, const QImage& after, double strength)
{
    if (strength >= 1.0 || before.isNull() || before.size() != after.size() ||
        before.format() != after.format() || before.depth() != 32) {
        return after;
    }
    if (strength <= 0.0) {
        return before;
    }
    QImage out(after.size(), after.format());
    const int w8 = int(std::lround(strength * 256.0));
    for (int y = 0; y < out.height(); ++y) {
        const uchar* a = before.constScanLine(y);
        const uchar* b = after.constScanLine(y);
        uchar* o = out.scanLine(y);
        for (int i = 0; i < out.width() * 4; ++i) {
            o[i] = uchar((a[i] * (256 - w8) + b[i] * w8 + 128) >> 8);
        }
    }
    out.setColorSpace(after.colorSpace());
    return out;
}

io::FloatImage blendPixels(const io::FloatImage& before, const io::FloatImage& after,
                           double strength)
{
    if (strength >= 1.0 || before.pixels.size() != after.pixels.size()) {
        return after;
    }
    io::FloatImage out = after;
    const float s = float(std::max(0.0, strength));
    const int c = after.channels;
    for (size_t i = 0; i < out.pixels.size(); ++i) {
        if (c == 4 && i % 4 == 3) {
            continue; // alpha is never blended
        }
        out.pixels[i] = before.pixels[i] + (after.pixels[i] - before.pixels[i]) * s;
    }
    return out;
}

} // namespace unblur::ui
