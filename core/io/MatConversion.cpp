#include "MatConversion.h"

#include "ImageError.h"

#include <opencv2/imgproc.hpp>

namespace unblur::io {

namespace {

/** Integer samples divided by `max` (a true division, as `bytes / 255` in the reference). */
template <typename T> void divideInto(const cv::Mat& mat, float max, float* out)
{
    const int rowSamples = mat.cols * mat.channels();
    for (int y = 0; y < mat.rows; ++y) {
        const T* row = mat.ptr<T>(y);
        for (int i = 0; i < rowSamples; ++i) {
            *out++ = float(row[i]) / max;
        }
    }
}

} // namespace

FloatImage matToFloatImage(cv::Mat mat, const std::string& path)
{
    FloatImage image;
    image.width = mat.cols;
    image.height = mat.rows;
    const int depth = mat.depth();
    if (depth != CV_8U && depth != CV_16U && depth != CV_32F && depth != CV_64F) {
        throw ImageError(path + ": unsupported sample type (8/16-bit unsigned or float only)");
    }
    // Floating-point TIFF is taken as [0,1] and written back as 16-bit.
    image.bitDepth = depth == CV_8U ? 8 : 16;
    switch (mat.channels()) {
    case 1:
        break;
    case 2: { // grey + alpha: RGBA with equal colour channels
        std::vector<cv::Mat> planes;
        cv::split(mat, planes);
        cv::merge(std::vector<cv::Mat>{planes[0], planes[0], planes[0], planes[1]}, mat);
        break;
    }
    case 3:
        cv::cvtColor(mat, mat, cv::COLOR_BGR2RGB);
        break;
    case 4:
        cv::cvtColor(mat, mat, cv::COLOR_BGRA2RGBA);
        break;
    default:
        throw ImageError(path + ": unsupported channel count " + std::to_string(mat.channels()));
    }
    image.channels = mat.channels();
    image.pixels.resize(image.sampleCount());
    if (mat.depth() == CV_8U) {
        divideInto<uchar>(mat, 255.0f, image.pixels.data());
    } else if (mat.depth() == CV_16U) {
        divideInto<ushort>(mat, 65535.0f, image.pixels.data());
    } else {
        cv::Mat out(mat.rows, mat.cols, CV_MAKETYPE(CV_32F, image.channels), image.pixels.data());
        mat.convertTo(out, out.type());
    }
    return image;
}

cv::Mat floatImageToMat(const FloatImage& image, int depth, bool bgr, bool keepAlpha)
{
    // convertTo saturates and rounds to nearest, which is the clamp-and-round wanted here.
    const cv::Mat floats(image.height, image.width, CV_MAKETYPE(CV_32F, image.channels),
                         const_cast<float*>(image.pixels.data()));
    cv::Mat mat;
    floats.convertTo(mat, depth, depth == CV_16U ? 65535.0 : 255.0);
    if (image.channels == 4 && !keepAlpha) {
        cv::cvtColor(mat, mat, bgr ? cv::COLOR_RGBA2BGR : cv::COLOR_RGBA2RGB);
    } else if (bgr && image.channels == 3) {
        cv::cvtColor(mat, mat, cv::COLOR_RGB2BGR);
    } else if (bgr && image.channels == 4) {
        cv::cvtColor(mat, mat, cv::COLOR_RGBA2BGRA);
    }
    return mat;
}

} // namespace unblur::io
