// libFuzzer target for the photo decoders: content sniffing, header probing, the whole
// decode path (OpenCV codecs, LibRaw, orientation) and Exiv2 metadata, all on in-memory
// bytes. ImageError and other std::exceptions are expected outcomes; a crash, a sanitizer
// report, an uncaught exception, a timeout or running out of memory is a finding.
#include "io/HeaderProbe.h"
#include "io/ImageError.h"
#include "io/ImageFormat.h"
#include "io/Orientation.h"
#include "io/PhotoMetadata.h"
#include "io/PhotoReader.h"
#include "io/RawDecoder.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <opencv2/core/utility.hpp>
#include <string>
#include <vector>

using namespace unblur::io;

namespace {

ReadOptions fuzzOptions()
{
    ReadOptions options;
    options.maxPixels = 4'000'000; // small, so that bombs are refused rather than OOM
    return options;
}

/** Reports a broken promise of the photo layer and stops, so libFuzzer saves the input. */
[[noreturn]] void finding(const char* what, const HeaderInfo& header, const Photo& photo)
{
    std::fprintf(stderr, "FINDING: %s (%s; header %lldx%lld, decoded %dx%d)\n", what,
                 formatName(photo.format), static_cast<long long>(header.width),
                 static_cast<long long>(header.height), photo.image.width, photo.image.height);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    cv::setNumThreads(0); // decode on the fuzzing thread: reproducible, one stack
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const ReadOptions options = fuzzOptions();
    const char* bytes = reinterpret_cast<const char*>(data);

    const ImageFormat format = sniffFormat(bytes, size);
    const HeaderInfo header = probeHeader(bytes, size, format);
    if (format == ImageFormat::Tiff || format == ImageFormat::Raw) {
        RawDecoder::recognises(bytes, size);
    }

    try {
        const Photo photo = readPhotoFromMemory(bytes, size, "fuzz-input", options);
        if (int64_t(photo.image.width) * photo.image.height > options.maxPixels) {
            finding("decoded past the pixel limit", header, photo);
        }
        // Bombs are refused from the header, so the header must describe what the decoder
        // decoded (RAW excepted: LibRaw measures those itself).
        if (photo.format != ImageFormat::Raw) {
            const bool turned = orientationSwapsAxes(photo.metadata.orientation());
            const int64_t width = turned ? photo.image.height : photo.image.width;
            const int64_t height = turned ? photo.image.width : photo.image.height;
            if (header.width != width || header.height != height) {
                finding("the header probe disagrees with the decoder", header, photo);
            }
        }
    } catch (const ImageError&) {
    } catch (const std::exception&) {
    }

    // Metadata on its own too: readPhoto reaches it only once the pixels decode.
    if (format != ImageFormat::Unknown) {
        try {
            std::vector<std::string> notes;
            const PhotoMetadata metadata =
                PhotoMetadata::read(bytes, size, format, "fuzz-input", notes);
            metadata.orientation();
            metadata.keys();
        } catch (const ImageError&) {
        } catch (const std::exception&) {
        }
    }
    return 0;
}
