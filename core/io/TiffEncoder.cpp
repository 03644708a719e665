#include "TiffEncoder.h"

#include "MatConversion.h"

#include <algorithm>
#include <vector>

namespace unblur::io {

namespace {

constexpr uint16_t kShort = 3;
constexpr uint16_t kLong = 4;
constexpr uint16_t kRational = 5;

/** Appends integers in the file's byte order. */
class ByteWriter
{
public:
    explicit ByteWriter(bool bigEndian) : m_big(bigEndian) {}

    void put(QByteArray& out, uint32_t value, int bytes) const
    {
        for (int i = 0; i < bytes; ++i) {
            const int shift = 8 * (m_big ? bytes - 1 - i : i);
            out.append(char((value >> shift) & 0xFF));
        }
    }

private:
    bool m_big;
};

using Entry = TiffField;

/** One strip's rows, differenced (predictor 2) when compressing, in file byte order. */
QByteArray stripBytes(const cv::Mat& mat, int firstRow, int rows, bool difference, bool bigEndian)
{
    const int samples = mat.cols * mat.channels();
    const int step = mat.channels();
    const bool wide = mat.depth() == CV_16U;
    const int width = wide ? 2 : 1;
    QByteArray out(qsizetype(rows) * samples * width, Qt::Uninitialized);
    auto* to = reinterpret_cast<uint8_t*>(out.data());
    std::vector<uint32_t> row(size_t(samples), 0);
    const uint32_t mask = wide ? 0xFFFF : 0xFF;
    for (int y = firstRow; y < firstRow + rows; ++y) {
        for (int i = 0; i < samples; ++i) {
            row[size_t(i)] = wide ? mat.ptr<uint16_t>(y)[i] : mat.ptr<uint8_t>(y)[i];
        }
        if (difference) {
            for (int i = samples - 1; i >= step; --i) {
                row[size_t(i)] = (row[size_t(i)] - row[size_t(i - step)]) & mask;
            }
        }
        for (int i = 0; i < samples; ++i) {
            const uint32_t v = row[size_t(i)];
            if (!wide) {
                *to++ = uint8_t(v);
            } else if (bigEndian) {
                *to++ = uint8_t(v >> 8);
                *to++ = uint8_t(v);
            } else {
                *to++ = uint8_t(v);
                *to++ = uint8_t(v >> 8);
            }
        }
    }
    return out;
}

Entry shorts(uint16_t tag, const std::vector<uint32_t>& values, const ByteWriter& w)
{
    Entry e{tag, kShort, uint32_t(values.size()), {}};
    for (uint32_t v : values) {
        w.put(e.value, v, 2);
    }
    return e;
}

Entry longs(uint16_t tag, const std::vector<uint32_t>& values, const ByteWriter& w)
{
    Entry e{tag, kLong, uint32_t(values.size()), {}};
    for (uint32_t v : values) {
        w.put(e.value, v, 4);
    }
    return e;
}

Entry rational(uint16_t tag, const uint32_t value[2], const ByteWriter& w)
{
    Entry e{tag, kRational, 1, {}};
    w.put(e.value, value[0], 4);
    w.put(e.value, value[1], 4);
    return e;
}

} // namespace

QByteArray TiffEncoder::encode(const FloatImage& image, int bitDepth, const TiffLayout& layout)
{
    const ByteWriter w(layout.bigEndian);
    const cv::Mat mat = floatImageToMat(image, bitDepth == 16 ? CV_16U : CV_8U, false, true);
    const int channels = image.channels;
    const bool deflate = layout.compression == TiffCompression::Deflate;
    const int rowBytes = image.width * channels * (bitDepth / 8);
    const int rowsPerStrip = std::clamp((1 << 18) / std::max(rowBytes, 1), 1, image.height);

    QByteArray out(layout.bigEndian ? "MM" : "II", 2);
    w.put(out, 42, 2);
    w.put(out, 0, 4); // IFD offset, patched below
    std::vector<uint32_t> offsets;
    std::vector<uint32_t> counts;
    for (int y = 0; y < image.height; y += rowsPerStrip) {
        const int rows = std::min(rowsPerStrip, image.height - y);
        QByteArray strip = stripBytes(mat, y, rows, deflate, layout.bigEndian);
        if (deflate) {
            strip = qCompress(strip, 6).mid(4); // drop Qt's length prefix: a zlib stream
        }
        offsets.push_back(uint32_t(out.size()));
        counts.push_back(uint32_t(strip.size()));
        out.append(strip);
        if (out.size() % 2 != 0) {
            out.append('\0');
        }
    }

    std::vector<Entry> entries;
    entries.push_back(longs(254, {0}, w)); // NewSubfileType: the full image
    entries.push_back(longs(256, {uint32_t(image.width)}, w));
    entries.push_back(longs(257, {uint32_t(image.height)}, w));
    entries.push_back(shorts(258, std::vector<uint32_t>(size_t(channels), uint32_t(bitDepth)), w));
    entries.push_back(shorts(259, {deflate ? 8u : 1u}, w));
    entries.push_back(shorts(262, {channels == 1 ? 1u : 2u}, w)); // BlackIsZero or RGB
    entries.push_back(longs(273, offsets, w));
    entries.push_back(shorts(277, {uint32_t(channels)}, w));
    entries.push_back(longs(278, {uint32_t(rowsPerStrip)}, w));
    entries.push_back(longs(279, counts, w));
    if (layout.xResolution[1] != 0 && layout.yResolution[1] != 0) {
        entries.push_back(rational(282, layout.xResolution, w));
        entries.push_back(rational(283, layout.yResolution, w));
    }
    entries.push_back(shorts(284, {1}, w)); // chunky
    if (layout.resolutionUnit != 0) {
        entries.push_back(shorts(296, {layout.resolutionUnit}, w));
    }
    if (deflate) {
        entries.push_back(shorts(317, {2}, w)); // horizontal differencing
    }
    if (channels == 4) {
        entries.push_back(shorts(338, {layout.extraSamples}, w));
    }
    entries.push_back(shorts(339, std::vector<uint32_t>(size_t(channels), 1u), w));
    for (const TiffField& field : layout.extraFields) {
        const bool taken = std::any_of(entries.begin(), entries.end(),
                                       [&](const Entry& e) { return e.tag == field.tag; });
        if (!taken) {
            entries.push_back(field);
        }
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.tag < b.tag; });

    const uint32_t ifd = uint32_t(out.size());
    QByteArray patched;
    w.put(patched, ifd, 4);
    out.replace(4, 4, patched);
    uint32_t overflow = ifd + 2 + uint32_t(entries.size()) * 12 + 4;
    QByteArray extra;
    w.put(out, uint32_t(entries.size()), 2);
    for (const Entry& e : entries) {
        w.put(out, e.tag, 2);
        w.put(out, e.type, 2);
        w.put(out, e.count, 4);
        if (e.value.size() <= 4) {
            out.append(e.value.leftJustified(4, '\0'));
            continue;
        }
        w.put(out, overflow + uint32_t(extra.size()), 4);
        extra.append(e.value);
        if (extra.size() % 2 != 0) {
            extra.append('\0');
        }
    }
    w.put(out, 0, 4); // no next IFD
    out.append(extra);
    return out;
}

} // namespace unblur::io
