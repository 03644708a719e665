// The photo-level API: restore::Restorer against the golden outputs of the reference code and
// against the tiled engine it wraps (bit for bit), grey and alpha kept, cancel, failures as
// messages, and restore::ModelCatalog's search order and folder checks.
#include "KodakCropSupport.h"
#include "engine/Engine.h"
#include "restore/ModelCatalog.h"
#include "restore/Restorer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstring>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

using namespace unblur;
using restore::RestoreOptions;
using restore::Restorer;
using restore::RestoreStatus;

namespace {

const std::string kTiny = UNBLUR_TEST_DATA "/hidiff-tiny";

/** A raw float32 file of `count` values. */
std::vector<float> readF32(const std::string& name, size_t count)
{
    std::vector<float> values(count);
    std::ifstream in(kTiny + "/" + name, std::ios::binary);
    in.read(reinterpret_cast<char*>(values.data()), std::streamsize(count * sizeof(float)));
    return in ? values : std::vector<float>();
}

/** The fixture's (1,3,45,61) input as an interleaved RGB image. */
io::FloatImage fixtureInput()
{
    const int w = 61, h = 45;
    const std::vector<float> chw = readF32("input.f32", size_t(3 * w * h));
    io::FloatImage image;
    image.width = w;
    image.height = h;
    image.channels = 3;
    image.pixels.resize(image.sampleCount());
    for (int c = 0; c < 3 && !chw.empty(); ++c) {
        for (int i = 0; i < w * h; ++i) {
            image.pixels[size_t(i) * 3 + size_t(c)] = chw[size_t(c) * size_t(w * h) + size_t(i)];
        }
    }
    return image;
}

/** `image` with one channel: the mean of its colours. */
io::FloatImage greyOf(const io::FloatImage& image)
{
    io::FloatImage grey = image;
    grey.channels = 1;
    grey.bitDepth = 16;
    grey.pixels.resize(grey.sampleCount());
    for (size_t i = 0; i < grey.pixels.size(); ++i) {
        grey.pixels[i] =
            (image.pixels[i * 3] + image.pixels[i * 3 + 1] + image.pixels[i * 3 + 2]) / 3.0f;
    }
    return grey;
}

/** PSNR (dB) of `a` against `b` over the columns [x0, x1). */
double psnrOfColumns(const io::FloatImage& a, const io::FloatImage& b, int x0, int x1)
{
    double squared = 0;
    size_t count = 0;
    for (int y = 0; y < a.height; ++y) {
        for (int x = x0; x < x1; ++x) {
            for (int c = 0; c < a.channels; ++c) {
                const size_t i =
                    (size_t(y) * size_t(a.width) + size_t(x)) * size_t(a.channels) + size_t(c);
                const double d = double(a.pixels[i]) - double(b.pixels[i]);
                squared += d * d;
                ++count;
            }
        }
    }
    return squared == 0 ? 99.0 : 10.0 * std::log10(double(count) / squared);
}

/** kodim12 as RGB in [0, 1], read with OpenCV (this test does not link the photo layer). */
io::FloatImage kodim12()
{
    cv::Mat rgb;
    cv::cvtColor(cv::imread(kodakcrop::kKodim12, cv::IMREAD_COLOR), rgb, cv::COLOR_BGR2RGB);
    rgb.convertTo(rgb, CV_32FC3, 1.0 / 255);
    io::FloatImage image;
    image.width = rgb.cols;
    image.height = rgb.rows;
    image.channels = 3;
    const cv::Mat flat = rgb.reshape(1, 1);
    image.pixels.assign(flat.begin<float>(), flat.end<float>());
    return image;
}

/** The sharp crop on the left, its shaken copy on the right, a 32 px soft seam between. */
io::FloatImage halfSharpHalfBlurred()
{
    const io::FloatImage full = kodim12();
    const io::FloatImage sharp = kodakcrop::kodakCrop(full, kodakcrop::Blur::None);
    const io::FloatImage blurred = kodakcrop::kodakCrop(full, kodakcrop::Blur::Shake);
    io::FloatImage image = sharp;
    constexpr int kSeam = 32;
    const int start = (image.width - kSeam) / 2;
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            const float t = std::clamp(float(x - start) / float(kSeam), 0.0f, 1.0f);
            for (int c = 0; c < image.channels; ++c) {
                const size_t i =
                    (size_t(y) * size_t(image.width) + size_t(x)) * size_t(image.channels) +
                    size_t(c);
                image.pixels[i] = (1 - t) * sharp.pixels[i] + t * blurred.pixels[i];
            }
        }
    }
    return image;
}

std::unique_ptr<Restorer> openTiny()
{
    std::string error;
    std::unique_ptr<Restorer> restorer = Restorer::open(kTiny, error);
    if (!restorer) {
        qWarning("%s", error.c_str());
    }
    return restorer;
}

} // namespace

class TestRestorer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Restorer::configureThreads(0); }

    void opensAModelAndDescribesIt()
    {
        const std::unique_ptr<Restorer> restorer = openTiny();
        QVERIFY(restorer);
        QCOMPARE(restorer->model().folder, kTiny);
        QCOMPARE(restorer->model().name, std::string("hidiff-tiny"));
        QCOMPARE(restorer->model().configuration,
                 std::string("dim 8, blocks 1-1-1-1, 8 diffusion steps"));
        QVERIFY(restorer->model().loadSeconds > 0);
    }

    void refusesAFolderThatIsNoModel()
    {
        QTemporaryDir dir;
        std::string error;
        QVERIFY(!Restorer::open(dir.path().toStdString(), error));
        QVERIFY2(error.find(dir.path().toStdString()) != std::string::npos, error.c_str());
        QVERIFY2(error.find("net_g.pth") != std::string::npos, error.c_str());
    }

    /** The reference code's output, through the photo API (clamped, as photos are). */
    void matchesTheGoldenOutput()
    {
        const std::unique_ptr<Restorer> restorer = openTiny();
        QVERIFY(restorer);
        const io::FloatImage input = fixtureInput();
        QVERIFY(!input.pixels.empty());
        const restore::RestoreResult result = restorer->restore(input, RestoreOptions());
        QVERIFY2(result.ok(), result.message.c_str());
        QCOMPARE(result.tiles, 1);
        const std::vector<float> golden = readF32("output.f32", input.sampleCount());
        QVERIFY(!golden.empty());
        const int plane = input.width * input.height;
        double worst = 0;
        for (int c = 0; c < 3; ++c) {
            for (int i = 0; i < plane; ++i) {
                const float expected = std::clamp(golden[size_t(c * plane + i)], 0.0f, 1.0f);
                worst = std::max(
                    worst, double(std::abs(result.image.pixels[size_t(i * 3 + c)] - expected)));
            }
        }
        qInfo("largest difference from the reference: %.2g", worst);
        QVERIFY(worst < 1e-4);
    }

    /** What the engine gives for the same tensor, bit for bit, in tiles too. */
    void equalsTheEngineBitForBit()
    {
        const std::unique_ptr<Restorer> restorer = openTiny();
        const std::unique_ptr<engine::Engine> engine = engine::Engine::fromFolder(kTiny);
        const io::FloatImage input = fixtureInput();
        RestoreOptions options;
        options.engine.tileSize = 32;
        options.engine.overlap = 8;
        options.engine.seed = 77;
        const restore::RestoreResult result = restorer->restore(input, options);
        QVERIFY2(result.ok(), result.message.c_str());
        QVERIFY(result.tiles > 1);

        c10::InferenceMode inference;
        torch::Tensor tensor = torch::from_blob(const_cast<float*>(input.pixels.data()),
                                                {input.height, input.width, 3}, torch::kFloat32)
                                   .permute({2, 0, 1})
                                   .unsqueeze(0)
                                   .contiguous();
        const engine::EngineResult direct = engine->process(tensor, options.engine);
        const torch::Tensor hwc = direct.image.clamp(0.0, 1.0)[0].permute({1, 2, 0}).contiguous();
        QCOMPARE(result.image.pixels.size(), size_t(hwc.numel()));
        QVERIFY(std::memcmp(result.image.pixels.data(), hwc.data_ptr<float>(),
                            result.image.pixels.size() * sizeof(float)) == 0);
    }

    void keepsGreyAlphaAndBitDepth()
    {
        const std::unique_ptr<Restorer> restorer = openTiny();
        const io::FloatImage rgb = fixtureInput();
        const io::FloatImage grey = greyOf(rgb);
        const restore::RestoreResult greyResult = restorer->restore(grey, RestoreOptions());
        QVERIFY(greyResult.ok());
        QCOMPARE(greyResult.image.channels, 1);
        QCOMPARE(greyResult.image.bitDepth, 16);
        QCOMPARE(greyResult.image.pixels.size(), grey.pixels.size());

        io::FloatImage rgba = rgb;
        rgba.channels = 4;
        rgba.pixels.resize(rgba.sampleCount());
        for (size_t i = 0; i < size_t(rgb.width * rgb.height); ++i) {
            std::memcpy(&rgba.pixels[i * 4], &rgb.pixels[i * 3], 3 * sizeof(float));
            rgba.pixels[i * 4 + 3] = float(i % 7) / 7.0f;
        }
        const restore::RestoreResult rgbResult = restorer->restore(rgb, RestoreOptions());
        const restore::RestoreResult rgbaResult = restorer->restore(rgba, RestoreOptions());
        QVERIFY(rgbaResult.ok());
        QCOMPARE(rgbaResult.image.channels, 4);
        for (size_t i = 0; i < size_t(rgb.width * rgb.height); ++i) {
            QCOMPARE(rgbaResult.image.pixels[i * 4 + 3], rgba.pixels[i * 4 + 3]); // untouched
            QCOMPARE(rgbaResult.image.pixels[i * 4], rgbResult.image.pixels[i * 3]);
        }
    }

    /**
     * protectSharp: the result is the network's blended with the input through the blur map's
     * weight, so the sharp half stays within 40 dB of the input and the shaken half changes
     * more (how much is core/blur's matter: TestBlur).
     */
    void protectSharpKeepsTheSharpHalf()
    {
        const std::unique_ptr<Restorer> restorer = openTiny();
        QVERIFY(restorer);
        const io::FloatImage input = halfSharpHalfBlurred();
        RestoreOptions options;
        const restore::RestoreResult plain = restorer->restore(input, options);
        QVERIFY2(plain.ok(), plain.message.c_str());
        QVERIFY(plain.blur.restoreWeight.pixels.empty()); // measured with protectSharp only
        options.protectSharp = true;
        const restore::RestoreResult kept = restorer->restore(input, options);
        QVERIFY2(kept.ok(), kept.message.c_str());
        QVERIFY(kept.blur.measurable && !kept.blur.restoreWeight.pixels.empty());
        QVERIFY(kept.protectSeconds > 0);
        io::FloatImage blended = plain.image;
        blur::blendThroughWeight(input, blended, kept.blur.restoreWeight);
        QVERIFY(kept.image.pixels == blended.pixels);

        const int third = input.width / 3;
        const double sharpKept = psnrOfColumns(kept.image, input, 0, third);
        const double sharpPlain = psnrOfColumns(plain.image, input, 0, third);
        const double shakenKept =
            psnrOfColumns(kept.image, input, input.width - third, input.width);
        const double shakenPlain =
            psnrOfColumns(plain.image, input, input.width - third, input.width);
        qInfo("sharp third: %.1f dB from the input kept, %.1f dB without protection; shaken "
              "third: %.1f dB kept, %.1f dB without",
              sharpKept, sharpPlain, shakenKept, shakenPlain);
        QVERIFY2(sharpKept >= 40.0, qPrintable(QString::number(sharpKept)));
        // The tiny model's output is far from the input: what is restored moves away from it.
        QVERIFY2(shakenKept < sharpKept, qPrintable(QString::number(shakenKept)));
    }

    void reportsProgressAndCancels()
    {
        const std::unique_ptr<Restorer> restorer = openTiny();
        RestoreOptions options;
        options.engine.tileSize = 32;
        options.engine.overlap = 8;
        restore::CancelToken cancel;
        int reports = 0;
        const restore::RestoreResult result = restorer->restore(
            fixtureInput(), options,
            [&](const restore::RestoreProgress& progress) {
                ++reports;
                if (progress.tilesDone >= 1) {
                    cancel.cancel();
                }
            },
            &cancel);
        QCOMPARE(int(result.status), int(RestoreStatus::Cancelled));
        QVERIFY(result.image.pixels.empty());
        QVERIFY(reports > 1);
    }

    void failsWithAMessageInsteadOfThrowing()
    {
        const std::unique_ptr<Restorer> restorer = openTiny();
        RestoreOptions badTile;
        badTile.engine.tileSize = 12;
        const restore::RestoreResult tile = restorer->restore(fixtureInput(), badTile);
        QCOMPARE(int(tile.status), int(RestoreStatus::Failed));
        QVERIFY2(tile.message.find("tile size 12") != std::string::npos, tile.message.c_str());
        QCOMPARE(Restorer::check(badTile), tile.message);

        RestoreOptions cuda;
        cuda.engine.device = "cuda:7";
        if (Restorer::cudaDevices().size() < 8) {
            const restore::RestoreResult result = restorer->restore(fixtureInput(), cuda);
            QCOMPARE(int(result.status), int(RestoreStatus::Failed));
            QVERIFY2(result.message.find("cuda:7") != std::string::npos, result.message.c_str());
            QVERIFY(result.message.find("Exception raised from") == std::string::npos);
        }
        QVERIFY(Restorer::check(RestoreOptions()).empty());
        QVERIFY(Restorer::describeDevice(RestoreOptions()).text.size() > 3);
    }

    void catalogFindsAndChecksModels()
    {
        qputenv("UNBLUR_MODEL_DIR", QByteArray::fromStdString(kTiny));
        QCOMPARE(restore::ModelCatalog::bundledFolder(), kTiny);
        QCOMPARE(restore::ModelCatalog::choose("/elsewhere"), std::string("/elsewhere"));
        QCOMPARE(restore::ModelCatalog::choose(""), kTiny);

        QTemporaryDir dir;
        const std::string half = dir.filePath(QStringLiteral("half")).toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(half)));
        QVERIFY(QFile::copy(QString::fromStdString(kTiny + "/net_g.pth"),
                            QString::fromStdString(half + "/net_g.pth")));
        const restore::FolderProblem problem = restore::ModelCatalog::check(half);
        QVERIFY(!problem.ok());
        QCOMPARE(problem.missingFiles, (std::vector<std::string>{"net_le_dm.pth", "net_d.pth"}));
        QVERIFY(restore::ModelCatalog::check(half + "/nothing").notAFolder);
        QVERIFY(restore::ModelCatalog::check(kTiny).ok());

        // The bundled model first; duplicates and broken folders left out.
        const std::vector<restore::ModelEntry> models =
            restore::ModelCatalog::list({kTiny + "/", half, kTiny});
        QCOMPARE(models.size(), size_t(1));
        QVERIFY(models.front().bundled);
        QCOMPARE(models.front().name, std::string("hidiff-tiny"));
        qunsetenv("UNBLUR_MODEL_DIR");
        // Without the variable: the build tree's bundled model, found from the program.
        const std::string bundled = restore::ModelCatalog::bundledFolder();
        QVERIFY2(
            QString::fromStdString(bundled).endsWith(QStringLiteral("resources/models/default")),
            bundled.c_str());
        QCOMPARE(restore::ModelCatalog::displayName(bundled).rfind("Unblur default", 0), size_t(0));
    }
};

QTEST_MAIN(TestRestorer)
#include "TestRestorer.moc"
