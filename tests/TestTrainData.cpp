// The training-data layer: blur kernels, degradation, synthetic and paired-folder sources,
// the pair-folder writer and the packed patch file.
#include "train/PackedPatchFile.h"
#include "train/data/BlurKernels.h"
#include "train/data/Degradation.h"
#include "train/data/PairFolderSource.h"
#include "train/data/PairFolderWriter.h"
#include "train/data/SyntheticPairSource.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <set>
#include <thread>

using namespace unblur::train;

namespace {

/** A photo-like test image: shapes, lines and text on a smooth gradient, with fine grain. */
cv::Mat testPhoto(int width, int height, uint64_t seed)
{
    Engine rng(seed);
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(40 + 120 * x / width),
                                                  static_cast<uchar>(60 + 100 * y / height),
                                                  static_cast<uchar>(90 + uniformInt(rng, 0, 20)));
        }
    }
    const auto colour = [&rng] {
        return cv::Scalar(uniformInt(rng, 0, 255), uniformInt(rng, 0, 255),
                          uniformInt(rng, 0, 255));
    };
    const auto point = [&] {
        return cv::Point(uniformInt(rng, 0, width), uniformInt(rng, 0, height));
    };
    for (int i = 0; i < 12; ++i)
        cv::rectangle(image, point(), point(), colour(), -1);
    for (int i = 0; i < 8; ++i)
        cv::circle(image, point(), uniformInt(rng, 2, 30), colour(), -1, cv::LINE_AA);
    for (int i = 0; i < 10; ++i)
        cv::line(image, point(), point(), colour(), uniformInt(rng, 1, 3), cv::LINE_AA);
    cv::putText(image, "Unblur", point(), cv::FONT_HERSHEY_SIMPLEX, 0.8, colour(), 2);
    return image;
}

void writeImage(const QString& path, const cv::Mat& image)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QVERIFY2(cv::imwrite(path.toStdString(), image), qPrintable(path));
}

/** Mean squared horizontal + vertical difference of a CHW patch. */
double gradientEnergy(const std::vector<float>& chw, int size)
{
    double sum = 0;
    for (int c = 0; c < 3; ++c) {
        const float* p = chw.data() + static_cast<size_t>(c) * size * size;
        for (int y = 0; y + 1 < size; ++y) {
            for (int x = 0; x + 1 < size; ++x) {
                const double dx = p[y * size + x + 1] - p[y * size + x];
                const double dy = p[(y + 1) * size + x] - p[y * size + x];
                sum += dx * dx + dy * dy;
            }
        }
    }
    return sum / (3.0 * (size - 1) * (size - 1));
}

bool samePair(const PatchPair& a, const PatchPair& b)
{
    return a.size == b.size && a.blurry == b.blurry && a.sharp == b.sharp;
}

double maxDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    double d = 0;
    for (size_t i = 0; i < a.size(); ++i)
        d = std::max(d, static_cast<double>(std::abs(a[i] - b[i])));
    return d;
}

/** The std::runtime_error message of `action`, or "<no error>". */
QString runtimeErrorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const std::runtime_error& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no error>");
}

bool equalBytes(const cv::Mat& a, const cv::Mat& b)
{
    return a.size() == b.size() && a.type() == b.type() &&
           std::equal(a.datastart, a.dataend, b.datastart);
}

} // namespace

class TestTrainData : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_photos;

    std::vector<std::string> photoFolders() const { return {m_photos.toStdString()}; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_photos = m_dir.filePath(QStringLiteral("photos"));
        // Varied sizes (one smaller than a crop), formats, a grey and a 16-bit photo, a
        // nested folder, and one unreadable file.
        const int sizes[][2] = {{320, 240}, {256, 300}, {400, 200}, {96, 80},   {300, 300},
                                {280, 210}, {240, 320}, {360, 240}, {200, 200}, {330, 250}};
        for (int i = 0; i < 10; ++i) {
            const cv::Mat photo = testPhoto(sizes[i][0], sizes[i][1], 100 + i);
            const QString sub = i % 3 == 0 ? QStringLiteral("/nested/") : QStringLiteral("/");
            const QString name = m_photos + sub + QStringLiteral("photo%1").arg(i);
            if (i == 1) {
                cv::Mat grey;
                cv::cvtColor(photo, grey, cv::COLOR_BGR2GRAY);
                writeImage(name + ".png", grey);
            } else if (i == 2) {
                cv::Mat deep;
                photo.convertTo(deep, CV_16UC3, 257.0);
                writeImage(name + ".tif", deep);
            } else {
                writeImage(name + (i % 2 ? ".jpg" : ".png"), photo);
            }
        }
        QFile broken(m_photos + QStringLiteral("/broken.jpg"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("this is not a JPEG");
    }

    void kernelsAreNormalisedAndDeterministic()
    {
        using Maker = std::function<cv::Mat(Engine&)>;
        const std::vector<std::pair<const char*, Maker>> makers = {
            {"shake", [](Engine& g) { return shakeKernel(g); }},
            {"sway", [](Engine& g) { return swayKernel(g); }},
            {"linear", [](Engine& g) { return linearMotionKernel(g); }},
            {"defocus", [](Engine& g) { return defocusKernel(g); }},
            {"gaussian", [](Engine& g) { return gaussianKernel(g); }},
            {"random", [](Engine& g) { return randomKernel(g); }},
        };
        for (const auto& [name, make] : makers) {
            for (uint64_t seed = 1; seed <= 40; ++seed) {
                Engine a(seed), b(seed), c(seed + 1000);
                const cv::Mat k = make(a);
                QVERIFY2(k.type() == CV_32F && k.rows == k.cols, name);
                QVERIFY2(k.rows % 2 == 1 && k.rows <= kMaxKernelSize, name);
                double minValue = 0;
                cv::minMaxLoc(k, &minValue);
                QVERIFY2(minValue >= 0, name);
                QVERIFY2(std::abs(cv::sum(k)[0] - 1.0) < 1e-5, name);
                // The centre of mass sits on the centre pixel: no shift between the pair.
                const cv::Moments mo = cv::moments(k);
                const double centre = (k.rows - 1) / 2.0;
                QVERIFY2(std::abs(mo.m10 / mo.m00 - centre) < 0.01, name);
                QVERIFY2(std::abs(mo.m01 / mo.m00 - centre) < 0.01, name);
                QVERIFY2(equalBytes(k, make(b)), name);
                QVERIFY2(!equalBytes(k, make(c)), name);
            }
        }
    }

    void shakeKernelsAreCurvedAndSized_data()
    {
        QTest::addColumn<bool>("sway");
        QTest::newRow("shake") << false;
        QTest::newRow("sway") << true;
    }

    void shakeKernelsAreCurvedAndSized()
    {
        QFETCH(bool, sway);
        // Mass more than a pixel away from the kernel's principal axis: a curved path.
        int curved = 0;
        int smallest = kMaxKernelSize, largest = 0;
        const int trials = 100;
        for (uint64_t seed = 0; seed < trials; ++seed) {
            Engine g(seed);
            const cv::Mat k = sway ? swayKernel(g) : shakeKernel(g);
            const cv::Moments mo = cv::moments(k);
            const double angle = 0.5 * std::atan2(2 * mo.mu11, mo.mu20 - mo.mu02);
            const double cx = mo.m10 / mo.m00, cy = mo.m01 / mo.m00;
            double off = 0;
            for (int y = 0; y < k.rows; ++y) {
                for (int x = 0; x < k.cols; ++x) {
                    const double d =
                        std::abs(-(x - cx) * std::sin(angle) + (y - cy) * std::cos(angle));
                    if (d > 1.0)
                        off += k.at<float>(y, x);
                }
            }
            curved += off > 0.05 ? 1 : 0;
            smallest = std::min(smallest, k.rows);
            largest = std::max(largest, k.rows);
        }
        qInfo("%s kernels: %d of %d curved, sizes %d..%d", sway ? "sway" : "shake", curved, trials,
              smallest, largest);
        QVERIFY(curved >= trials * 7 / 10);
        QVERIFY(smallest <= 11);
        QVERIFY(largest >= 25);
    }

    void shakeExtentSetsKernelSize()
    {
        // Longer side of the kernel's support: the extent asked for, within splatting's pixel.
        for (const bool sway : {false, true}) {
            int smallest = kMaxKernelSize, largest = 0;
            for (uint64_t seed = 0; seed < 50; ++seed) {
                Engine g(seed);
                const cv::Mat k = sway ? swayKernel(g, 20, 24) : shakeKernel(g, 20, 24);
                const cv::Rect support = cv::boundingRect(k > 1e-6f);
                const int side = std::max(support.width, support.height);
                smallest = std::min(smallest, side);
                largest = std::max(largest, side);
            }
            qInfo("%s 20..24 px: support %d..%d", sway ? "sway" : "shake", smallest, largest);
            QVERIFY(smallest >= 19);
            QVERIFY(largest <= 27);
        }
        // Through the mix: extents of 28 px, shrunk only where a lopsided path would not fit.
        KernelMix large{1, 0, 0, 0, 0};
        large.shakeExtentMin = large.shakeExtentMax = 28;
        int wide = 0;
        for (uint64_t seed = 0; seed < 20; ++seed) {
            Engine g(seed);
            const cv::Rect support = cv::boundingRect(randomKernel(g, large) > 1e-6f);
            wide += std::max(support.width, support.height) >= 26 ? 1 : 0;
        }
        qInfo("28 px through the mix: %d of 20 kernels at least 26 px", wide);
        QVERIFY(wide >= 10);
    }

    void kernelMixFollowsProbabilities()
    {
        Engine g(7);
        int counts[5] = {};
        const int draws = 4000;
        for (int i = 0; i < draws; ++i)
            ++counts[static_cast<int>(pickKernelKind(g, KernelMix{}))];
        const double expected[5] = {0.55, 0.2, 0.15, 0.1, 0}; // sway is off by default
        for (int i = 0; i < 5; ++i)
            QVERIFY(std::abs(counts[i] / double(draws) - expected[i]) < 0.03);
        KernelMix halfSway{0.5, 0, 0, 0, 0.5};
        int sways = 0;
        for (int i = 0; i < draws; ++i)
            sways += pickKernelKind(g, halfSway) == KernelKind::Sway ? 1 : 0;
        QVERIFY(std::abs(sways / double(draws) - 0.5) < 0.03);
        QCOMPARE(kernelKindName(KernelKind::Sway), "sway");
        Engine h(7);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 pickKernelKind(h, KernelMix{0, 0, 0, 0, 0}));
    }

    void degradationKeepsTheSharpCentre()
    {
        for (float v : {0.0f, 0.002f, 0.04f, 0.3f, 0.9f, 1.0f})
            QVERIFY(std::abs(linearToSrgb(srgbToLinear(v)) - v) < 1e-6);
        cv::Mat sharp;
        testPhoto(96, 80, 5).convertTo(sharp, CV_32FC3, 1.0 / 255);
        for (uint64_t seed = 0; seed < 20; ++seed) {
            Engine g(seed);
            const DegradedPair pair = degrade(sharp, 16, g);
            QCOMPARE(pair.blurry.size(), cv::Size(64, 48));
            QCOMPARE(pair.blurry.type(), CV_32FC3);
            QVERIFY(equalBytes(pair.sharp, sharp(cv::Rect(16, 16, 64, 48)).clone()));
            double lo = 0, hi = 0;
            cv::minMaxLoc(pair.blurry.reshape(1), &lo, &hi);
            QVERIFY(lo >= 0 && hi <= 1);
        }
        Engine g(1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, degrade(sharp, 48, g));
    }

    void syntheticSourceIsDeterministic()
    {
        const SyntheticPairSource source(photoFolders(), 42);
        const SyntheticPairSource again(photoFolders(), 42);
        const SyntheticPairSource other(photoFolders(), 43);
        const int count = 24, size = 64;
        std::vector<PatchPair> first;
        for (int i = 0; i < count; ++i) {
            first.push_back(source.sample(i, size));
            QCOMPARE(first.back().size, size);
            QCOMPARE(first.back().blurry.size(), size_t(3 * size * size));
            QCOMPARE(first.back().sharp.size(), size_t(3 * size * size));
            QVERIFY(samePair(first.back(), again.sample(i, size)));
            QVERIFY(!samePair(first.back(), other.sample(i, size)));
            for (float v : first.back().blurry)
                QVERIFY(v >= 0 && v <= 1);
        }
        for (int i = 1; i < count; ++i)
            QVERIFY(!samePair(first[i], first[i - 1]));

        // Several threads, each in its own (reversed, strided) order.
        std::vector<PatchPair> threaded(count);
        std::vector<std::thread> pool;
        for (int t = 0; t < 3; ++t) {
            pool.emplace_back([&, t] {
                for (int i = count - 1 - t; i >= 0; i -= 3)
                    threaded[i] = source.sample(i, size);
            });
        }
        for (auto& t : pool)
            t.join();
        for (int i = 0; i < count; ++i)
            QVERIFY(samePair(first[i], threaded[i]));
    }

    void syntheticBlurryIsBlurrier()
    {
        const SyntheticPairSource source(photoFolders(), 9);
        int blurrier = 0;
        double ratioSum = 0;
        const int count = 40;
        for (int i = 0; i < count; ++i) {
            const PatchPair pair = source.sample(1000 + i, 96);
            const double ratio = gradientEnergy(pair.blurry, 96) / gradientEnergy(pair.sharp, 96);
            blurrier += ratio < 1 ? 1 : 0;
            ratioSum += ratio;
        }
        qInfo("blurry/sharp gradient energy: mean ratio %.3f, %d of %d lower", ratioSum / count,
              blurrier, count);
        QVERIFY(blurrier >= count * 8 / 10);
        QVERIFY(ratioSum / count < 0.7);
    }

    void smallerScalesGiveDenserDetail()
    {
        // The same draws, the photo shrunk to 45 % before cropping instead of kept as it is.
        SyntheticPairOptions native, shrunk;
        native.scaleMin = native.scaleMax = 1.0;
        shrunk.scaleMin = shrunk.scaleMax = 0.45;
        const SyntheticPairSource nativeSource(photoFolders(), 9, false, native);
        const SyntheticPairSource shrunkSource(photoFolders(), 9, false, shrunk);
        double nativeEnergy = 0, shrunkEnergy = 0;
        for (int i = 0; i < 30; ++i) {
            nativeEnergy += gradientEnergy(nativeSource.sample(i, 64).sharp, 64);
            shrunkEnergy += gradientEnergy(shrunkSource.sample(i, 64).sharp, 64);
        }
        qInfo("sharp gradient energy: %.4f at scale 1, %.4f at 0.45", nativeEnergy / 30,
              shrunkEnergy / 30);
        QVERIFY(shrunkEnergy > 1.3 * nativeEnergy);
    }

    void splitsAreDisjointAndComplete()
    {
        const SyntheticPairSource train(photoFolders(), 1, false);
        const SyntheticPairSource validation(photoFolders(), 1, true);
        QVERIFY(train.trainFiles() == validation.trainFiles());
        QVERIFY(train.validationFiles() == validation.validationFiles());
        QVERIFY(!train.trainFiles().empty());
        QVERIFY(!train.validationFiles().empty());
        std::set<std::string> all;
        for (const auto& f : train.trainFiles())
            all.insert(f);
        for (const auto& f : train.validationFiles())
            QVERIFY2(all.insert(f).second, f.c_str());
        QCOMPARE(all.size(), size_t(11)); // 10 photos and the broken file
        QVERIFY(validation.isValidation() && !train.isValidation());

        // Each decoded photo belongs to its split; the broken file is skipped, with a reason.
        for (const auto& p : validation.photos())
            QVERIFY(std::count(train.validationFiles().begin(), train.validationFiles().end(), p));
        std::vector<SkippedFile> skipped = train.skipped();
        skipped.insert(skipped.end(), validation.skipped().begin(), validation.skipped().end());
        QCOMPARE(skipped.size(), size_t(1));
        QVERIFY(skipped[0].path.find("broken.jpg") != std::string::npos);
        QVERIFY(!skipped[0].reason.empty());
        QCOMPARE(train.photos().size() + validation.photos().size(), size_t(10));
        QVERIFY(QString::fromStdString(train.describe()).contains(m_photos));
        // pack and make-pairs print this: how the pairs were made.
        QVERIFY(
            QString::fromStdString(train.describe())
                .contains("shake extent 4..30 px, grey 0.1, noise-free 0.2, noise max 0.004,0.02, "
                          "JPEG 0.4, linear light 0.7"));
    }

    void syntheticSourceErrors()
    {
        const QString empty = m_dir.filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(empty));
        QFile::copy(m_photos + QStringLiteral("/broken.jpg"), empty + QStringLiteral("/x.png"));
        QVERIFY(
            runtimeErrorOf([&] { SyntheticPairSource({empty.toStdString()}, 1); }).contains(empty));
        const QString missing = m_dir.filePath(QStringLiteral("missing"));
        QVERIFY(runtimeErrorOf([&] {
                    SyntheticPairSource({missing.toStdString()}, 1);
                }).contains(missing));
    }

    void pairFolderSourceReadsGoProLayout()
    {
        const QString root = m_dir.filePath(QStringLiteral("gopro"));
        // Blurry identical to sharp, so any misaligned crop or turn would show.
        for (int s = 0; s < 2; ++s) {
            for (int f = 0; f < 3; ++f) {
                const cv::Mat photo = testPhoto(120 + 10 * f, 90, 500 + 10 * s + f);
                const QString name = QStringLiteral("/%1.png").arg(f, 6, 10, QLatin1Char('0'));
                const QString seq = root + QStringLiteral("/train/GOPR%1").arg(s);
                writeImage(seq + "/blur" + name, photo);
                writeImage(seq + "/sharp" + name, photo);
                writeImage(seq + "/blur_gamma" + name, photo);
            }
        }
        writeImage(root + "/train/GOPR0/blur/orphan.png", testPhoto(50, 50, 1));
        writeImage(root + "/extra/input/a.png", testPhoto(60, 40, 2));
        writeImage(root + "/extra/target/a.png", testPhoto(60, 40, 2));
        writeImage(root + "/extra/input/b.png", testPhoto(60, 40, 3));
        writeImage(root + "/extra/target/b.png", testPhoto(64, 40, 3));

        const PairFolderSource source(root.toStdString(), 5);
        QCOMPARE(source.pairCount(), size_t(7));
        QCOMPARE(source.skipped().size(), size_t(2)); // the orphan, and b.png's size mismatch
        for (uint64_t i = 0; i < 20; ++i) {
            const PatchPair pair = source.sample(i, i % 2 ? 48 : 100); // 100: reflected
            QVERIFY(pair.blurry == pair.sharp);
            QVERIFY(samePair(pair, source.sample(i, i % 2 ? 48 : 100)));
        }
        QVERIFY(!samePair(source.sample(1, 48), source.sample(3, 48)));

        // A cache too small for anything gives the same pairs.
        const PairFolderSource uncached(root.toStdString(), 5, PairFolderOptions{0, 1});
        for (uint64_t i = 0; i < 6; ++i)
            QVERIFY(samePair(source.sample(i, 48), uncached.sample(i, 48)));

        const QString none = m_dir.filePath(QStringLiteral("nopairs"));
        QVERIFY(QDir().mkpath(none + QStringLiteral("/blur")));
        QVERIFY(runtimeErrorOf([&] { PairFolderSource(none.toStdString(), 1); }).contains(none));
    }

    void pairFolderWriterRoundTrips()
    {
        const SyntheticPairSource source(photoFolders(), 3);
        const QString out = m_dir.filePath(QStringLiteral("written"));
        writePairFolder(out.toStdString(), source, 5, 40, 100);
        QVERIFY(QFile::exists(out + QStringLiteral("/input/0004.png")));
        QVERIFY(QFile::exists(out + QStringLiteral("/target/0000.png")));
        const cv::Mat written = cv::imread((out + QStringLiteral("/input/0002.png")).toStdString());
        QCOMPARE(written.size(), cv::Size(40, 40));
        // Pixel (0,0), red channel, equals the source's value to 8 bits.
        const PatchPair pair = source.sample(102, 40);
        QVERIFY(std::abs(written.at<cv::Vec3b>(0, 0)[2] / 255.0 - pair.blurry[0]) <
                0.5 / 255 + 1e-6);
        const PairFolderSource reread(out.toStdString(), 1);
        QCOMPARE(reread.pairCount(), size_t(5));
    }

    void packedFileRoundTrips()
    {
        const SyntheticPairSource source(photoFolders(), 11);
        const std::string path = m_dir.filePath(QStringLiteral("pairs.pk")).toStdString();
        writePackedPatches(path, source, 6, 48, 200, 2);
        QVERIFY(!QFile::exists(QString::fromStdString(path + ".partial")));
        const PackedPatchSource packed(path, 1);
        QCOMPARE(packed.count(), uint64_t(6));
        QCOMPARE(packed.storedSize(), 48);
        QCOMPARE(packed.firstIndex(), uint64_t(200));
        QCOMPARE(packed.sourceDescription(), source.describe());
        for (uint64_t i = 0; i < 6; ++i) {
            const PatchPair original = source.sample(200 + i, 48);
            const PatchPair stored = packed.stored(i);
            QVERIFY(maxDifference(original.blurry, stored.blurry) <= 0.5 / 65535 + 1e-7);
            QVERIFY(maxDifference(original.sharp, stored.sharp) <= 0.5 / 65535 + 1e-7);
        }
        // Crops and turns: deterministic, the right size, values from the stored pair.
        for (uint64_t i = 0; i < 12; ++i) {
            const PatchPair a = packed.sample(i, 32);
            QCOMPARE(a.size, 32);
            QCOMPARE(a.blurry.size(), size_t(3 * 32 * 32));
            QVERIFY(samePair(a, packed.sample(i, 32)));
            // A full-size sample is a turn of the stored pair: same values, same sum.
            const PatchPair full = packed.sample(i, 48);
            const PatchPair stored = packed.stored(i % 6);
            std::vector<float> x = full.sharp, y = stored.sharp;
            std::sort(x.begin(), x.end());
            std::sort(y.begin(), y.end());
            QVERIFY(x == y);
        }
        QVERIFY(!samePair(packed.sample(0, 32), packed.sample(6, 32)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, packed.sample(0, 64));
    }

    void packedFileRejectsDamage()
    {
        const SyntheticPairSource source(photoFolders(), 12);
        const QString good = m_dir.filePath(QStringLiteral("good.pk"));
        writePackedPatches(good.toStdString(), source, 2, 16);
        QFile file(good);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();

        const auto damaged = [&](const QString& name, const QByteArray& content) {
            const QString path = m_dir.filePath(name);
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly))
                return QStringLiteral("cannot write");
            f.write(content);
            f.close();
            const QString error = runtimeErrorOf([&] { PackedPatchSource(path.toStdString()); });
            return error.contains(path) ? QString() : error;
        };
        QCOMPARE(damaged(QStringLiteral("truncated.pk"), bytes.left(bytes.size() - 10)), QString());
        QCOMPARE(damaged(QStringLiteral("long.pk"), bytes + QByteArray(4, 'x')), QString());
        QCOMPARE(damaged(QStringLiteral("header.pk"), bytes.left(20)), QString());
        QCOMPARE(damaged(QStringLiteral("garbage.pk"), QByteArray(5000, '\x5a')), QString());
        QByteArray version = bytes;
        version[8] = 9;
        QCOMPARE(damaged(QStringLiteral("version.pk"), version), QString());
        QByteArray count = bytes;
        count[23] = '\x7f'; // an absurd pair count must not wrap the length check
        QCOMPARE(damaged(QStringLiteral("count.pk"), count), QString());
        const QString missing = m_dir.filePath(QStringLiteral("missing.pk"));
        QVERIFY(
            runtimeErrorOf([&] { PackedPatchSource(missing.toStdString()); }).contains(missing));
    }

    void sampleTiming()
    {
        const SyntheticPairSource source(photoFolders(), 77);
        std::vector<double> ms;
        for (int i = 0; i < 21; ++i) {
            QElapsedTimer timer;
            timer.start();
            const PatchPair pair = source.sample(5000 + i, 128);
            ms.push_back(timer.nsecsElapsed() / 1e6);
            QCOMPARE(pair.size, 128);
        }
        std::sort(ms.begin(), ms.end());
        qInfo("synthetic 128x128 pair: median %.2f ms (min %.2f, max %.2f)", ms[ms.size() / 2],
              ms.front(), ms.back());
    }
};

QTEST_GUILESS_MAIN(TestTrainData)
#include "TestTrainData.moc"
