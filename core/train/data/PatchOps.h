#pragma once

#include <filesystem>
#include <functional>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace unblur::train {

/** Image helpers shared by the pair sources. Colour images are BGR, as OpenCV keeps them. */

/** True for the photo extensions the sources read (jpg jpeg png tif tiff webp bmp). */
bool hasPhotoExtension(const std::filesystem::path& path);

/** Photo files in `folder`, recursively when asked, sorted by path. */
std::vector<std::filesystem::path> listPhotos(const std::filesystem::path& folder, bool recursive);

/**
 * Decodes a photo as 3-channel BGR, 8 or 16 bits (grey is repeated into 3 channels, float
 * data becomes 16-bit), EXIF orientation applied, shrunk with INTER_AREA so its long side is
 * at most `maxLongSide` (<= 0: never). Empty on failure, with the reason in `error`.
 */
cv::Mat loadPhoto(const std::filesystem::path& path, int maxLongSide, std::string& error);

/** An 8- or 16-bit image as CV_32FC3 in [0,1]. */
cv::Mat toUnitFloat(const cv::Mat& image);

/** One of the 8 flips/quarter turns of the square's symmetry group (d in 0..7). */
cv::Mat dihedral(const cv::Mat& image, int d);

/** Luma (Rec. 709 weights on the encoded values) repeated into 3 equal channels. */
cv::Mat toGrey3(const cv::Mat& bgrFloat);

/** A CV_32FC3 BGR image as planar RGB floats (CHW), the layout of PatchPair. */
std::vector<float> toPlanarRgb(const cv::Mat& bgrFloat);

/** Runs work(i) for i in [0, n) on up to `threads` threads (<= 0: the hardware's count). */
void parallelFor(size_t n, int threads, const std::function<void(size_t)>& work);

} // namespace unblur::train
