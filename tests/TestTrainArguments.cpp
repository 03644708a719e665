// unblur-train's command line: the synthetic-blur options and their error messages.
#include "TrainArguments.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <stdexcept>
#include <string>
#include <vector>

using namespace unblur::train;

namespace {

TrainArguments parse(std::vector<std::string> args)
{
    args.insert(args.begin(), "unblur-train");
    std::vector<char*> argv;
    for (std::string& a : args) {
        argv.push_back(a.data());
    }
    return parseTrainArguments(int(argv.size()), argv.data());
}

QString errorOf(const std::vector<std::string>& args)
{
    try {
        parse(args);
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestTrainArguments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsKeepTheLibraryMix()
    {
        const TrainArguments a = parse({"--photos", "p", "--out", "o"});
        const KernelMix defaults;
        QCOMPARE(a.synthesis.degradation.kernels.shake, defaults.shake);
        QCOMPARE(a.synthesis.degradation.kernels.gaussian, defaults.gaussian);
        QCOMPARE(a.synthesis.greyProbability, SyntheticPairOptions().greyProbability);
    }

    void kernelsGreyAndNoiseFreeAreRead()
    {
        const TrainArguments a = parse({"--photos",
                                        "p",
                                        "--out",
                                        "o",
                                        "--kernels",
                                        "shake=0.8,linear=0.2,sway=0.3",
                                        "--grey",
                                        "0.5",
                                        "--noise-free",
                                        "0.6",
                                        "--linear-light",
                                        "0.25",
                                        "--frequency-loss",
                                        "0.5",
                                        "--scale",
                                        "0.25,0.75",
                                        "--shake-extent",
                                        "12,31",
                                        "--noise-max",
                                        "0.001,0.005",
                                        "--jpeg",
                                        "0.1"});
        const KernelMix& k = a.synthesis.degradation.kernels;
        QCOMPARE(k.shake, 0.8);
        QCOMPARE(k.linear, 0.2);
        QCOMPARE(k.sway, 0.3);
        QCOMPARE(k.defocus, 0.0); // kinds not named are off
        QCOMPARE(k.gaussian, 0.0);
        QCOMPARE(a.synthesis.greyProbability, 0.5);
        QCOMPARE(a.synthesis.degradation.noiseFreeProbability, 0.6);
        QCOMPARE(a.synthesis.degradation.linearLightProbability, 0.25);
        QCOMPARE(a.options.frequencyLossWeight, 0.5);
        QCOMPARE(a.synthesis.scaleMin, 0.25);
        QCOMPARE(a.synthesis.scaleMax, 0.75);
        QCOMPARE(k.shakeExtentMin, 12.0);
        QCOMPARE(k.shakeExtentMax, 31.0);
        QCOMPARE(a.synthesis.degradation.shotNoiseMax, 0.001);
        QCOMPARE(a.synthesis.degradation.readNoiseMax, 0.005);
        QCOMPARE(a.synthesis.degradation.jpegProbability, 0.1);
        QCOMPARE(parse({"--photos", "p", "--out", "o"}).options.frequencyLossWeight, 0.0);
    }

    void growNeedsAModelToGrow()
    {
        QVERIFY(parse({"--photos", "p", "--out", "o", "--init", "m", "--grow"}).grow);
        QVERIFY(!parse({"--photos", "p", "--out", "o", "--init", "m"}).grow);
        const QString error = errorOf({"--photos", "p", "--out", "o", "--grow"});
        QVERIFY2(error.startsWith("--grow:") && error.contains("--init"), qPrintable(error));
    }

    void benchNeedsNoDataAndTimesEachPatchSize()
    {
        const TrainArguments a =
            parse({"bench", "--patches", "64x8,128x4", "--stage", "1", "--steps", "3"});
        QCOMPARE(a.command, std::string("bench"));
        QCOMPARE(int(a.benchPatches.size()), 2);
        QCOMPARE(a.benchPatches[0].size, 64);
        QCOMPARE(a.benchPatches[0].batch, 8);
        QCOMPARE(a.benchPatches[1].size, 128);
        QCOMPARE(a.benchPatches[1].batch, 4);
        QCOMPARE(a.benchStage, 1);
        QCOMPARE(a.benchSteps, 3);
        QVERIFY(errorOf({"bench", "--stage", "3"}).startsWith("--stage:"));
        QVERIFY(errorOf({"bench", "--steps", "0"}).startsWith("--steps:"));
        QVERIFY(errorOf({"bench", "--patches", "64"}).startsWith("--patches:"));
        // Training still needs its data and output folder.
        QVERIFY(errorOf({"--patches", "64x8"}).startsWith("--out:"));
    }

    void halfTakesOneModel()
    {
        const TrainArguments a = parse({"half", "--model", "m", "--out", "o"});
        QCOMPARE(a.command, std::string("half"));
        QCOMPARE(a.averageInputs.size(), size_t(1));
        QCOMPARE(a.averageInputs.front().folder, std::string("m"));
        QVERIFY(errorOf({"half", "--model", "m", "--model", "n", "--out", "o"}).contains("one"));
        QVERIFY(errorOf({"half", "--model", "m=2", "--out", "o"}).contains("without a weight"));
        QVERIFY(errorOf({"half", "--model", "m"}).startsWith("--out:"));
        QVERIFY(errorOf({"--photos", "p", "--model", "m", "--out", "o"}).contains("half"));
    }

    void badValuesNameTheOption_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown kind") << "--kernels"
                                      << "shake=1,blur=2"
                                      << "'blur=2'";
        QTest::newRow("no weight") << "--kernels"
                                   << "shake"
                                   << "KIND=WEIGHT";
        QTest::newRow("not a number") << "--kernels"
                                      << "shake=lots"
                                      << "not a number";
        QTest::newRow("negative") << "--kernels"
                                  << "linear=-1"
                                  << "negative";
        QTest::newRow("all zero") << "--kernels"
                                  << "shake=0"
                                  << "weight 0";
        QTest::newRow("grey above 1") << "--grey"
                                      << "1.5"
                                      << "not a probability";
        QTest::newRow("noise-free below 0") << "--noise-free"
                                            << "-0.1"
                                            << "not a probability";
        QTest::newRow("linear light above 1") << "--linear-light"
                                              << "2"
                                              << "not a probability";
        QTest::newRow("frequency loss") << "--frequency-loss"
                                        << "strong"
                                        << "not a number";
        QTest::newRow("one scale") << "--scale"
                                   << "0.5"
                                   << "MIN,MAX";
        QTest::newRow("scale upside down") << "--scale"
                                           << "0.8,0.4"
                                           << "0 < MIN <= MAX <= 1";
        QTest::newRow("scale of zero") << "--scale"
                                       << "0,1"
                                       << "0 < MIN <= MAX <= 1";
        QTest::newRow("scale not a number") << "--scale"
                                            << "half,1"
                                            << "not a number";
        QTest::newRow("noise max below min") << "--noise-max"
                                             << "0.004,0.00001"
                                             << "READ";
        QTest::newRow("jpeg above 1") << "--jpeg"
                                      << "1.2"
                                      << "not a probability";
        QTest::newRow("extent above 31") << "--shake-extent"
                                         << "8,40"
                                         << "1 <= MIN <= MAX <= 31";
    }

    void badValuesNameTheOption()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const QString error =
            errorOf({"--photos", "p", "--out", "o", option.toStdString(), value.toStdString()});
        QVERIFY2(error.startsWith(option + ":"), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void helpNamesTheCardOptions()
    {
        const QString help = QString::fromStdString(trainUsage());
        for (const char* option : {"--run-id ID", "--version TEXT", "--card FILE.json"}) {
            QVERIFY2(help.contains(option), option);
        }
        QVERIFY(!help.contains("--provenance"));
    }

    void trainerCardHasLineageAndNoAbsolutePaths()
    {
        namespace model = unblur::model;
        QTemporaryDir dir;
        const std::string root = QDir(dir.path()).absolutePath().toStdString();
        QVERIFY(QDir(dir.path()).mkpath("parent"));
        model::ModelCard parent;
        parent.name = "Unblur default";
        parent.version = "1.0";
        parent.license = "GPL-3.0-or-later";
        parent.evaluation = {{"Levin aligned", "PSNR dB", 23.29, 24.8, 1.51}};
        parent.data = {{"sharp", "Kodak 24", "unrestricted"}};
        parent.lineage = {{"cpu1", {}, {}, "train --photos <sharp>", 10, 5, "Xeon", ""},
                          {"cpu2", {"cpu1"}, {}, "train --init <cpu1>", 10, 5, "Xeon", ""}};
        model::writeModelCard(root + "/parent", parent);
        QFile cardFile(dir.filePath("card.json"));
        QVERIFY(cardFile.open(QIODevice::WriteOnly));
        cardFile.write(R"({"description": "Deblurs.", "data": [{"name": "gopro",
                           "what": "GoPro pairs", "licence": "CC-BY-4.0"}]})");
        cardFile.close();

        const TrainArguments a = parse({"--photos",
                                        root + "/data/sharp",
                                        "--photos",
                                        root + "/more/wallpapers/",
                                        "--pairs",
                                        root + "/gopro",
                                        "--init",
                                        root + "/parent",
                                        "--out",
                                        root + "/run30",
                                        "--threads",
                                        "2",
                                        "--dim",
                                        "8",
                                        "--blocks",
                                        "1,1,1,1",
                                        "--kernels",
                                        "shake=1",
                                        "--seed",
                                        "7",
                                        "--stage2-steps",
                                        "20",
                                        "--checkpoint-every",
                                        "5",
                                        "--version",
                                        "1.1",
                                        "--card",
                                        dir.filePath("card.json").toStdString(),
                                        "--resume"});
        const model::ModelCard card = trainCard(a, "Xeon, 2 threads");
        QCOMPARE(card.displayName(), std::string("Unblur default 1.1"));
        QCOMPARE(card.description, std::string("Deblurs."));
        QCOMPARE(card.license, std::string("GPL-3.0-or-later"));
        QVERIFY(card.evaluation.empty()); // the parent's figures are not this model's
        QCOMPARE(card.lineage.size(), size_t(3));
        const model::LineageEntry& run = card.lineage.back();
        QCOMPARE(run.run, std::string("run30"));
        QCOMPARE(run.parents, std::vector<std::string>{"cpu2"});
        QCOMPARE(run.hardware, std::string("Xeon, 2 threads"));
        // Only what shapes the result; the data and the start by name.
        QCOMPARE(run.command, std::string("train --photos <sharp> --photos <wallpapers> --pairs "
                                          "<gopro> --init <cpu2> --kernels shake=1 --seed 7 "
                                          "--stage2-steps 20"));
        QCOMPARE(card.data.size(), size_t(3));
        for (const model::DataSource& source : card.data) {
            QVERIFY2(!source.licence.empty() || source.name == "wallpapers", source.name.c_str());
        }

        // As the trainer writes it: nothing of this machine's folders.
        model::writeModelCard(root + "/parent", card);
        QFile written(dir.filePath("parent/model.json"));
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray text = written.readAll();
        QVERIFY2(!text.contains(QByteArray::fromStdString(root)), text.constData());
        QVERIFY2(!text.contains("\"/") && !text.contains(" /"), text.constData());
        QVERIFY(text.contains("\"lineage\"") && text.contains("run30"));
    }

    void runIdAndGrowing()
    {
        const TrainArguments a =
            parse({"--photos", "/x/p", "--out", "/x/model", "--init", "/x/a", "--grow", "--blocks",
                   "1,2,2,4", "--refinement", "2", "--run-id", "gpu31"});
        const auto card = trainCard(a, "cuda");
        QCOMPARE(card.lastRun(), std::string("gpu31"));
        QCOMPARE(card.lineage.size(), size_t(2)); // the card-less start, then this run
        QCOMPARE(card.lineage.front().run, std::string("a"));
        QCOMPARE(card.lineage.back().command,
                 std::string("train --photos <p> --init <a> --grow --blocks 1,2,2,4 "
                             "--refinement 2"));
        QCOMPARE(card.name, std::string("a")); // inherited from the card-less folder
    }

    void precisionResolvesAndLandsInTheCard()
    {
        namespace model = unblur::model;
        QTemporaryDir dir;
        const std::string out = dir.filePath("run40").toStdString();
        QVERIFY(QDir(dir.path()).mkdir("run40"));
        const auto command = [&](TrainArguments a) {
            return trainCard(a, "EPYC, 2 threads").lineage.back().command;
        };
        // Not given: fp32, whatever the CPU.
        TrainArguments a = parse({"--photos", "p", "--out", out});
        QVERIFY(resolvePrecision(a, true).empty());
        QVERIFY(a.options.precision == TrainPrecision::Float32);
        // auto: bf16 only where the CPU has bf16 instructions; a notice when it falls back.
        a = parse({"--photos", "p", "--out", out, "--precision", "auto"});
        const QString fallback = QString::fromStdString(resolvePrecision(a, false));
        QVERIFY(a.options.precision == TrainPrecision::Float32);
        QVERIFY2(fallback.contains("no bf16 instructions") && fallback.contains("fp32"),
                 qPrintable(fallback));
        QCOMPARE(command(a), std::string("train --photos <p>")); // fp32: as before the option
        QVERIFY(resolvePrecision(a, true).empty());
        QVERIFY(a.options.precision == TrainPrecision::BFloat16);
        QCOMPARE(command(a), std::string("train --photos <p> --precision bf16"));
        // Asked for: taken, with a notice where bf16 is only emulated; recorded once.
        a = parse({"--photos", "p", "--out", out, "--precision", "bf16", "--seed", "3"});
        const QString emulated = QString::fromStdString(resolvePrecision(a, false));
        QVERIFY(a.options.precision == TrainPrecision::BFloat16);
        QVERIFY2(emulated.contains("emulated"), qPrintable(emulated));
        QCOMPARE(command(a), std::string("train --photos <p> --seed 3 --precision bf16"));
        a = parse({"--photos", "p", "--out", out, "--precision", "fp32"});
        QVERIFY(resolvePrecision(a, true).empty());
        QVERIFY(a.options.precision == TrainPrecision::Float32);
        QCOMPARE(command(a), std::string("train --photos <p>"));
        // Another device keeps float32 under auto, without a notice.
        a = parse({"--photos", "p", "--out", out, "--device", "cuda", "--precision", "auto"});
        QVERIFY(resolvePrecision(a, true).empty());
        QVERIFY(a.options.precision == TrainPrecision::Float32);
        // The written model.json holds it.
        a = parse({"--photos", "p", "--out", out, "--precision", "bf16"});
        resolvePrecision(a, true);
        model::writeModelCard(out, trainCard(a, "EPYC, 2 threads"));
        QCOMPARE(model::readModelCard(out).lineage.back().command,
                 std::string("train --photos <p> --precision bf16"));
        QVERIFY(errorOf({"--photos", "p", "--out", "o", "--precision", "fp16"})
                    .startsWith("--precision:"));
        QCOMPARE(parse({"bench", "--precision", "bf16"}).precision, std::string("bf16"));
    }
};

QTEST_GUILESS_MAIN(TestTrainArguments)
#include "TestTrainArguments.moc"
