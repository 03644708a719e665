// core/eval (metrics, pair discovery, unsharp mask) and `unblur-cli eval` end to end.
#include "CliRunner.h"
#include "eval/EvalPairs.h"
#include "eval/ImageMetrics.h"
#include "eval/UnsharpMask.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace unblur::eval;

namespace {

const QString kTiny = QStringLiteral(UNBLUR_TEST_DATA "/hidiff-tiny");

/** A textured 8-bit RGB image with values in [lo, hi], the same for every call. */
cv::Mat texture(int width, int height, int lo = 20, int hi = 230, uint64_t seed = 7)
{
    cv::Mat image(height, width, CV_8UC3);
    cv::RNG rng(seed);
    rng.fill(image, cv::RNG::UNIFORM, lo, hi + 1);
    return image;
}

/** A smooth photo-like float image in [0,1]: random texture blurred a little. */
cv::Mat photo(int width, int height, uint64_t seed)
{
    cv::Mat image;
    texture(width, height, 0, 255, seed).convertTo(image, CV_32F, 1.0 / 255.0);
    cv::GaussianBlur(image, image, cv::Size(0, 0), 0.8);
    return image;
}

void touch(const QString& path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
}

void writeImage(const QString& path, const cv::Mat& image)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY(cv::imwrite(path.toStdString(), image));
}

/**
 * `sharp` and a copy of it displaced by (dy, dx): content at sharp(y, x) lies at
 * moved(y + dy, x + dx). Both are windows of one larger texture, so no pixel is made up.
 */
void shiftedPair(int width, int height, int dy, int dx, cv::Mat& sharp, cv::Mat& moved)
{
    const int margin = 8;
    const cv::Mat big = texture(width + 2 * margin, height + 2 * margin);
    sharp = big(cv::Rect(margin, margin, width, height)).clone();
    moved = big(cv::Rect(margin - dx, margin - dy, width, height)).clone();
}

QString fileName(const std::string& path)
{
    return QFileInfo(QString::fromStdString(path)).fileName();
}

} // namespace

class TestEval : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void psnrOfConstantOffset()
    {
        const cv::Mat a = texture(40, 30);
        const cv::Mat b = a + cv::Scalar::all(3);
        const double expected = 10.0 * std::log10(255.0 * 255.0 / 9.0);
        QVERIFY(std::abs(psnr8(a, b) - expected) < 1e-9);
        // Float images in [0,1] give the same numbers after quantisation.
        cv::Mat af;
        cv::Mat bf;
        a.convertTo(af, CV_32F, 1.0 / 255.0);
        b.convertTo(bf, CV_32F, 1.0 / 255.0);
        QVERIFY(std::abs(psnr8(af, bf) - expected) < 1e-9);
        QVERIFY(std::abs(psnr8(af, b) - expected) < 1e-9);
    }

    void psnrOfSomeDifferingSamples()
    {
        const cv::Mat a = texture(50, 20); // 3000 samples
        cv::Mat b = a.clone();
        for (int i = 0; i < 30; ++i) {
            b.at<cv::Vec3b>(i % 20, i)[i % 3] += 10; // 30 samples off by 10
        }
        const double mse = 30.0 * 100.0 / 3000.0;
        QVERIFY(std::abs(psnr8(a, b) - 10.0 * std::log10(255.0 * 255.0 / mse)) < 1e-9);
        QVERIFY(std::isinf(psnr8(a, a.clone())) && psnr8(a, a) > 0);
    }

    void psnrQuantisesAndCropsBorders()
    {
        // Values out of [0,1] are clipped; 0.4/255 rounds to 0.
        cv::Mat a(16, 16, CV_32FC3, cv::Scalar::all(-0.5));
        cv::Mat b(16, 16, CV_32FC3, cv::Scalar::all(0.4 / 255.0));
        QVERIFY(std::isinf(psnr8(a, b)));
        // A difference only on the rim disappears with border 1.
        cv::Mat c = texture(16, 16);
        cv::Mat d = c.clone();
        d.at<cv::Vec3b>(0, 5) = cv::Vec3b(0, 0, 0);
        QVERIFY(std::isfinite(psnr8(c, d)));
        QVERIFY(std::isinf(psnr8(c, d, 1)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, psnr8(c, texture(17, 16)));
    }

    void ssimOfIdenticalAndNoisyImages()
    {
        const cv::Mat clean = photo(64, 48, 3);
        QVERIFY(std::abs(ssim(clean, clean) - 1.0) < 1e-12);
        double previous = 1.0;
        for (double level : {0.02, 0.05, 0.15}) {
            cv::Mat noise(clean.size(), clean.type());
            cv::RNG(11).fill(noise, cv::RNG::NORMAL, 0.0, level);
            const double value = ssim(clean, clean + noise);
            QVERIFY2(value < previous, qPrintable(QString::number(value)));
            previous = value;
        }
        QVERIFY(previous < 0.8);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ssim(texture(10, 30), texture(10, 30)));
    }

    void ssimOfConstantImages()
    {
        // No variance: SSIM reduces to the luminance term (2·μx·μy + C1) / (μx² + μy² + C1).
        const double c1 = (0.01 * 255) * (0.01 * 255);
        const cv::Mat x(20, 24, CV_8UC3, cv::Scalar(100, 100, 100));
        const cv::Mat y(20, 24, CV_8UC3, cv::Scalar(120, 60, 100));
        const auto term = [&](double mx, double my) {
            return (2 * mx * my + c1) / (mx * mx + my * my + c1);
        };
        const double expected = (term(100, 120) + term(100, 60) + 1.0) / 3.0;
        QVERIFY2(std::abs(ssim(x, y) - expected) < 1e-9, qPrintable(QString::number(ssim(x, y))));
    }

    void alignedMetricsFindsTheShift()
    {
        cv::Mat sharp;
        cv::Mat moved;
        shiftedPair(48, 40, 2, -3, sharp, moved);
        QCOMPARE(moved.at<cv::Vec3b>(12, 10), sharp.at<cv::Vec3b>(10, 13));
        const AlignedScore aligned = alignedMetrics(moved, sharp, 4);
        QCOMPARE(aligned.dy, 2);
        QCOMPARE(aligned.dx, -3);
        QVERIFY(std::isinf(aligned.psnr));
        QVERIFY(std::abs(aligned.ssim - 1.0) < 1e-12);
        // The other way round, the shift changes sign.
        const AlignedScore back = alignedMetrics(sharp, moved, 4);
        QVERIFY(back.dy == -2 && back.dx == 3 && std::isinf(back.psnr));

        // Out of reach: some finite best; 0 is psnr8 and ssim of the whole images.
        QVERIFY(std::isfinite(alignedMetrics(moved, sharp, 2).psnr));
        const AlignedScore none = alignedMetrics(moved, sharp, 0);
        QVERIFY(none.dy == 0 && none.dx == 0);
        QCOMPARE(none.psnr, psnr8(moved, sharp));
        QCOMPARE(none.ssim, ssim(moved, sharp));
        // Float input is quantised as for psnr8.
        cv::Mat movedFloat;
        moved.convertTo(movedFloat, CV_32F, 1.0 / 255.0);
        QVERIFY(std::isinf(alignedMetrics(movedFloat, sharp, 4).psnr));

        // Ties (no texture at all) go to no shift.
        const cv::Mat flat(30, 30, CV_8UC3, cv::Scalar::all(90));
        const AlignedScore tie = alignedMetrics(flat, flat, 3);
        QVERIFY(tie.dy == 0 && tie.dx == 0 && std::isinf(tie.psnr));

        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, alignedMetrics(moved, sharp, -1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, alignedMetrics(moved, sharp, 15));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, alignedMetrics(moved, texture(47, 40), 2));
    }

    void alignedMetricsScoreTheSameInterior()
    {
        const int n = 4;
        cv::Mat sharp;
        cv::Mat moved;
        shiftedPair(48, 40, -1, 2, sharp, moved);
        cv::Mat noisy;
        cv::Mat noise(moved.size(), CV_16SC3);
        cv::RNG(5).fill(noise, cv::RNG::UNIFORM, -6, 7);
        moved.convertTo(noisy, CV_16SC3);
        noisy += noise;
        noisy.convertTo(noisy, CV_8UC3);
        const AlignedScore aligned = alignedMetrics(noisy, sharp, n);
        QVERIFY(aligned.dy == -1 && aligned.dx == 2 && std::isfinite(aligned.psnr));

        // Exactly the sharp image's interior against the image's window at the shift.
        const cv::Rect interior(n, n, sharp.cols - 2 * n, sharp.rows - 2 * n);
        const cv::Mat window = noisy(interior + cv::Point(aligned.dx, aligned.dy));
        QCOMPARE(aligned.psnr, psnr8(window, sharp(interior)));
        QCOMPARE(aligned.ssim, ssim(window, sharp(interior)));

        // The sharp image's rim is never looked at, whatever the shift.
        cv::Mat rim = sharp.clone();
        rim.rowRange(0, n).setTo(cv::Scalar::all(255));
        rim.colRange(rim.cols - n, rim.cols).setTo(cv::Scalar::all(0));
        const AlignedScore rimmed = alignedMetrics(noisy, rim, n);
        QVERIFY(rimmed.dy == aligned.dy && rimmed.dx == aligned.dx);
        QCOMPARE(rimmed.psnr, aligned.psnr);
        QCOMPARE(rimmed.ssim, aligned.ssim);
        // Nor is the image's part outside the chosen window: a difference there is ignored.
        cv::Mat edited = moved.clone();
        edited.rowRange(edited.rows - 2, edited.rows).setTo(cv::Scalar::all(0));
        const AlignedScore exact = alignedMetrics(edited, sharp, n);
        QVERIFY(exact.dy == -1 && exact.dx == 2 && std::isinf(exact.psnr));
        QVERIFY(std::isfinite(psnr8(edited, moved)));
    }

    void pairsInInputTargetLayout()
    {
        QTemporaryDir dir;
        for (const char* name : {"input/b.png", "input/a.png", "input/c.jpg", "target/a.png",
                                 "target/b.png", "target/notes.txt"}) {
            touch(dir.filePath(name));
        }
        const PairScan scan = findEvalPairs(dir.path().toStdString());
        QCOMPARE(scan.pairs.size(), size_t(2));
        QCOMPARE(QString::fromStdString(scan.pairs[0].name), QString("a"));
        QCOMPARE(scan.pairs[1].sharp, dir.filePath("target/b.png").toStdString());
        QCOMPARE(scan.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(scan.warnings[0]).contains("input/c.jpg"));
    }

    void pairsInLevinLayout()
    {
        QTemporaryDir dir;
        for (const char* name :
             {"blurred/im1_kernel1_img.png", "blurred/im1_kernel2_img.png",
              "blurred/im2_kernel1_img.png", "blurred/im12_kernel1_img.png",
              "blurred/im3_kernel1_img.png", "sharp/im1.png", "sharp/im2.png",
              "sharp/im1_kernel2.png", "sharp/im3_kernel1_img.png", "kernels/kernel1.png"}) {
            touch(dir.filePath(name));
        }
        const PairScan scan = findEvalPairs(dir.path().toStdString());
        QCOMPARE(scan.pairs.size(), size_t(4));
        QStringList got;
        for (const EvalPair& pair : scan.pairs) {
            got << QString::fromStdString(pair.name) + "=" + fileName(pair.sharp);
        }
        // Longest prefix at an '_' wins; an exact name beats any prefix; im12 is not im1.
        QCOMPARE(got,
                 QStringList({"im1_kernel1_img=im1.png", "im1_kernel2_img=im1_kernel2.png",
                              "im2_kernel1_img=im2.png", "im3_kernel1_img=im3_kernel1_img.png"}));
        QCOMPARE(scan.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(scan.warnings[0]).contains("im12_kernel1_img.png"));
    }

    void pairsInBlurGtLayoutAndScenes()
    {
        QTemporaryDir dir;
        for (const char* name : {"blur/x.png", "GT/x.png", "blur_gamma/x.png"}) {
            touch(dir.filePath(name));
        }
        PairScan scan = findEvalPairs(dir.path().toStdString());
        QCOMPARE(scan.pairs.size(), size_t(1));
        QVERIFY(QString::fromStdString(scan.pairs[0].blurry).endsWith("blur/x.png"));
        QVERIFY(QString::fromStdString(scan.pairs[0].sharp).endsWith("GT/x.png"));

        QTemporaryDir scenes; // GoPro: one blur/ + sharp/ per scene
        for (const char* name : {"s2/blur/1.png", "s2/sharp/1.png", "s1/blur/1.png",
                                 "s1/sharp/1.png", "s1/blur/2.png", "s1/sharp/2.png"}) {
            touch(scenes.filePath(name));
        }
        scan = findEvalPairs(scenes.path().toStdString());
        QCOMPARE(scan.pairs.size(), size_t(3));
        QCOMPARE(QString::fromStdString(scan.pairs[0].name), QString("s1/1"));
        QCOMPARE(QString::fromStdString(scan.pairs[2].name), QString("s2/1"));
    }

    void pairsInFlatLayout()
    {
        QTemporaryDir dir;
        for (const char* name :
             {"ComS_Blur_scene-1.png", "ComS_GT_scene-1.png", "ComS_HI-Diff_scene-1.png",
              "ComS_Restormer_scene-1.png", "ComS_Blur_GOPR_2.png", "ComS_GT_GOPR_2.png",
              "ComS_Blur_lonely.png", "ComS_HI-Diff_GOPR_2.png", "other.png"}) {
            touch(dir.filePath(name));
        }
        const PairScan scan = findEvalPairs(dir.path().toStdString());
        QCOMPARE(scan.pairs.size(), size_t(2));
        const EvalPair& first = scan.pairs[0];
        QCOMPARE(QString::fromStdString(first.name), QString("ComS_Blur_GOPR_2"));
        QCOMPARE(fileName(first.sharp), QString("ComS_GT_GOPR_2.png"));
        QCOMPARE(first.references.size(), size_t(1));
        const EvalPair& second = scan.pairs[1];
        QCOMPARE(fileName(second.sharp), QString("ComS_GT_scene-1.png"));
        QCOMPARE(second.references.size(), size_t(2));
        QCOMPARE(QString::fromStdString(second.references[0].method), QString("HI-Diff"));
        QCOMPARE(QString::fromStdString(second.references[1].method), QString("Restormer"));
        QCOMPARE(scan.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(scan.warnings[0]).contains("ComS_Blur_lonely.png"));
    }

    void noPairsIsAnErrorNamingTheFolder()
    {
        QTemporaryDir dir;
        touch(dir.filePath("photo.png"));
        for (const QString& path : {dir.path(), dir.filePath("missing")}) {
            try {
                findEvalPairs(path.toStdString());
                QFAIL("no error");
            } catch (const EvalError& e) {
                QVERIFY2(QString(e.what()).contains(path), e.what());
            }
        }
        touch(dir.filePath("input/a.png")); // the layout is there, the partners are not
        QDir().mkpath(dir.filePath("target"));
        QVERIFY_THROWS_EXCEPTION(EvalError, findEvalPairs(dir.path().toStdString()));

        const EvalPair pair{"a", "/x/blurry.png", "/x/sharp.png", {}};
        try {
            requireSameSize(pair, 10, 10, 10, 12);
            QFAIL("no error");
        } catch (const EvalError& e) {
            QVERIFY(QString(e.what()).contains("blurry.png") &&
                    QString(e.what()).contains("sharp.png"));
        }
    }

    void unsharpMaskBasics()
    {
        const cv::Mat image = photo(40, 30, 5);
        QCOMPARE(cv::norm(unsharpMask(image, {2.0, 0.0}), image, cv::NORM_INF), 0.0);
        const cv::Mat sharpened = unsharpMask(image, {1.0, 3.0});
        double lo = 0;
        double hi = 0;
        cv::minMaxLoc(sharpened.reshape(1), &lo, &hi);
        QVERIFY(lo >= 0 && hi <= 1 && cv::norm(sharpened, image, cv::NORM_INF) > 0.05);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, unsharpMask(image, {0.0, 1.0}));
    }

    void tunerSharpensGaussianBlur()
    {
        std::vector<ImagePair> pairs;
        for (uint64_t seed : {1, 2}) {
            ImagePair pair;
            pair.sharp = photo(64, 48, seed);
            cv::GaussianBlur(pair.sharp, pair.blurry, cv::Size(0, 0), 1.2);
            pairs.push_back(pair);
        }
        const UnsharpTuning tuning = tuneUnsharpMask(pairs);
        QVERIFY(tuning.combinations >= 50 && tuning.combinations <= 80);
        QCOMPARE(tuning.pairs, 2);
        QVERIFY(tuning.best.amount > 0);
        QVERIFY(tuning.meanPsnr > tuning.inputMeanPsnr + 0.5);

        // On pairs that are already sharp, the identity is best.
        std::vector<ImagePair> sharpPairs = {{pairs[0].sharp, pairs[0].sharp}};
        QCOMPARE(tuneUnsharpMask(sharpPairs).best.amount, 0.0);
    }

    void cliEvaluatesPairs()
    {
        QTemporaryDir dir;
        const cv::Mat sharp = texture(48, 40);
        cv::Mat blurry;
        cv::GaussianBlur(sharp, blurry, cv::Size(0, 0), 1.0);
        writeImage(dir.filePath("pairs/input/one.png"), blurry);
        writeImage(dir.filePath("pairs/target/one.png"), sharp);
        cv::Mat grey;
        cv::cvtColor(blurry, grey, cv::COLOR_BGR2GRAY);
        writeImage(dir.filePath("pairs/input/two.png"), grey);
        cv::cvtColor(sharp, grey, cv::COLOR_BGR2GRAY);
        writeImage(dir.filePath("pairs/target/two.png"), grey);
        const QString csv = dir.filePath("rows.csv");

        Result r = runCli({"eval", "--pairs", dir.filePath("pairs"), "--model", kTiny, "--threads",
                           "1", "--csv", csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* text : {"in PSNR", "out SSIM", "gain dB", "one ", "two ", "mean (2 "}) {
            QVERIFY2(r.out.contains(text), qPrintable(text + ("\n" + r.out)));
        }
        // The refinement (auto by default) side by side: a row under each image, a summary.
        for (const char* text : {"+ refinement", "Shake refinement, over 2 images"}) {
            QVERIFY2(r.out.contains(text), qPrintable(text + ("\n" + r.out)));
        }
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray rows = file.readAll();
        QCOMPARE(rows.count('\n'),
                 5); // header, two images, each with the network alone and refined
        QCOMPARE(rows.count(",model+refine,"), 2);
        file.close();

        r = runCli({"eval", "--pairs", dir.filePath("pairs"), "--model", kTiny, "--threads", "1",
                    "--csv", csv, "--refine", "off"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!r.out.contains("refinement"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 3);
        file.close();

        // --protect-sharp (off by default here): both outputs protected before scoring.
        r = runCli({"eval", "--pairs", dir.filePath("pairs"), "--model", kTiny, "--threads", "1",
                    "--csv", csv, "--protect-sharp"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("sharp areas protected"), qPrintable(r.out));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray protectedRows = file.readAll();
        file.close();
        QCOMPARE(protectedRows.count(",model+protect,"), 2);
        QCOMPARE(protectedRows.count(",model+refine+protect,"), 2);
        r = runCli(
            {"eval", "--pairs", dir.filePath("pairs"), "--method", "input", "--protect-sharp"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--protect-sharp"), qPrintable(r.err));

        r = runCli({"eval", "--pairs", dir.filePath("pairs"), "--method", "input"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("+0.00"), qPrintable(r.out));
        r = runCli({"eval", "--pairs", dir.filePath("pairs"), "--unsharp", "1,1", "--limit", "1"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("mean (1 image)") && r.out.contains("sigma 1, amount 1"));
        r = runCli(
            {"eval", "--pairs", dir.filePath("pairs"), "--tune-unsharp", dir.filePath("pairs")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Tuned:"));

        // A pair that cannot be scored fails the run, after the others.
        writeImage(dir.filePath("pairs/input/zzz.png"), texture(30, 30));
        writeImage(dir.filePath("pairs/target/zzz.png"), texture(31, 30));
        r = runCli({"eval", "--pairs", dir.filePath("pairs"), "--method", "input"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains("mean (2 images)"));
        QVERIFY2(r.err.contains("input/zzz.png") && r.err.contains("target/zzz.png"),
                 qPrintable(r.err));
    }

    /**
     * The method line names the precision that ran, not the "auto" asked for: float32 where
     * the CPU has no bf16 instructions (detection forced off in the child).
     */
    void cliMethodNamesThePrecisionUsed()
    {
        QTemporaryDir dir;
        const cv::Mat sharp = texture(32, 24);
        writeImage(dir.filePath("pairs/input/one.png"), sharp);
        writeImage(dir.filePath("pairs/target/one.png"), sharp);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("UNBLUR_CPU_BF16", "0");
        const QStringList arguments{"eval",    "--pairs",  dir.filePath("pairs"),
                                    "--model", kTiny,      "--threads",
                                    "1",       "--refine", "off"};
        Result r = runCliIn(environment, arguments);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("Method: model ") &&
                     r.out.contains(", auto (float32: this CPU has no bf16 instructions), seed "),
                 qPrintable(r.out));
        // Whatever this CPU has, Auto's choice is named.
        r = runCli(arguments);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(QRegularExpression(", auto \\((float32|bf16)[:)]").match(r.out).hasMatch(),
                 qPrintable(r.out));
        r = runCliIn(environment, arguments + QStringList{"--precision", "fp32"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(", fp32, seed "), qPrintable(r.out));
    }

    void cliAlignsShiftedPairs()
    {
        QTemporaryDir dir;
        cv::Mat sharp;
        cv::Mat moved;
        shiftedPair(48, 40, 2, -3, sharp, moved);
        writeImage(dir.filePath("pairs/input/moved.png"), moved);
        writeImage(dir.filePath("pairs/target/moved.png"), sharp);
        const QString pairsDir = dir.filePath("pairs");
        const QString csv = dir.filePath("rows.csv");
        const auto readCsv = [&]() {
            QFile file(csv);
            return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
        };

        Result r = runCli(
            {"eval", "--pairs", pairsDir, "--method", "input", "--align", "4", "--csv", csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QString::fromUtf8("aligned: each score at the best integer "
                                                  "shift within \u00b14 px")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression("moved +inf +1\\.0000 +inf +1\\.0000")),
                 qPrintable(r.out));
        QString rows = readCsv();
        QVERIFY2(rows.startsWith("name,method,blurry,sharp,input_psnr,input_ssim,output_psnr,"
                                 "output_ssim,gain_psnr,gain_ssim,input_dy,input_dx,output_dy,"
                                 "output_dx,seconds,error\n"),
                 qPrintable(rows));
        QVERIFY2(rows.contains(",inf,1,inf,1,") && rows.contains(",2,-3,2,-3,"), qPrintable(rows));

        // The unsharp mask's output gets its own shift, on the same interior.
        r = runCli(
            {"eval", "--pairs", pairsDir, "--unsharp", "1,0.5", "--align", "4", "--csv", csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        rows = readCsv();
        QVERIFY2(rows.contains(",2,-3,2,-3,"), qPrintable(rows));

        // --align 0 is the plain score, as without the option.
        const Result plain =
            runCli({"eval", "--pairs", pairsDir, "--method", "input", "--csv", csv});
        QCOMPARE(plain.exitCode, 0);
        QVERIFY(!plain.out.contains("aligned") && !readCsv().contains("input_dy"));
        const QString psnr = QString::number(psnr8(moved, sharp), 'f', 2);
        QVERIFY2(plain.out.contains(QRegularExpression("moved +" + psnr + " ")),
                 qPrintable(plain.out));
        r = runCli({"eval", "--pairs", pairsDir, "--method", "input", "--align", "0"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, plain.out);

        for (const char* bad : {"-1", "x", "65"}) {
            QCOMPARE(
                runCli({"eval", "--pairs", pairsDir, "--method", "input", "--align", bad}).exitCode,
                2);
        }
        // An interior smaller than SSIM's window fails the pair, naming it.
        r = runCli({"eval", "--pairs", pairsDir, "--method", "input", "--align", "16"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("input/moved.png"), qPrintable(r.err));
    }

    void cliErrors()
    {
        QTemporaryDir dir;
        Result r = runCli({"eval", "--pairs", dir.path(), "--model", kTiny});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(dir.path()), qPrintable(r.err));
        QCOMPARE(runCli({"eval"}).exitCode, 2);
        QCOMPARE(runCli({"eval", "--pairs", dir.path(), "--method", "magic"}).exitCode, 2);
        QCOMPARE(runCli({"eval", "--pairs", dir.path(), "--method", "model", "--unsharp", "1,1"})
                     .exitCode,
                 2);
        QCOMPARE(runCli({"eval", "--pairs", dir.path(), "--unsharp", "0,1"}).exitCode, 2);
        QCOMPARE(runCli({"eval", "--pairs", dir.path(), "--method", "unsharp"}).exitCode, 2);
        QCOMPARE(runCli({"eval", "--pairs", dir.path(), "--tile", "100"}).exitCode, 2);
        r = runCli({"eval", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("--pairs") && r.out.contains("--tune-unsharp") &&
                r.out.contains("--align"));
    }
};

QTEST_GUILESS_MAIN(TestEval)
#include "TestEval.moc"
