#include "DeblurJob.h"

#include "DisplayImage.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace unblur::ui {

namespace {

/** Context kept around a preview region so its edges are restored as in the whole photo. */
constexpr int kPreviewContext = 32;

/** `source` cut to `rect` (all channels). */
io::FloatImage cropped(const io::FloatImage& source, const QRect& rect)
{
    io::FloatImage out;
    out.width = rect.width();
    out.height = rect.height();
    out.channels = source.channels;
    out.bitDepth = source.bitDepth;
    out.pixels.resize(out.sampleCount());
    const size_t row = size_t(rect.width()) * size_t(source.channels);
    for (int y = 0; y < rect.height(); ++y) {
        const size_t from = (size_t(rect.y() + y) * size_t(source.width) + size_t(rect.x())) *
                            size_t(source.channels);
        std::memcpy(&out.pixels[size_t(y) * row], &source.pixels[from], row * sizeof(float));
    }
    return out;
}

/** The kernel as a grey picture, its largest value white. */
QImage kernelImage(const refine::RefineReport& refinement)
{
    QImage image(refinement.kernelWidth, refinement.kernelHeight, QImage::Format_Grayscale8);
    const float peak = *std::max_element(refinement.kernel.begin(), refinement.kernel.end());
    for (int y = 0; y < image.height(); ++y) {
        uchar* row = image.scanLine(y);
        for (int x = 0; x < image.width(); ++x) {
            const float value = refinement.kernel[size_t(y) * size_t(image.width()) + size_t(x)];
            row[x] = uchar(std::lround(255.0f * std::clamp(value / peak, 0.0f, 1.0f)));
        }
    }
    return image;
}

} // namespace

restore::RestoreStatus runDeblur(restore::Restorer& restorer, const DeblurRequest& request,
                                 const std::function<void(const DeblurProgress&)>& onProgress,
                                 const restore::CancelToken* cancel, DeblurOutcome& outcome,
                                 QString& reason)
{
    const io::FloatImage& whole = request.photo->image;
    const QRect bounds(0, 0, whole.width, whole.height);
    const QRect region = request.region.intersected(bounds);
    // A preview runs on the region plus some context, then keeps the region only.
    const QRect context =
        region.isNull()
            ? bounds
            : region.adjusted(-kPreviewContext, -kPreviewContext, kPreviewContext, kPreviewContext)
                  .intersected(bounds);
    const io::FloatImage part = region.isNull() ? io::FloatImage() : cropped(whole, context);
    const io::FloatImage& source = region.isNull() ? whole : part;

    const auto observer = [&onProgress](const restore::RestoreProgress& p) {
        DeblurProgress progress;
        progress.tilesDone = p.tilesDone;
        progress.tilesTotal = p.tilesTotal;
        progress.tileSize = p.tileSize;
        progress.elapsedSeconds = p.elapsedSeconds;
        progress.etaSeconds = p.etaSeconds;
        progress.stage = QString::fromStdString(p.stage);
        onProgress(progress);
    };
    restore::RestoreResult result = restorer.restore(source, request.options, observer, cancel);
    if (result.status == restore::RestoreStatus::Failed) {
        reason = QString::fromStdString(result.message);
    }
    if (result.status != restore::RestoreStatus::Done) {
        return result.status;
    }
    auto restored = std::make_shared<io::FloatImage>(std::move(result.image));
    if (!region.isNull()) {
        *restored = cropped(*restored, region.translated(-context.topLeft()));
    }
    outcome.photo = request.photo;
    outcome.region = region;
    outcome.display = toDisplayImage(*restored, request.photo->metadata.iccProfile());
    if (region.isNull()) {
        outcome.displayLevels = ImagePyramid(outcome.display);
    }
    outcome.restored = std::move(restored);
    outcome.tileSize = result.tileSize;
    outcome.tiles = result.tiles;
    outcome.device = QString::fromStdString(result.device);
    outcome.precision = QString::fromStdString(engine::precisionName(result.precision));
    outcome.precisionNote = QString::fromStdString(result.precisionNote);
    outcome.seconds = result.seconds;
    outcome.seed = request.options.engine.seed;
    for (const std::string& note : result.notes) {
        outcome.notes << QString::fromStdString(note);
    }
    const refine::RefineReport& refinement = result.refinement;
    outcome.refineAsked = request.options.refine != refine::RefineMode::Off;
    outcome.refined = refinement.applied;
    outcome.kernelSize = refinement.kernelSize;
    outcome.refineStrengthPercent = static_cast<int>(std::lround(100 * refinement.strength));
    outcome.refineSummary = QString::fromStdString(refinement.summary);
    if (refinement.applied && !refinement.kernel.empty()) {
        outcome.kernel = kernelImage(refinement);
    }
    return restore::RestoreStatus::Done;
}

} // namespace unblur::ui
