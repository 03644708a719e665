#include "RawDecoder.h"

#include "ImageError.h"

#include <libraw/libraw.h>
#include <memory>
#include <new>

namespace unblur::io {

namespace {

/** Set by LibRaw when it meets a read past the end or damaged data while unpacking. */
extern "C" void onDataError(void* flag, const char*, const int)
{
    *static_cast<bool*>(flag) = true;
}

/** LibRaw is several hundred kilobytes: always on the heap. */
std::unique_ptr<LibRaw> openRaw(const char* data, size_t size, int& result)
{
    auto raw = std::make_unique<LibRaw>(LIBRAW_OPTIONS_NONE);
    result = raw->open_buffer(const_cast<char*>(data), size);
    return raw;
}

bool allZero(const unsigned short* samples, size_t count)
{
    if (samples == nullptr) {
        return true;
    }
    for (size_t i = 0; i < count; ++i) {
        if (samples[i] != 0) {
            return false;
        }
    }
    return true;
}

/** Whether unpack() left any non-zero sample in whichever buffer this camera uses. */
bool hasRawData(const LibRaw& raw)
{
    const libraw_rawdata_t& d = raw.imgdata.rawdata;
    const size_t pixels = size_t(d.sizes.raw_width) * size_t(d.sizes.raw_height);
    if (d.raw_image == nullptr && d.color3_image == nullptr && d.color4_image == nullptr) {
        return false;
    }
    return !allZero(d.raw_image, pixels) ||
           !allZero(d.color3_image ? &d.color3_image[0][0] : nullptr, pixels * 3) ||
           !allZero(d.color4_image ? &d.color4_image[0][0] : nullptr, pixels * 4);
}

std::string reason(int code)
{
    return libraw_strerror(code);
}

} // namespace

bool RawDecoder::recognises(const char* data, size_t size)
{
    try {
        int result = 0;
        const std::unique_ptr<LibRaw> raw = openRaw(data, size, result);
        return result == LIBRAW_SUCCESS;
    } catch (const std::bad_alloc&) {
        return false;
    }
}

FloatImage RawDecoder::decode(const char* data, size_t size, const std::string& path,
                              const ReadOptions& options)
{
    try {
        int result = 0;
        const std::unique_ptr<LibRaw> raw = openRaw(data, size, result);
        if (result == LIBRAW_FILE_UNSUPPORTED) {
            throw ImageError(path + ": not a camera RAW file LibRaw can read");
        }
        if (result != LIBRAW_SUCCESS) {
            throw ImageError(path + ": cannot read the camera RAW header (" + reason(result) + ")");
        }
        const libraw_image_sizes_t& sizes = raw->imgdata.sizes;
        const int64_t pixels = int64_t(sizes.width) * int64_t(sizes.height);
        if (pixels > options.maxPixels) {
            throw ImageError(path + ": image too large (" + std::to_string(pixels / 1'000'000) +
                             " megapixels; the limit is " +
                             std::to_string(options.maxPixels / 1'000'000) + ")");
        }
        bool damaged = false;
        raw->set_dataerror_handler(onDataError, &damaged);
        result = raw->unpack();
        if (result != LIBRAW_SUCCESS || damaged) {
            throw ImageError(
                path + ": the raw image data is truncated or damaged (" +
                (result != LIBRAW_SUCCESS ? reason(result) : std::string("read past its end")) +
                ")");
        }
        if (!hasRawData(*raw)) {
            throw ImageError(path + ": the file holds no raw image data (metadata only, or the "
                                    "data was cut off)");
        }

        libraw_output_params_t& params = raw->imgdata.params;
        params.use_camera_wb = 1;
        params.output_color = 1; // sRGB primaries
        params.output_bps = 16;
        params.gamm[0] = 1.0 / 2.4; // sRGB tone curve
        params.gamm[1] = 12.92;
        params.highlight = 0; // clip to white, never to magenta
        params.user_qual = 3; // AHD
        params.half_size = options.rawHalfSize ? 1 : 0;
        result = raw->dcraw_process();
        if (result != LIBRAW_SUCCESS) {
            throw ImageError(path + ": cannot develop the raw image (" + reason(result) + ")");
        }
        int error = 0;
        libraw_processed_image_t* processed = raw->dcraw_make_mem_image(&error);
        if (processed == nullptr) {
            throw ImageError(path + ": cannot develop the raw image (" + reason(error) + ")");
        }
        const std::unique_ptr<libraw_processed_image_t, void (*)(libraw_processed_image_t*)> owner(
            processed, LibRaw::dcraw_clear_mem);
        if (processed->type != LIBRAW_IMAGE_BITMAP || processed->bits != 16 ||
            (processed->colors != 3 && processed->colors != 1)) {
            throw ImageError(path + ": unexpected developed raw layout");
        }
        FloatImage image;
        image.width = processed->width;
        image.height = processed->height;
        image.channels = processed->colors;
        image.bitDepth = 16;
        image.pixels.resize(image.sampleCount());
        const auto* samples = reinterpret_cast<const unsigned short*>(processed->data);
        for (size_t i = 0; i < image.pixels.size(); ++i) {
            image.pixels[i] = float(samples[i]) / 65535.0f;
        }
        return image;
    } catch (const std::bad_alloc&) {
        throw ImageError(path + ": not enough memory to decode the raw image");
    }
}

} // namespace unblur::io
