#include "JpegEncoder.h"

#include "ImageError.h"
#include "MatConversion.h"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <jpeglib.h>
#include <opencv2/imgproc.hpp>

namespace unblur::io {

namespace {

/** libjpeg's error manager, returning through longjmp instead of exiting. */
struct Compression
{
    jpeg_error_mgr errors;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX] = {};
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
};

extern "C" void onJpegError(j_common_ptr info)
{
    auto* state = reinterpret_cast<Compression*>(info->err);
    (*info->err->format_message)(info, state->message);
    std::longjmp(state->jump, 1);
}

extern "C" void onJpegMessage(j_common_ptr) {}

/** Compresses 8-bit rows; false with `state.message` set on failure. No C++ objects here. */
bool compress(Compression& state, const cv::Mat& mat, int quality, ChromaSubsampling chroma)
{
    jpeg_compress_struct info;
    info.err = jpeg_std_error(&state.errors);
    state.errors.error_exit = onJpegError;
    state.errors.output_message = onJpegMessage;
    if (setjmp(state.jump) != 0) {
        jpeg_destroy_compress(&info);
        return false;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, &state.buffer, &state.size);
    info.image_width = JDIMENSION(mat.cols);
    info.image_height = JDIMENSION(mat.rows);
    info.input_components = mat.channels();
    info.in_color_space = mat.channels() == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    info.optimize_coding = TRUE;
    if (mat.channels() == 3) {
        if (chroma == ChromaSubsampling::Auto) {
            chroma = quality >= 90 ? ChromaSubsampling::S444 : ChromaSubsampling::S420;
        }
        info.comp_info[0].h_samp_factor = chroma == ChromaSubsampling::S444 ? 1 : 2;
        info.comp_info[0].v_samp_factor = chroma == ChromaSubsampling::S420 ? 2 : 1;
        for (int i = 1; i < 3; ++i) {
            info.comp_info[i].h_samp_factor = 1;
            info.comp_info[i].v_samp_factor = 1;
        }
    }
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = const_cast<JSAMPROW>(mat.ptr<unsigned char>(int(info.next_scanline)));
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    return true;
}

} // namespace

QByteArray JpegEncoder::encode(const FloatImage& image, int quality, ChromaSubsampling chroma,
                               const std::string& path)
{
    const cv::Mat mat = floatImageToMat(image, CV_8U, /*bgr=*/false, /*keepAlpha=*/false);
    Compression state;
    const bool ok = compress(state, mat, std::clamp(quality, 1, 100), chroma);
    QByteArray result;
    if (ok) {
        result = QByteArray(reinterpret_cast<const char*>(state.buffer), qsizetype(state.size));
    }
    std::free(state.buffer);
    if (!ok) {
        throw ImageError("cannot write " + path + ": JPEG encoding failed (" + state.message + ")");
    }
    return result;
}

QByteArray JpegEncoder::thumbnail(const FloatImage& image, int maxSide, const std::string& path)
{
    const double scale =
        std::min(1.0, double(maxSide) / double(std::max(image.width, image.height)));
    FloatImage small;
    small.width = std::max(1, int(image.width * scale + 0.5));
    small.height = std::max(1, int(image.height * scale + 0.5));
    small.channels = image.channels;
    small.pixels.resize(small.sampleCount());
    const int type = CV_MAKETYPE(CV_32F, image.channels);
    const cv::Mat from(image.height, image.width, type, const_cast<float*>(image.pixels.data()));
    cv::Mat to(small.height, small.width, type, small.pixels.data());
    cv::resize(from, to, to.size(), 0, 0, cv::INTER_AREA);
    return encode(small, 85, ChromaSubsampling::S420, path);
}

} // namespace unblur::io
