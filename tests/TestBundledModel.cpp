// The model shipped in resources/models/default: it loads, documents itself, and deblurs.
#include "model/CpuRuntime.h"
#include "model/ModelFolder.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
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
        QVERIFY(!loaded.info.name.empty());
        QVERIFY(!loaded.info.license.empty());
        const QJsonObject provenance =
            QJsonDocument::fromJson(QByteArray::fromStdString(loaded.info.provenanceJson)).object();
        for (const char* key : {"trainer", "command", "data_licences", "evaluation"}) {
            QVERIFY2(provenance.contains(key), key);
        }
        // A trained model says how it was trained; an average (unblur-train average) says it
        // for each model it averages.
        QList<QJsonObject> runs;
        for (const QJsonValue& input : provenance.value("averaged").toArray()) {
            runs.append(input.toObject().value("provenance").toObject());
        }
        QVERIFY(runs.isEmpty() || runs.size() >= 2);
        if (runs.isEmpty()) {
            runs.append(provenance);
        }
        for (const QJsonObject& run : runs) {
            for (const char* key : {"command", "hardware", "data", "training"}) {
                QVERIFY2(run.contains(key), key);
            }
            QVERIFY(run.value("training").toObject().value("steps").toInt() > 0);
        }
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
