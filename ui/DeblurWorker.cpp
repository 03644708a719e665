#include "DeblurWorker.h"

#include "DisplayImage.h"
#include "batch/TensorImage.h"
#include "engine/Engine.h"
#include "model/CpuRuntime.h"
#include "model/ModelError.h"
#include "model/ModelFolder.h"

#include <c10/core/InferenceMode.h>
#include <cstring>
#include <torch/torch.h>

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

} // namespace

DeblurWorker::DeblurWorker(const std::atomic<bool>* cancel) : m_cancel(cancel) {}

DeblurWorker::~DeblurWorker() = default;

QString DeblurWorker::cudaStatus(QStringList* names)
{
    if (!at::hasCUDA()) {
        return tr("This build of LibTorch has no CUDA support.");
    }
    const int count = int(torch::cuda::device_count());
    if (count == 0) {
        return tr("No CUDA GPU was found.");
    }
    for (int i = 0; names != nullptr && i < count; ++i) {
        names->append(QString::fromStdString(
            engine::Engine::describeDevice(torch::Device(torch::kCUDA, int8_t(i)))));
    }
    return {};
}

void DeblurWorker::loadModel(const QString& folder)
{
    if (m_engine && folder == m_folder) {
        Q_EMIT modelLoaded(folder, m_name); // already loaded; the caller still hears of it
        return;
    }
    try {
        model::configureCpuThreads(0);
        model::LoadedModel loaded = model::loadModelFolder(folder.toStdString());
        const QString name = QString::fromStdString(loaded.info.displayName());
        m_engine = std::make_unique<engine::Engine>(std::move(loaded.model));
        m_folder = folder;
        m_name = name;
        Q_EMIT modelLoaded(folder, name);
    } catch (const std::exception& e) {
        Q_EMIT modelFailed(folder, QString::fromStdString(e.what()));
    }
}

void DeblurWorker::deblur(const DeblurRequest& request)
{
    if (!m_engine) {
        Q_EMIT failed(tr("No model is loaded."));
        return;
    }
    if (!request.photo) {
        Q_EMIT failed(tr("No photo to deblur."));
        return;
    }
    engine::EngineOptions options;
    options.device = request.device.toStdString();
    options.tileSize = request.tileSize;
    options.views = request.views;
    options.seed = request.seed;
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
    try {
        options.precision = engine::parsePrecision(request.precision.toStdString());
        engine::Engine::checkOptions(options);
        engine::EngineResult result;
        {
            c10::InferenceMode inference;
            const auto onProgress = [this](const engine::EngineProgress& p) {
                DeblurProgress progress;
                progress.tilesDone = p.tilesDone;
                progress.tilesTotal = p.tilesTotal;
                progress.tileSize = p.tileSize;
                progress.elapsedSeconds = p.elapsedSeconds;
                progress.etaSeconds = p.etaSeconds;
                progress.stage = QString::fromStdString(p.stage);
                Q_EMIT this->progress(progress);
            };
            result = m_engine->process(toTensor(source), options, onProgress, m_cancel);
        }
        if (result.status == engine::EngineStatus::Cancelled) {
            Q_EMIT cancelled();
            return;
        }
        auto restored = std::make_shared<io::FloatImage>(fromTensor(result.image, source));
        if (!region.isNull()) {
            *restored = cropped(*restored, region.translated(-context.topLeft()));
        }
        DeblurOutcome outcome;
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
        outcome.seconds = result.seconds;
        outcome.seed = request.seed;
        for (const std::string& note : result.notes) {
            outcome.notes << QString::fromStdString(note);
        }
        Q_EMIT finished(outcome);
    } catch (const c10::Error& e) {
        Q_EMIT failed(QString::fromStdString(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        Q_EMIT failed(QString::fromStdString(e.what()));
    }
}

} // namespace unblur::ui
