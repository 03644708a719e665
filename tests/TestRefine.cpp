// core/refine: camera-shake refinement (kernel estimation, the Auto checks, deconvolution with
// the network's output as the prior, and inputs it must survive).
#include "refine/BlindKernelEstimator.h"
#include "refine/KernelCheck.h"
#include "refine/LinearLight.h"
#include "refine/ShakeRefiner.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

using namespace unblur;
using namespace unblur::refine;

namespace {

/** The sharp test photo (768x512 RGB) as a FloatImage, a `width` x `height` crop. */
io::FloatImage sharpPhoto(int width = 512, int height = 384)
{
    cv::Mat bgr = cv::imread(UNBLUR_TEST_DATA "/sharp/kodim12.png", cv::IMREAD_COLOR);
    if (bgr.empty()) {
        throw std::runtime_error("kodim12.png missing");
    }
    cv::Mat rgb;
    // Around the people, where the photo has texture.
    const cv::Rect crop(std::clamp(384 - width / 2, 0, bgr.cols - width),
                        std::clamp(224 - height / 2, 0, bgr.rows - height), width, height);
    cv::cvtColor(bgr(crop), rgb, cv::COLOR_BGR2RGB);
    rgb.convertTo(rgb, CV_32F, 1.0 / 255);
    io::FloatImage image;
    image.width = width;
    image.height = height;
    image.channels = 3;
    rgb = rgb.reshape(1, 1);
    image.pixels.assign(rgb.begin<float>(), rgb.end<float>());
    return image;
}

/** A camera-shake-like kernel: a curved, anti-aliased stroke, normalised. */
cv::Mat shakeKernel()
{
    cv::Mat canvas = cv::Mat::zeros(21 * 4, 21 * 4, CV_32F);
    const cv::Point path[] = {{10, 40}, {22, 30}, {36, 28}, {50, 38}, {60, 52}, {72, 56}};
    for (size_t i = 0; i + 1 < std::size(path); ++i) {
        cv::line(canvas, path[i], path[i + 1], cv::Scalar(1.0), 4, cv::LINE_AA);
    }
    cv::Mat kernel;
    cv::resize(canvas, kernel, cv::Size(21, 21), 0, 0, cv::INTER_AREA);
    return kernel / cv::sum(kernel)[0];
}

/** A straight line kernel of odd side `length`, horizontal or vertical. */
cv::Mat lineKernel(int length, bool horizontal)
{
    cv::Mat kernel = cv::Mat::zeros(length, length, CV_32F);
    if (horizontal) {
        kernel.row(length / 2).setTo(1.0f / length);
    } else {
        kernel.col(length / 2).setTo(1.0f / length);
    }
    return kernel;
}

/**
 * `image` blurred by `kernel` (true convolution, reflected border) on its encoded values, the
 * refiner's working domain, or in linear light.
 */
io::FloatImage blurred(const io::FloatImage& image, const cv::Mat& kernel, bool linear = false)
{
    io::FloatImage out = image;
    cv::Mat flipped;
    cv::flip(kernel, flipped, -1);
    for (int c = 0; c < colourChannels(image); ++c) {
        cv::Mat plane;
        cv::filter2D(linearChannel(image, c, linear), plane, CV_32F, flipped, cv::Point(-1, -1), 0,
                     cv::BORDER_REFLECT);
        storeLinearChannel(plane, out, c, linear);
    }
    return out;
}

/** Gaussian noise of `sigma` (encoded values) added, clamped, from a fixed seed. */
io::FloatImage noisy(io::FloatImage image, double sigma, uint64_t seed)
{
    cv::RNG rng(seed);
    for (float& v : image.pixels) {
        v = std::clamp(v + static_cast<float>(rng.gaussian(sigma)), 0.0f, 1.0f);
    }
    return image;
}

/** A stand-in for the network's output: the shake removed, but soft (Gaussian σ 1.2). */
io::FloatImage softened(const io::FloatImage& sharp)
{
    io::FloatImage out = sharp;
    cv::Mat mat(sharp.height, sharp.width, CV_32FC3, out.pixels.data());
    cv::GaussianBlur(mat, mat, cv::Size(0, 0), 1.2);
    return out;
}

double psnr(const io::FloatImage& a, const io::FloatImage& b)
{
    double sum = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) {
        const double d = static_cast<double>(a.pixels[i]) - b.pixels[i];
        sum += d * d;
    }
    return 10 * std::log10(static_cast<double>(a.pixels.size()) / sum);
}

cv::Mat reportedKernel(const RefineReport& report)
{
    return cv::Mat(report.kernelHeight, report.kernelWidth, CV_32F,
                   const_cast<float*>(report.kernel.data()))
        .clone();
}

bool allFinite(const io::FloatImage& image)
{
    for (const float v : image.pixels) {
        if (!std::isfinite(v) || v < 0 || v > 1) {
            return false;
        }
    }
    return true;
}

} // namespace

class TestRefine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesModes()
    {
        QCOMPARE(parseRefineMode("auto"), RefineMode::Auto);
        QCOMPARE(parseRefineMode("on"), RefineMode::On);
        QCOMPARE(parseRefineMode("off"), RefineMode::Off);
        QCOMPARE(QString(refineModeName(RefineMode::Auto)), QString("auto"));
        try {
            parseRefineMode("sometimes");
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).contains("sometimes"));
        }
    }

    void kernelSimilarityMeasuresShape()
    {
        const cv::Mat a = lineKernel(9, true);
        QVERIFY(std::abs(kernelSimilarity(a, a) - 1.0) < 1e-6);
        QVERIFY(kernelSimilarity(a, lineKernel(9, false)) < 0.2);
        QCOMPARE(kernelExtent(a), 9);
    }

    void recoversKnownKernel()
    {
        const io::FloatImage sharp = sharpPhoto();
        const cv::Mat truth = shakeKernel();
        const io::FloatImage blurry = blurred(sharp, truth);
        RefineReport report;
        refineShake(blurry, sharp, RefineMode::On, report);
        QVERIFY2(!report.kernel.empty(), report.summary.c_str());
        const double similarity = kernelSimilarity(reportedKernel(report), truth, 1);
        QVERIFY2(similarity >= 0.9, qPrintable(QString::number(similarity)));
        double sum = 0;
        for (const float v : report.kernel) {
            QVERIFY(v >= 0);
            sum += v;
        }
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        QVERIFY(report.kernelSize >= 15 && report.kernelSize <= 25);
    }

    void blindEstimateRecoversKernelFromSoftOutput()
    {
        // The blind estimator (RefineSettings::blindEstimation): the kernel from the blurry
        // photo, the soft network output only as the coarsest latent.
        const io::FloatImage sharp = sharpPhoto();
        const cv::Mat truth = shakeKernel();
        const io::FloatImage blurry = noisy(blurred(sharp, truth), 1.0 / 255, 4);
        io::FloatImage network = softened(sharp);
        const KernelEstimate blind = BlindKernelEstimator(RefineSettings{})
                                         .estimate(linearLuminance(blurry, false),
                                                   linearLuminance(network, false), cv::Mat(), 41);
        QVERIFY(blind.valid());
        const double similarity = kernelSimilarity(blind.kernel, truth, 3);
        QVERIFY2(similarity >= 0.8, qPrintable(QString::number(similarity)));
        QVERIFY(kernelExtent(blind.kernel) >= 15 && kernelExtent(blind.kernel) <= 25);
    }

    void autoRefusesVaryingBlur()
    {
        const io::FloatImage sharp = sharpPhoto();
        const io::FloatImage left = blurred(sharp, lineKernel(15, true));
        const io::FloatImage right = blurred(sharp, lineKernel(15, false));
        io::FloatImage blurry = left;
        for (int y = 0; y < sharp.height; ++y) {
            for (int x = sharp.width / 2; x < sharp.width; ++x) {
                for (int c = 0; c < 3; ++c) {
                    const size_t i = (static_cast<size_t>(y) * sharp.width + x) * 3 + c;
                    blurry.pixels[i] = right.pixels[i];
                }
            }
        }
        RefineReport report;
        const io::FloatImage out = refineShake(blurry, sharp, RefineMode::Auto, report);
        QVERIFY(!report.applied);
        QVERIFY2(report.summary.find("varies") != std::string::npos, report.summary.c_str());
        QVERIFY(out.pixels == sharp.pixels);
    }

    void autoRefusesSharpPhoto()
    {
        const io::FloatImage sharp = sharpPhoto();
        RefineReport report;
        const io::FloatImage out = refineShake(sharp, sharp, RefineMode::Auto, report);
        QVERIFY(!report.applied);
        QCOMPARE(QString::fromStdString(report.summary), QString("skipped (no shake found)"));
        QVERIFY(out.pixels == sharp.pixels);
    }

    void refinesMildlyDegradedNetworkOutput()
    {
        const io::FloatImage sharp = sharpPhoto();
        const io::FloatImage blurry = noisy(blurred(sharp, shakeKernel()), 1.0 / 255, 1);
        // The network's output: the shake removed, but soft and a little noisy.
        io::FloatImage network = softened(sharp);
        network = noisy(network, 0.5 / 255, 2);
        RefineReport report;
        const io::FloatImage refined = refineShake(blurry, network, RefineMode::Auto, report);
        QVERIFY2(report.applied, report.summary.c_str());
        QVERIFY(QString::fromStdString(report.summary).startsWith("applied (kernel "));
        const double before = psnr(network, sharp);
        const double after = psnr(refined, sharp);
        QVERIFY2(after > before + 0.1, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
    }

    void elongationTellsShakeFromDefocus()
    {
        cv::Mat disk = cv::Mat::zeros(15, 15, CV_32F);
        cv::circle(disk, cv::Point(7, 7), 6, cv::Scalar(1.0), cv::FILLED, cv::LINE_AA);
        QVERIFY(kernelElongation(disk) < 1.1);
        QVERIFY(kernelElongation(lineKernel(15, true)) > 10);
        QVERIFY(kernelElongation(shakeKernel()) > 2);
        QCOMPARE(kernelElongation(cv::Mat::zeros(5, 5, CV_32F)), 0.0);
    }

    void autoLeavesDefocusToTheNetwork()
    {
        const io::FloatImage sharp = sharpPhoto(256, 192);
        cv::Mat disk = cv::Mat::zeros(11, 11, CV_32F);
        cv::circle(disk, cv::Point(5, 5), 5, cv::Scalar(1.0), cv::FILLED, cv::LINE_AA);
        const io::FloatImage blurry = noisy(blurred(sharp, disk / cv::sum(disk)[0]), 1.0 / 255, 5);
        io::FloatImage network = softened(sharp);
        RefineReport report;
        const io::FloatImage out = refineShake(blurry, network, RefineMode::Auto, report);
        QVERIFY2(!report.applied, report.summary.c_str());
        QVERIFY2(report.measures.elongation < 1.22, report.summary.c_str());
        QCOMPARE(QString::fromStdString(report.summary),
                 QString("skipped (round blur, not camera shake)"));
        QVERIFY(out.pixels == network.pixels);
    }

    void autoScalesCorrectionWithConfidence()
    {
        // Between minImprovement and fullImprovement Auto applies the correction in proportion.
        const io::FloatImage sharp = sharpPhoto(256, 192);
        const io::FloatImage blurry = noisy(blurred(sharp, shakeKernel()), 1.0 / 255, 4);
        io::FloatImage network = softened(sharp);
        RefineSettings trusting;
        trusting.minImprovement = 0.5;
        trusting.fullImprovement = 0.6;
        trusting.minAgreement = 0;
        trusting.minCompactness = 0;
        RefineSettings doubtful = trusting;
        doubtful.fullImprovement = 1e3;
        RefineReport full;
        RefineReport partial;
        const io::FloatImage a = refineShake(blurry, network, RefineMode::Auto, full, trusting);
        const io::FloatImage b = refineShake(blurry, network, RefineMode::Auto, partial, doubtful);
        QVERIFY2(full.applied && partial.applied, (full.summary + " / " + partial.summary).c_str());
        QCOMPARE(full.strength, 1.0);
        QVERIFY2(partial.strength > 0 && partial.strength < 0.2, partial.summary.c_str());
        QVERIFY2(partial.summary.find("% strength") != std::string::npos, partial.summary.c_str());
        QVERIFY(full.kernel == partial.kernel);
        double fullChange = 0;
        double partialChange = 0;
        for (size_t i = 0; i < network.pixels.size(); ++i) {
            fullChange += std::abs(a.pixels[i] - network.pixels[i]);
            partialChange += std::abs(b.pixels[i] - network.pixels[i]);
        }
        QVERIFY(fullChange > 0);
        const double share = partialChange / fullChange;
        QVERIFY2(std::abs(share - partial.strength) < 0.25 * partial.strength,
                 qPrintable(QString("%1 vs %2").arg(share).arg(partial.strength)));
    }

    void autoHalvesTrustWhereHalfThePhotoIsFlat()
    {
        // Only two textured quadrants: their kernels are compared once, not six times.
        io::FloatImage sharp = sharpPhoto(256, 192);
        for (int y = 0; y < sharp.height; ++y) {
            for (int x = sharp.width / 2; x < sharp.width; ++x) {
                for (int c = 0; c < 3; ++c) {
                    sharp.pixels[(static_cast<size_t>(y) * sharp.width + x) * 3 + c] = 0.6f;
                }
            }
        }
        const io::FloatImage blurry = noisy(blurred(sharp, shakeKernel()), 1.0 / 255, 6);
        RefineSettings trusting;
        trusting.minImprovement = 0.5;
        trusting.fullImprovement = 0.6;
        trusting.minAgreement = 0;
        trusting.minCompactness = 0;
        RefineReport report;
        refineShake(blurry, softened(sharp), RefineMode::Auto, report, trusting);
        QVERIFY2(report.applied, report.summary.c_str());
        QCOMPARE(report.measures.texturedQuadrants, 2);
        QCOMPARE(report.strength, trusting.fewQuadrantsShare);
        QVERIFY2(report.summary.find("50 % strength") != std::string::npos, report.summary.c_str());
    }

    void deterministicAndOffIsIdentity()
    {
        const io::FloatImage sharp = sharpPhoto(256, 192);
        const io::FloatImage blurry = noisy(blurred(sharp, shakeKernel()), 1.0 / 255, 3);
        RefineReport first;
        RefineReport second;
        const io::FloatImage a = refineShake(blurry, sharp, RefineMode::On, first);
        const io::FloatImage b = refineShake(blurry, sharp, RefineMode::On, second);
        QVERIFY(first.applied);
        QVERIFY(a.pixels == b.pixels);
        QVERIFY(first.kernel == second.kernel);
        QCOMPARE(first.summary, second.summary);
        RefineReport off;
        const io::FloatImage same = refineShake(blurry, sharp, RefineMode::Off, off);
        QVERIFY(same.pixels == sharp.pixels);
        QCOMPARE(QString::fromStdString(off.summary), QString("off"));
        QVERIFY(!off.applied);
    }

    void survivesAwkwardPhotos()
    {
        const io::FloatImage sharp = sharpPhoto(256, 192);
        const cv::Mat kernel = shakeKernel();
        RefineReport report;

        // Tiny.
        const io::FloatImage tiny = sharpPhoto(40, 30);
        io::FloatImage out = refineShake(blurred(tiny, kernel), tiny, RefineMode::On, report);
        QCOMPARE(QString::fromStdString(report.summary), QString("skipped (photo too small)"));
        QVERIFY(out.pixels == tiny.pixels);

        // Flat.
        io::FloatImage flat = sharp;
        std::fill(flat.pixels.begin(), flat.pixels.end(), 0.5f);
        out = refineShake(flat, flat, RefineMode::On, report);
        QVERIFY2(!report.applied, report.summary.c_str());
        QVERIFY(report.summary.rfind("skipped (", 0) == 0);
        QVERIFY(out.pixels == flat.pixels);

        // Grey.
        io::FloatImage grey;
        grey.width = sharp.width;
        grey.height = sharp.height;
        grey.channels = 1;
        for (size_t i = 0; i < sharp.pixels.size(); i += 3) {
            grey.pixels.push_back(sharp.pixels[i + 1]);
        }
        out = refineShake(blurred(grey, kernel), grey, RefineMode::Auto, report);
        QVERIFY2(report.applied, report.summary.c_str());
        QCOMPARE(out.channels, 1);
        QCOMPARE(out.pixels.size(), grey.pixels.size());
        QVERIFY(allFinite(out));

        // 16-bit.
        io::FloatImage deep = sharp;
        deep.bitDepth = 16;
        for (float& v : deep.pixels) {
            v = std::round(v * 65535) / 65535;
        }
        out = refineShake(blurred(deep, kernel), deep, RefineMode::Auto, report);
        QVERIFY2(report.applied, report.summary.c_str());
        QCOMPARE(out.bitDepth, 16);
        QVERIFY(allFinite(out));

        // RGBA: the alpha channel comes from the photo untouched.
        io::FloatImage rgba;
        rgba.width = sharp.width;
        rgba.height = sharp.height;
        rgba.channels = 4;
        for (size_t i = 0; i < sharp.pixels.size(); i += 3) {
            rgba.pixels.insert(rgba.pixels.end(), sharp.pixels.begin() + i,
                               sharp.pixels.begin() + i + 3);
            rgba.pixels.push_back(static_cast<float>((i / 3) % 7) / 6.0f);
        }
        io::FloatImage rgbaBlurry = blurred(rgba, kernel);
        io::FloatImage rgbaNetwork = rgba;
        for (size_t i = 3; i < rgbaNetwork.pixels.size(); i += 4) {
            rgbaNetwork.pixels[i] = 0.25f;
        }
        out = refineShake(rgbaBlurry, rgbaNetwork, RefineMode::On, report);
        QVERIFY2(report.applied, report.summary.c_str());
        QCOMPARE(out.channels, 4);
        for (size_t i = 3; i < out.pixels.size(); i += 4) {
            QCOMPARE(out.pixels[i], rgbaBlurry.pixels[i]);
        }
        QVERIFY(allFinite(out));

        // Heavily saturated: three times overexposed.
        io::FloatImage bright = sharp;
        for (float& v : bright.pixels) {
            v = std::min(1.0f, v * 3);
        }
        io::FloatImage brightBlurry = blurred(bright, kernel);
        for (const RefineMode mode : {RefineMode::Auto, RefineMode::On}) {
            out = refineShake(brightBlurry, bright, mode, report);
            QVERIFY(!report.summary.empty());
            QCOMPARE(out.pixels.size(), bright.pixels.size());
            QVERIFY(allFinite(out));
        }

        // A network output of another shape.
        out = refineShake(sharp, grey, RefineMode::On, report);
        QVERIFY(!report.applied);
        QVERIFY(out.pixels == grey.pixels);
    }
};

QTEST_GUILESS_MAIN(TestRefine)
#include "TestRefine.moc"
