// The model shipped in resources/models/default: it loads, documents itself, and deblurs.
#include "model/CpuRuntime.h"
#include "model/ModelFolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <torch/torch.h>

namespace {

const QString kBundled = QStringLiteral(UNBLUR_SOURCE_DIR "/resources/models/default");
const QString kSharp = QStringLiteral(UNBLUR_TEST_DATA "/sharp/kodim12.png");

/** (1,3,H,W) float tensor in [0,1] from an 8-bit BGR image. */
torch::Tensor toTensor(const cv::Mat& bgr)
{
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    rgb.convertTo(rgb, CV_32FC3, 1.0 / 255.0);
    return torch::from_blob(rgb.data, {1, rgb.rows, rgb.cols, 3}).permute({0, 3, 1, 2}).clone();
}

double psnr8(const torch::Tensor& a, const torch::Tensor& b)
{
    const auto q = [](const torch::Tensor& t) { return t.clamp(0, 1).mul(255).round(); };
    const double mse = (q(a) - q(b)).pow(2).mean().item<double>();
    return 10.0 * std::log10(255.0 * 255.0 / mse);
}

} // namespace

class TestBundledModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { unblur::model::configureCpuThreads(0); }

    void loadsAndDocumentsItself()
    {
        const auto loaded = unblur::model::loadModelFolder(kBundled.toStdString());
        QVERIFY(loaded.info.configFromJson);
        const unblur::model::ModelCard& card = loaded.info.card;
        QCOMPARE(loaded.info.displayName(), std::string("Unblur default 1.0"));
        QVERIFY(!card.license.empty() && !card.description.empty());
        QVERIFY(card.description.size() < 400); // for people: what it is, not how it was made
        QVERIFY(card.legacyProvenance.empty());
        QVERIFY(card.evaluation.size() >= 5);
        for (const auto& result : card.evaluation) {
            QVERIFY2(result.output > 0, result.set.c_str());
        }
        // Each data root a lineage command names is listed, with its licence.
        QVERIFY(!card.data.empty());
        for (const auto& source : card.data) {
            QVERIFY2(!source.licence.empty(), source.name.c_str());
        }
        // A flat lineage, parents before children; trained runs record steps, time, hardware.
        QVERIFY(card.lineage.size() >= 10);
        QStringList seen;
        for (const auto& entry : card.lineage) {
            for (const std::string& parent : entry.parents) {
                QVERIFY2(seen.contains(QString::fromStdString(parent)), parent.c_str());
            }
            QVERIFY2(!seen.contains(QString::fromStdString(entry.run)), entry.run.c_str());
            seen << QString::fromStdString(entry.run);
            QVERIFY2(entry.weights.empty() || entry.weights.size() == entry.parents.size(),
                     entry.run.c_str());
            if (entry.command.rfind("train", 0) == 0) {
                QVERIFY2(entry.steps > 0 && entry.seconds > 0 && !entry.hardware.empty(),
                         entry.run.c_str());
            }
            for (size_t at = entry.command.find('<'); at != std::string::npos;
                 at = entry.command.find('<', at + 1)) {
                const std::string name =
                    entry.command.substr(at + 1, entry.command.find('>', at) - at - 1);
                const bool known =
                    seen.contains(QString::fromStdString(name)) ||
                    std::any_of(card.data.begin(), card.data.end(),
                                [&](const auto& source) { return source.name == name; });
                QVERIFY2(known, (entry.run + ": <" + name + ">").c_str());
            }
        }
    }

    void modelJsonIsASmallCleanCard()
    {
        QFile file(kBundled + "/model.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(text.size() <= 8 * 1024, qPrintable(QString::number(text.size())));
        const QJsonObject root = QJsonDocument::fromJson(text).object();
        for (const char* key :
             {"name", "version", "license", "config", "evaluation", "data", "lineage"}) {
            QVERIFY2(root.contains(key), key);
        }
        QVERIFY(!root.contains("provenance"));
        // No absolute paths of the machines it was trained on: the writer would leave none.
        QCOMPARE(QString::fromStdString(unblur::model::withoutAbsolutePaths(text.toStdString())),
                 QString::fromUtf8(text));
        for (const char* machine : {"/work/", "/root/", "/tmp/", "/home/"}) {
            QVERIFY2(!text.contains(machine), machine);
        }
    }

    void weightsAreSmall()
    {
        qint64 bytes = 0;
        for (const QFileInfo& file : QDir(kBundled).entryInfoList(QDir::Files)) {
            bytes += file.size();
        }
        QVERIFY2(bytes <= 20 * 1024 * 1024, qPrintable(QString::number(bytes)));
    }

    void deblursAHeldOutPhoto()
    {
        // kodim12 is in the trainer's held-out validation split: the model never saw it.
        const cv::Mat photo = cv::imread(kSharp.toStdString(), cv::IMREAD_COLOR);
        QVERIFY(!photo.empty());
        const cv::Mat crop = photo(cv::Rect(200, 120, 256, 256)).clone();
        cv::Mat kernel = cv::Mat::zeros(9, 9, CV_32F);
        cv::line(kernel, {1, 2}, {7, 6}, cv::Scalar(1.0), 1, cv::LINE_AA); // motion of ~7 px
        kernel /= cv::sum(kernel)[0];
        cv::Mat blurred;
        cv::filter2D(crop, blurred, -1, kernel, {-1, -1}, 0, cv::BORDER_REFLECT);

        const auto loaded = unblur::model::loadModelFolder(kBundled.toStdString());
        c10::InferenceMode inference;
        const torch::Tensor sharp = toTensor(crop), input = toTensor(blurred);
        const torch::Tensor restored = loaded.model->restore(input, 1234);
        const double before = psnr8(input, sharp), after = psnr8(restored, sharp);
        qInfo("held-out crop: blurry %.2f dB, restored %.2f dB", before, after);
        QVERIFY2(after > before + 0.5, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
    }
};

int main(int argc, char** argv)
{
    unblur::model::ensureFastBlasKernels(argv);
    QCoreApplication app(argc, argv);
    TestBundledModel test;
    return QTest::qExec(&test, argc, argv);
}
#include "TestBundledModel.moc"
