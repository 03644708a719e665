#include "PairEvaluator.h"

#include "blur/BlurAnalyzer.h"
#include "eval/ImageMetrics.h"
#include "io/ImageFile.h"

#include <QElapsedTimer>
#include <algorithm>
#include <stdexcept>

using unblur::eval::EvalPair;
using unblur::eval::ImagePair;

namespace {

/** An exception's message; each names its file. */
QString reason(const std::exception& error)
{
    return QString::fromStdString(error.what());
}

cv::Mat toMat(const unblur::io::FloatImage& image)
{
    cv::Mat mat(image.height, image.width, CV_32FC3);
    std::copy(image.pixels.begin(), image.pixels.end(), mat.ptr<float>());
    return mat;
}

/** What a restore ran in: the precision and the engine's word on it. */
struct UsedPrecision
{
    unblur::engine::Precision precision = unblur::engine::Precision::Float32;
    std::string note;
};

/**
 * Restores `blurry` (CV_32FC3, RGB) with the model; the result is CV_32FC3 clamped to [0,1]:
 * the network's output, and with a refinement asked for the refined one in `refined`; the
 * precision that ran in `used`. Throws std::runtime_error with the restore's message when it
 * fails.
 */
cv::Mat restoreWithModel(unblur::restore::Restorer& restorer, const cv::Mat& blurry,
                         unblur::restore::RestoreOptions options,
                         const unblur::restore::RestoreObserver& progress, cv::Mat* refined,
                         QString* refinement, UsedPrecision& used)
{
    const cv::Mat input = blurry.isContinuous() ? blurry : blurry.clone();
    unblur::io::FloatImage image;
    image.width = input.cols;
    image.height = input.rows;
    image.channels = 3;
    const float* samples = input.ptr<float>();
    image.pixels.assign(samples, samples + image.sampleCount());
    const bool refining = options.refine != unblur::refine::RefineMode::Off;
    options.keepNetworkOutput = refining;
    unblur::restore::RestoreResult result = restorer.restore(image, options, progress);
    if (!result.ok()) { // never cancelled: no token
        throw std::runtime_error(result.message);
    }
    used.precision = result.precision;
    used.note = result.precisionNote;
    if (refining && options.protectSharp) {
        // The Restorer protects the refined image; the network's own output the same way.
        unblur::blur::blendThroughWeight(image, result.networkImage, result.blur.restoreWeight);
    }
    if (!refining) {
        return toMat(result.image);
    }
    if (refined != nullptr) {
        *refined = toMat(result.image);
        *refinement = QString::fromStdString(result.refinement.summary);
    }
    return toMat(result.networkImage);
}

/** Scores `image` against `sharp`, aligned within ±maxShift px when maxShift > 0. */
unblur::eval::AlignedScore score(const cv::Mat& image, const cv::Mat& sharp, int maxShift)
{
    if (maxShift > 0) {
        return unblur::eval::alignedMetrics(image, sharp, maxShift);
    }
    unblur::eval::AlignedScore result;
    result.psnr = unblur::eval::psnr8(image, sharp);
    result.ssim = unblur::eval::ssim(image, sharp);
    return result;
}

} // namespace

PairEvaluator::PairEvaluator(EvalMethod method, unblur::restore::Restorer* restorer,
                             const unblur::restore::RestoreOptions& restoreOptions,
                             const unblur::eval::UnsharpParams& unsharp, int maxShift)
    : m_method(method), m_restorer(restorer), m_restoreOptions(restoreOptions), m_unsharp(unsharp),
      m_maxShift(maxShift)
{
    if (method == EvalMethod::Model && restorer == nullptr) {
        throw std::invalid_argument("PairEvaluator: the model method needs a restorer");
    }
    if (maxShift < 0) {
        throw std::invalid_argument("PairEvaluator: the largest shift must not be negative");
    }
}

QString PairEvaluator::methodName(EvalMethod method)
{
    switch (method) {
    case EvalMethod::Model:
        return QStringLiteral("model");
    case EvalMethod::Unsharp:
        return QStringLiteral("unsharp");
    case EvalMethod::Input:
        break;
    }
    return QStringLiteral("input");
}

cv::Mat PairEvaluator::readRgb(const std::string& path)
{
    const unblur::io::FloatImage image = unblur::io::readImage(path);
    cv::Mat rgb(image.height, image.width, CV_32FC3);
    const size_t count = size_t(image.width) * size_t(image.height);
    float* out = reinterpret_cast<float*>(rgb.data);
    const float* in = image.pixels.data();
    for (size_t i = 0; i < count; ++i, in += image.channels, out += 3) {
        // Grey: three equal channels; RGBA: the alpha is left out.
        out[0] = in[0];
        out[1] = image.channels >= 3 ? in[1] : in[0];
        out[2] = image.channels >= 3 ? in[2] : in[0];
    }
    return rgb;
}

ImagePair PairEvaluator::readPair(const EvalPair& pair)
{
    ImagePair images{readRgb(pair.blurry), readRgb(pair.sharp)};
    unblur::eval::requireSameSize(pair, images.blurry.cols, images.blurry.rows, images.sharp.cols,
                                  images.sharp.rows);
    return images;
}

cv::Mat PairEvaluator::restore(const cv::Mat& blurry,
                               const unblur::restore::RestoreObserver& progress, cv::Mat* refined,
                               QString* refinement)
{
    switch (m_method) {
    case EvalMethod::Model: {
        UsedPrecision used;
        const cv::Mat restored = restoreWithModel(*m_restorer, blurry, m_restoreOptions, progress,
                                                  refined, refinement, used);
        m_precisionKnown = true;
        m_precision = used.precision;
        m_precisionNote = used.note;
        return restored;
    }
    case EvalMethod::Unsharp:
        return unblur::eval::unsharpMask(blurry, m_unsharp);
    case EvalMethod::Input:
        break;
    }
    return blurry;
}

QString PairEvaluator::precisionText() const
{
    using unblur::engine::Precision;
    const Precision requested = m_restoreOptions.engine.precision;
    if (!m_precisionKnown) {
        return QString::fromStdString(unblur::engine::precisionName(requested));
    }
    if (requested != Precision::Auto) {
        // A note says more than the name: "bf16 (emulated: this CPU has no bf16 ...)".
        return QString::fromStdString(
            m_precisionNote.empty() ? unblur::engine::precisionName(requested) : m_precisionNote);
    }
    // The engine's note reads "float32 (this CPU has no bf16 instructions)".
    QString used = QString::fromStdString(unblur::engine::precisionName(m_precision));
    QString why;
    const QString note = QString::fromStdString(m_precisionNote);
    const qsizetype open = note.indexOf(QLatin1String(" ("));
    if (open > 0 && note.endsWith(QLatin1Char(')'))) {
        used = note.left(open);
        why = note.mid(open + 2, note.size() - open - 3);
    } else if (!note.isEmpty()) {
        why = note;
    }
    return QStringLiteral("auto (") + used + (why.isEmpty() ? QString() : ": " + why) +
           QLatin1Char(')');
}

EvalRow PairEvaluator::evaluate(const EvalPair& pair,
                                const unblur::restore::RestoreObserver& progress, EvalRow* refined)
{
    EvalRow row;
    row.name = QString::fromStdString(pair.name);
    row.method = methodName(m_method);
    const QString protection =
        m_method == EvalMethod::Model && m_restoreOptions.protectSharp ? "+protect" : "";
    row.method += protection;
    row.blurry = QString::fromStdString(pair.blurry);
    row.sharp = QString::fromStdString(pair.sharp);
    ImagePair images;
    try {
        images = readPair(pair);
    } catch (const std::exception& error) {
        row.error = reason(error); // names the file already
        return row;
    }
    try {
        const unblur::eval::AlignedScore input = score(images.blurry, images.sharp, m_maxShift);
        row.inputPsnr = input.psnr;
        row.inputSsim = input.ssim;
        row.inputDy = input.dy;
        row.inputDx = input.dx;
        QElapsedTimer timer;
        timer.start();
        cv::Mat refinedImage;
        QString refinement;
        const cv::Mat restored = restore(images.blurry, progress, &refinedImage, &refinement);
        row.seconds = double(timer.nsecsElapsed()) * 1e-9;
        const unblur::eval::AlignedScore output = score(restored, images.sharp, m_maxShift);
        row.outputPsnr = output.psnr;
        row.outputSsim = output.ssim;
        row.outputDy = output.dy;
        row.outputDx = output.dx;
        if (refined != nullptr && !refinedImage.empty()) {
            *refined = row;
            refined->method = QStringLiteral("model+refine") + protection;
            refined->note = refinement;
            const unblur::eval::AlignedScore after = score(refinedImage, images.sharp, m_maxShift);
            refined->outputPsnr = after.psnr;
            refined->outputSsim = after.ssim;
            refined->outputDy = after.dy;
            refined->outputDx = after.dx;
        }
    } catch (const std::exception& error) {
        row.error = row.blurry + ": " + reason(error);
    }
    return row;
}

std::vector<EvalRow> PairEvaluator::references(const EvalPair& pair,
                                               std::vector<std::string>& warnings, int maxShift)
{
    std::vector<EvalRow> rows;
    if (pair.references.empty()) {
        return rows;
    }
    try {
        const cv::Mat sharp = readRgb(pair.sharp);
        for (const unblur::eval::ReferenceImage& reference : pair.references) {
            try {
                const cv::Mat result = readRgb(reference.path);
                EvalPair check = pair;
                check.blurry = reference.path;
                unblur::eval::requireSameSize(check, result.cols, result.rows, sharp.cols,
                                              sharp.rows);
                EvalRow row;
                row.name = QString::fromStdString(pair.name);
                row.method = QString::fromStdString("reference:" + reference.method);
                row.blurry = QString::fromStdString(reference.path);
                row.sharp = QString::fromStdString(pair.sharp);
                const unblur::eval::AlignedScore output = score(result, sharp, maxShift);
                row.outputPsnr = output.psnr;
                row.outputSsim = output.ssim;
                row.outputDy = output.dy;
                row.outputDx = output.dx;
                rows.push_back(row);
            } catch (const std::exception& error) {
                warnings.push_back(reason(error).toStdString());
            }
        }
    } catch (const std::exception& error) {
        warnings.push_back(reason(error).toStdString());
    }
    return rows;
}
