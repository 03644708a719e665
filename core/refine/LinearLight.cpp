#include "refine/LinearLight.h"

#include <algorithm>
#include <cmath>

namespace unblur::refine {

namespace {

using Decode = float (*)(float);

float keepEncoded(float v)
{
    return v;
}

} // namespace

float srgbToLinear(float v)
{
    return v <= 0.04045f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
}

float linearToSrgb(float v)
{
    v = std::clamp(v, 0.0f, 1.0f);
    return v <= 0.0031308f ? 12.92f * v : 1.055f * std::pow(v, 1.0f / 2.4f) - 0.055f;
}

int colourChannels(const io::FloatImage& image)
{
    return image.channels >= 3 ? 3 : 1;
}

cv::Mat linearChannel(const io::FloatImage& image, int channel, bool linearise)
{
    const Decode decode = linearise ? srgbToLinear : keepEncoded;
    cv::Mat plane(image.height, image.width, CV_32F);
    const float* in = image.pixels.data();
    const size_t stride = static_cast<size_t>(image.channels);
    for (int y = 0; y < image.height; ++y) {
        float* out = plane.ptr<float>(y);
        const float* row = in + static_cast<size_t>(y) * image.width * stride;
        for (int x = 0; x < image.width; ++x) {
            out[x] = decode(std::clamp(row[x * stride + channel], 0.0f, 1.0f));
        }
    }
    return plane;
}

cv::Mat linearLuminance(const io::FloatImage& image, bool linearise)
{
    if (colourChannels(image) == 1) {
        return linearChannel(image, 0, linearise);
    }
    const Decode decode = linearise ? srgbToLinear : keepEncoded;
    cv::Mat plane(image.height, image.width, CV_32F);
    const size_t stride = static_cast<size_t>(image.channels);
    for (int y = 0; y < image.height; ++y) {
        float* out = plane.ptr<float>(y);
        const float* row = image.pixels.data() + static_cast<size_t>(y) * image.width * stride;
        for (int x = 0; x < image.width; ++x) {
            const float* p = row + x * stride;
            out[x] = 0.2126f * decode(std::clamp(p[0], 0.0f, 1.0f)) +
                     0.7152f * decode(std::clamp(p[1], 0.0f, 1.0f)) +
                     0.0722f * decode(std::clamp(p[2], 0.0f, 1.0f));
        }
    }
    return plane;
}

cv::Mat saturatedMask(const io::FloatImage& image, float level)
{
    cv::Mat mask(image.height, image.width, CV_8U);
    const int colours = colourChannels(image);
    const size_t stride = static_cast<size_t>(image.channels);
    for (int y = 0; y < image.height; ++y) {
        uchar* out = mask.ptr<uchar>(y);
        const float* row = image.pixels.data() + static_cast<size_t>(y) * image.width * stride;
        for (int x = 0; x < image.width; ++x) {
            const float* p = row + x * stride;
            bool saturated = false;
            for (int c = 0; c < colours; ++c) {
                saturated = saturated || p[c] >= level;
            }
            out[x] = saturated ? 255 : 0;
        }
    }
    return mask;
}

void storeLinearChannel(const cv::Mat& plane, io::FloatImage& image, int channel, bool linearise)
{
    const size_t stride = static_cast<size_t>(image.channels);
    for (int y = 0; y < image.height; ++y) {
        const float* in = plane.ptr<float>(y);
        float* row = image.pixels.data() + static_cast<size_t>(y) * image.width * stride;
        for (int x = 0; x < image.width; ++x) {
            row[x * stride + channel] =
                linearise ? linearToSrgb(in[x]) : std::clamp(in[x], 0.0f, 1.0f);
        }
    }
}

} // namespace unblur::refine
