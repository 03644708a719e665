// core/blur: the blur score, its kind, the blur map and protect-sharp's blend.
#include "blur/BlurAnalyzer.h"

#include <QTest>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

using namespace unblur;
using namespace unblur::blur;

namespace {

/** A sharp test photo (768x512) as CV_32FC3 RGB in [0, 1]; kodim08 is textured throughout. */
cv::Mat sharpMat(const char* name = "kodim12.png")
{
    cv::Mat bgr = cv::imread(std::string(UNBLUR_TEST_DATA "/sharp/") + name, cv::IMREAD_COLOR);
    if (bgr.empty()) {
        throw std::runtime_error(std::string(name) + " missing");
    }
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    rgb.convertTo(rgb, CV_32FC3, 1.0 / 255);
    return rgb;
}

io::FloatImage toImage(const cv::Mat& mat)
{
    io::FloatImage image;
    image.width = mat.cols;
    image.height = mat.rows;
    image.channels = mat.channels();
    const cv::Mat flat = mat.clone().reshape(1, 1);
    image.pixels.assign(flat.begin<float>(), flat.end<float>());
    return image;
}

cv::Mat convolved(const cv::Mat& mat, const cv::Mat& kernel)
{
    cv::Mat out;
    cv::filter2D(mat, out, CV_32F, kernel, cv::Point(-1, -1), 0, cv::BORDER_REFLECT);
    return out;
}

cv::Mat discKernel(int radius)
{
    cv::Mat kernel = cv::Mat::zeros(2 * radius + 1, 2 * radius + 1, CV_32F);
    cv::circle(kernel, cv::Point(radius, radius), radius, cv::Scalar(1.0), cv::FILLED);
    return kernel / cv::sum(kernel)[0];
}

cv::Mat horizontalKernel(int length)
{
    cv::Mat kernel = cv::Mat::zeros(length, length, CV_32F);
    kernel.row(length / 2).setTo(1.0f / float(length));
    return kernel;
}

/** A curved camera-shake stroke, 19 px across. */
cv::Mat shakeKernel()
{
    cv::Mat canvas = cv::Mat::zeros(19 * 4, 19 * 4, CV_32F);
    const cv::Point path[] = {{8, 50}, {24, 30}, {44, 24}, {60, 36}, {68, 56}};
    for (size_t i = 0; i + 1 < std::size(path); ++i) {
        cv::line(canvas, path[i], path[i + 1], cv::Scalar(1.0), 4, cv::LINE_AA);
    }
    cv::Mat kernel;
    cv::resize(canvas, kernel, cv::Size(19, 19), 0, 0, cv::INTER_AREA);
    return kernel / cv::sum(kernel)[0];
}

/** `a` on the left, `b` on the right, with a soft seam `seam` px wide in the middle. */
cv::Mat halves(const cv::Mat& a, const cv::Mat& b, int seam)
{
    cv::Mat out(a.size(), a.type());
    for (int y = 0; y < a.rows; ++y) {
        for (int x = 0; x < a.cols; ++x) {
            const float t =
                std::clamp(float(x - (a.cols - seam) / 2) / float(std::max(seam, 1)), 0.0f, 1.0f);
            out.at<cv::Vec3f>(y, x) = (1 - t) * a.at<cv::Vec3f>(y, x) + t * b.at<cv::Vec3f>(y, x);
        }
    }
    return out;
}

/** The mean of a map (1 channel) over columns [from, to) of its width's fractions. */
double meanOver(const io::FloatImage& map, double from, double to)
{
    double sum = 0;
    int count = 0;
    for (int y = 0; y < map.height; ++y) {
        for (int x = int(from * map.width); x < int(to * map.width); ++x) {
            sum += map.pixels[size_t(y) * size_t(map.width) + size_t(x)];
            ++count;
        }
    }
    return count > 0 ? sum / count : 0;
}

double psnr(const cv::Mat& a, const cv::Mat& b)
{
    const double mse = cv::norm(a, b, cv::NORM_L2SQR) / double(a.total() * a.channels());
    return 10 * std::log10(1 / std::max(mse, 1e-12));
}

cv::Mat toMat(const io::FloatImage& image)
{
    return cv::Mat(image.height, image.width, CV_32FC(image.channels),
                   const_cast<float*>(image.pixels.data()))
        .clone();
}

} // namespace

class TestBlur : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sharpPhotoIsNotBlurry()
    {
        const BlurAssessment a = BlurAnalyzer().assess(toImage(sharpMat()));
        QVERIFY(a.measurable);
        QVERIFY2(a.score < 0.4, qPrintable(QString::number(a.score)));
        QVERIFY(!a.blurry);
        QCOMPARE(a.kind, BlurKind::None);
        QCOMPARE(std::string(blurKindName(a.kind)), std::string("none"));
    }

    void blurRaisesTheScore()
    {
        const cv::Mat sharp = sharpMat();
        double previous = BlurAnalyzer().assess(toImage(sharp)).score;
        for (const double sigma : {0.7, 1.4}) {
            cv::Mat soft;
            cv::GaussianBlur(sharp, soft, cv::Size(0, 0), sigma);
            const double score = BlurAnalyzer().assess(toImage(soft)).score;
            QVERIFY2(score > previous, qPrintable(QString("%1 <= %2").arg(score).arg(previous)));
            previous = score;
        }
        QVERIFY(previous >= 0.8);
    }

    void tellsDefocusFromShake()
    {
        const cv::Mat sharp = sharpMat();
        const BlurAssessment defocus =
            BlurAnalyzer().assess(toImage(convolved(sharp, discKernel(4))));
        QVERIFY(defocus.blurry);
        QCOMPARE(defocus.kind, BlurKind::Defocus);
        const BlurAssessment motion =
            BlurAnalyzer().assess(toImage(convolved(sharp, horizontalKernel(15))));
        QVERIFY2(motion.blurry, qPrintable(QString::number(motion.score)));
        QCOMPARE(motion.kind, BlurKind::Shake);
    }

    void protectKeepsTheSharpHalf()
    {
        // Left half sharp, right half shaken (15 px of motion), a soft seam: the weight keeps
        // the left and restores the right; the blend leaves the left within 40 dB of the input.
        const cv::Mat sharp = sharpMat("kodim08.png");
        const cv::Mat input = halves(sharp, convolved(sharp, horizontalKernel(15)), 32);
        const BlurAssessment a = BlurAnalyzer().assess(toImage(input));
        QVERIFY(!a.blurry); // sharp somewhere
        QVERIFY2(meanOver(a.restoreWeight, 0.0, 0.4) < 0.05,
                 qPrintable(QString::number(meanOver(a.restoreWeight, 0.0, 0.4))));
        QVERIFY2(meanOver(a.restoreWeight, 0.6, 1.0) > 0.5,
                 qPrintable(QString::number(meanOver(a.restoreWeight, 0.6, 1.0))));
        QVERIFY(meanOver(a.blurMap, 0.6, 1.0) > meanOver(a.blurMap, 0.0, 0.4) + 0.3);

        io::FloatImage restored = toImage(sharp); // stands in for the network: the true photo
        blendThroughWeight(toImage(input), restored, a.restoreWeight);
        const cv::Mat out = toMat(restored);
        const cv::Rect left(0, 0, int(0.4 * sharp.cols), sharp.rows);
        const cv::Rect right(int(0.6 * sharp.cols), 0, sharp.cols - int(0.6 * sharp.cols),
                             sharp.rows);
        QVERIFY(psnr(out(left), input(left)) >= 40);
        QVERIFY(psnr(out(right), sharp(right)) > psnr(input(right), sharp(right)) + 1);
    }

    void softFocusBesideSharpIsKept()
    {
        // A sharp centre on an evenly defocused background (shallow depth of field): not
        // blurry, and the background's weight stays low.
        const cv::Mat sharp = sharpMat();
        cv::Mat photo = convolved(sharp, discKernel(6));
        const cv::Rect centre(sharp.cols / 3, sharp.rows / 4, sharp.cols / 3, sharp.rows / 2);
        sharp(centre).copyTo(photo(centre));
        const BlurAssessment a = BlurAnalyzer().assess(toImage(photo));
        QVERIFY(!a.blurry);
        QVERIFY2(meanOver(a.restoreWeight, 0.0, 0.2) < 0.2,
                 qPrintable(QString::number(meanOver(a.restoreWeight, 0.0, 0.2))));
    }

    void deterministic()
    {
        const io::FloatImage image = toImage(convolved(sharpMat(), shakeKernel()));
        const BlurAssessment a = BlurAnalyzer().assess(image);
        const BlurAssessment b = BlurAnalyzer().assess(image);
        QCOMPARE(a.score, b.score);
        QVERIFY(a.restoreWeight.pixels == b.restoreWeight.pixels);
    }

    void badInputsGiveAClearAnswer()
    {
        const BlurAnalyzer analyzer;
        const BlurAssessment tiny = analyzer.assess(toImage(sharpMat()(cv::Rect(0, 0, 20, 20))));
        QVERIFY(!tiny.measurable);
        QVERIFY(!tiny.blurry);
        QVERIFY(QString::fromStdString(tiny.note).contains("too small"));

        const BlurAssessment flat =
            analyzer.assess(toImage(cv::Mat(300, 400, CV_32FC3, cv::Scalar(0.5, 0.5, 0.5))));
        QVERIFY(!flat.measurable);
        QVERIFY(!flat.note.empty());
        QVERIFY(!flat.blurry);

        cv::Mat grey;
        cv::cvtColor(sharpMat(), grey, cv::COLOR_RGB2GRAY);
        const BlurAssessment g = analyzer.assess(toImage(grey));
        QVERIFY(g.measurable);
        QVERIFY(!g.blurry);

        io::FloatImage deep = toImage(sharpMat());
        deep.bitDepth = 16;
        QCOMPARE(analyzer.assess(deep).blurry, false);

        // RGBA: the alpha of the original is kept by the blend; an empty weight changes nothing.
        cv::Mat rgba;
        cv::cvtColor(sharpMat(), rgba, cv::COLOR_RGB2RGBA);
        const io::FloatImage original = toImage(rgba);
        io::FloatImage restored = original;
        for (float& v : restored.pixels) {
            v = 1 - v;
        }
        const io::FloatImage untouched = restored;
        blendThroughWeight(original, restored, io::FloatImage());
        QVERIFY(restored.pixels == untouched.pixels);
        blendThroughWeight(original, restored, analyzer.assess(original).restoreWeight);
        QCOMPARE(restored.pixels[3], original.pixels[3]);
    }
};

QTEST_GUILESS_MAIN(TestBlur)
#include "TestBlur.moc"
