#pragma once

#include "EncodeOptions.h"
#include "FloatImage.h"

#include <QByteArray>
#include <cstdint>
#include <vector>

namespace unblur::io {

/** A TIFF field copied as it is: its value already in the file's byte order. */
struct TiffField
{
    uint16_t tag = 0;
    uint16_t type = 0;
    uint32_t count = 0;
    QByteArray value;
};

/** Baseline TIFF fields that come from the source rather than from the pixels. */
struct TiffLayout
{
    bool bigEndian = false; ///< "MM", as the source was, so maker notes keep their byte order
    uint32_t xResolution[2] = {0, 0}; ///< numerator, denominator; 0/0: not written
    uint32_t yResolution[2] = {0, 0};
    uint16_t resolutionUnit = 0; ///< 0: not written
    uint16_t extraSamples = 2;   ///< meaning of the alpha: 2 unassociated, 1 premultiplied
    TiffCompression compression = TiffCompression::Deflate;
    /** Colour-description fields of the source (WhitePoint, YCbCrPositioning ...) that
     *  Exiv2 treats as part of the image data and so only the encoder can carry. */
    std::vector<TiffField> extraFields;
};

/**
 * A single-image TIFF: 8 or 16 bits per sample, grey, RGB or RGBA (with ExtraSamples, which
 * OpenCV 4.6 leaves out), in strips, uncompressed or deflate with horizontal differencing.
 * Written here because OpenCV 4.6 leaves out ExtraSamples and the resolution, and Exiv2
 * takes such image-structure fields from the file it writes into, not from the metadata.
 */
class TiffEncoder
{
public:
    static QByteArray encode(const FloatImage& image, int bitDepth, const TiffLayout& layout);
};

} // namespace unblur::io
