// The trainer: loss goes down, checkpoints load back exactly, resuming is exact.
#include "TrainTestSupport.h"
#include "model/CheckpointFile.h"
#include "model/CpuRuntime.h"
#include "model/ModelError.h"
#include "model/ModelFolder.h"
#include "model/StrictLoad.h"
#include "train/BatchLoader.h"
#include "train/GradientClip.h"
#include "train/ImageLoss.h"
#include "train/LearningRate.h"
#include "train/Trainer.h"
#include "train/WeightAverage.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <stdexcept>
#include <torch/torch.h>

using namespace unblur::train;
using namespace unblur::train::testing;
using unblur::model::HiDiffConfig;

class TestTrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void patchScheduleParses()
    {
        const auto phases = parsePatchSchedule("64x8:2000,96x6:5000,128x4");
        QCOMPARE(phases.size(), size_t(3));
        QCOMPARE(phases[1].size, 96);
        QCOMPARE(phases[1].batch, 6);
        QCOMPARE(phases[1].untilStep, int64_t(5000));
        QCOMPARE(patchScheduleText(phases), std::string("64x8:2000,96x6:5000,128x4"));
        TrainOptions options;
        options.patches = phases;
        QCOMPARE(options.phaseAt(1999).size, 64);
        QCOMPARE(options.phaseAt(2000).size, 96);
        QCOMPARE(options.phaseAt(99999).size, 128);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parsePatchSchedule("64:8"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parsePatchSchedule("64x8:50,96x4:20"));
    }

    void cosineScheduleEndsAtTheFloor()
    {
        OptimiserOptions o;
        o.learningRate = 1e-3;
        o.minLearningRate = 1e-5;
        o.warmupSteps = 10;
        QCOMPARE(cosineLearningRate(o, 0, 110), 1e-4);
        QCOMPARE(cosineLearningRate(o, 10, 110), 1e-3);
        QVERIFY(std::abs(cosineLearningRate(o, 109, 110) - 1e-5) < 1e-12);
        const double middle = cosineLearningRate(o, 60, 110);
        QVERIFY(middle < 6e-4 && middle > 4.5e-4);
    }

    void batchesDependOnTheStepOnly()
    {
        const ProceduralPairs source;
        QTemporaryDir dir;
        const TrainOptions options = tinyOptions(dir.path(), 10, 0);
        BatchLoader loader(source, options, 3, 2);
        for (int64_t step = 3; step < 8; ++step) {
            const Batch queued = loader.next();
            const Batch direct = makeBatch(source, step, options.phaseAt(step));
            QVERIFY(torch::equal(queued.blurry, direct.blurry));
            QVERIFY(torch::equal(queued.sharp, direct.sharp));
        }
    }

    void stageOneLossGoesDown()
    {
        const ProceduralPairs source(/*sameEveryTime=*/true);
        QTemporaryDir dir;
        Trainer trainer(tinyOptions(dir.path(), 40, 0), source, nullptr);
        const Batch batch = makeBatch(source, 0, {32, 2, 0});
        const double first = trainer.trainStep(batch).total;
        double last = first;
        for (int i = 0; i < 39; ++i) {
            last = trainer.trainStep(batch).total;
        }
        QVERIFY2(last < 0.7 * first, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
    }

    void stageTwoLossGoesDown_data()
    {
        QTest::addColumn<double>("frequencyWeight");
        QTest::newRow("pixels") << 0.0;
        QTest::newRow("pixels and spectrum") << 1.0;
    }

    void stageTwoLossGoesDown()
    {
        QFETCH(double, frequencyWeight);
        const ProceduralPairs source(/*sameEveryTime=*/true);
        QTemporaryDir dir;
        TrainOptions options = tinyOptions(dir.path(), 0, 40);
        options.frequencyLossWeight = frequencyWeight;
        Trainer trainer(options, source, nullptr);
        const Batch batch = makeBatch(source, 0, {32, 2, 0});
        const StepLoss first = trainer.trainStep(batch);
        StepLoss last = first;
        for (int i = 0; i < 39; ++i) {
            last = trainer.trainStep(batch);
        }
        QVERIFY(first.prior > 0);
        QVERIFY2(last.total < 0.8 * first.total,
                 qPrintable(QString("loss %1 -> %2").arg(first.total).arg(last.total)));
    }

    void checkpointLoadsBackExactly()
    {
        const ProceduralPairs source;
        QTemporaryDir dir;
        Trainer trainer(tinyOptions(dir.path(), 2, 1), source, &source);
        trainSteps(trainer, source, 3);
        trainer.saveCheckpoint();
        const std::vector<torch::Tensor> trained = weightsOf(trainer.nets());

        // Through the published-checkpoint loader (no model.json needed, shapes decide).
        const auto loaded = unblur::model::loadModelFolder(dir.path().toStdString());
        TrainingNets reloaded(loaded.model->config());
        QVERIFY(reloaded.readCheckpoints(dir.path().toStdString()));
        const std::vector<torch::Tensor> back = weightsOf(reloaded);
        QCOMPARE(back.size(), trained.size());
        for (size_t i = 0; i < back.size(); ++i) {
            QVERIFY(torch::equal(back[i], trained[i]));
        }
        const auto netG = unblur::model::readCheckpoint((dir.path() + "/net_g.pth").toStdString());
        QCOMPARE(netG.entry, std::string("params"));
        const auto ours = unblur::model::stateDictOf(*loaded.model->transformer());
        QCOMPARE(netG.params.size(), ours.size());
        QVERIFY(QFile::exists(dir.path() + "/model.json"));
        QVERIFY(!QFile::exists(dir.path() + "/training_state.pt.partial"));
    }

    void resumeIsExact()
    {
        const ProceduralPairs source;
        QTemporaryDir straightDir, splitDir;
        // Stage 1 for 2 steps, then stage 2: the split falls inside stage 2.
        Trainer straight(tinyOptions(straightDir.path(), 2, 4), source, nullptr);
        trainSteps(straight, source, 6);

        {
            Trainer first(tinyOptions(splitDir.path(), 2, 4), source, nullptr);
            trainSteps(first, source, 4);
            first.saveCheckpoint();
        }
        Trainer second(tinyOptions(splitDir.path(), 2, 4), source, nullptr);
        QVERIFY(second.resume());
        QCOMPARE(second.step(), int64_t(4));
        trainSteps(second, source, 2);

        const auto a = weightsOf(straight.nets());
        const auto b = weightsOf(second.nets());
        for (size_t i = 0; i < a.size(); ++i) {
            QVERIFY2(torch::equal(a[i], b[i]),
                     qPrintable(QString("parameter %1 differs by %2")
                                    .arg(i)
                                    .arg((a[i] - b[i]).abs().max().item<double>())));
        }
    }

    void runWritesLogAndStopsOnRequest()
    {
        const ProceduralPairs source;
        QTemporaryDir dir;
        TrainOptions options = tinyOptions(dir.path(), 3, 3);
        options.validateEvery = 2;
        Trainer trainer(options, source, &source);
        std::atomic<bool> stop{false};
        std::vector<int64_t> steps;
        trainer.run(
            [&](const TrainProgress& p) {
                steps.push_back(p.step);
                if (p.step == 4) {
                    stop = true;
                }
            },
            &stop);
        QCOMPARE(steps, (std::vector<int64_t>{1, 2, 3, 4}));
        QCOMPARE(trainer.step(), int64_t(4));
        QFile log(dir.path() + "/train_log.csv");
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = log.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 5); // header + 4 steps
        const QList<QByteArray> header = lines[0].split(',');
        const auto column = [&](int line, const char* name) {
            const QList<QByteArray> fields = lines[line].split(',');
            return fields.value(header.indexOf(name));
        };
        QCOMPARE(lines[1].split(',').size(), header.size());
        QVERIFY(column(1, "val_psnr").isEmpty());       // no validation after step 1
        QVERIFY(column(2, "val_psnr").toDouble() > 10); // step 2 has one
        for (int line = 1; line <= 4; ++line) {
            QVERIFY(column(line, "grad_norm").toDouble() > 0);
            const double wait = column(line, "data_wait").toDouble();
            QVERIFY(wait >= 0 && wait <= 1);
        }
        Trainer resumed(options, source, &source);
        QVERIFY(resumed.resume());
        QCOMPARE(resumed.step(), int64_t(4));
    }

    void finishedRunResumedRewritesLostWeights()
    {
        // A device copy that left net_g.pth behind: resuming the finished run exports it again.
        const ProceduralPairs source;
        QTemporaryDir dir;
        const TrainOptions options = tinyOptions(dir.path(), 1, 2);
        const std::string netG = (dir.path() + "/net_g.pth").toStdString();
        {
            Trainer trainer(options, source, nullptr);
            trainer.run({}, nullptr);
        }
        const auto written = unblur::model::readCheckpoint(netG);
        QVERIFY(QFile::remove(QString::fromStdString(netG)));

        Trainer resumed(options, source, nullptr);
        QVERIFY(resumed.resume());
        QCOMPARE(resumed.step(), int64_t(3));
        resumed.run({}, nullptr);
        QCOMPARE(resumed.step(), int64_t(3)); // no step taken
        const auto again = unblur::model::readCheckpoint(netG);
        QCOMPARE(again.params.size(), written.params.size());
        for (size_t i = 0; i < written.params.size(); ++i) {
            QCOMPARE(again.params[i].first, written.params[i].first);
            QVERIFY2(torch::equal(again.params[i].second, written.params[i].second),
                     written.params[i].first.c_str());
        }
    }

    void frequencyTermWeighsEveryFrequencyAlike()
    {
        torch::manual_seed(5);
        const torch::Tensor target = torch::rand({2, 3, 32, 48});
        const torch::Tensor noise = 0.05 * torch::randn_like(target);
        // Weight 0 is the published pixel L1; identical images cost nothing either way.
        QVERIFY(torch::equal(imageTermLoss(target + noise, target, 0),
                             torch::l1_loss(target + noise, target)));
        QCOMPARE(imageTermLoss(target, target, 1.0).item<double>(), 0.0);
        const double pixels = torch::l1_loss(target + noise, target).item<double>();
        const double spectrum = imageTermLoss(target + noise, target, 1.0).item<double>() - pixels;
        // Orthonormal spectra: white noise costs about as much in either domain, at any size.
        QVERIFY2(spectrum > 0.6 * pixels && spectrum < 1.4 * pixels,
                 qPrintable(QString("pixels %1, spectrum %2").arg(pixels).arg(spectrum)));
        const torch::Tensor big = torch::rand({1, 3, 128, 128});
        const torch::Tensor bigNoisy = big + 0.05 * torch::randn_like(big);
        const double bigSpectrum = imageTermLoss(bigNoisy, big, 1.0).item<double>() -
                                   torch::l1_loss(bigNoisy, big).item<double>();
        QVERIFY2(std::abs(bigSpectrum - spectrum) < 0.2 * spectrum,
                 qPrintable(QString("32x48 %1, 128x128 %2").arg(spectrum).arg(bigSpectrum)));
        // The weight scales the term.
        QVERIFY(std::abs(imageTermLoss(target + noise, target, 3.0).item<double>() -
                         (pixels + 3 * spectrum)) < 1e-5);
        QVERIFY_EXCEPTION_THROWN(
            [] {
                TrainOptions options = tinyOptions("out", 0, 1);
                options.frequencyLossWeight = -1;
                options.validate();
            }(),
            std::invalid_argument);
    }

    void gradientClippingMatchesLibTorch()
    {
        torch::manual_seed(3);
        const auto gradients = [] {
            std::vector<torch::Tensor> params;
            for (int64_t n : {5, 7, 1}) {
                params.push_back(torch::zeros({n}, torch::requires_grad()));
                params.back().mutable_grad() = torch::randn({n});
            }
            params.push_back(torch::zeros({2}, torch::requires_grad())); // no gradient
            return params;
        };
        for (const double maxNorm : {0.5, 100.0}) {
            std::vector<torch::Tensor> ours = gradients(), theirs;
            for (const torch::Tensor& p : ours) {
                theirs.push_back(p.detach().clone().requires_grad_());
                if (p.grad().defined()) {
                    theirs.back().mutable_grad() = p.grad().clone();
                }
            }
            const double norm = clipGradientNorm(ours, maxNorm).item<double>();
            QCOMPARE(norm, torch::nn::utils::clip_grad_norm_(theirs, maxNorm));
            for (size_t i = 0; i + 1 < ours.size(); ++i) {
                QVERIFY(torch::allclose(ours[i].grad(), theirs[i].grad()));
            }
            const double after = clipGradientNorm(ours, 0).item<double>(); // 0: measure only
            QVERIFY(std::abs(after - std::min(norm, maxNorm)) < 1e-4 * maxNorm);
        }
        QCOMPARE(clipGradientNorm({torch::zeros({3})}, 1.0).item<double>(), 0.0);
    }

    void grownModelComputesWhatTheShallowOneDid()
    {
        QTemporaryDir dir;
        torch::manual_seed(11);
        TrainingNets shallow(tinyConfig());
        shallow.writeCheckpoints(dir.path().toStdString());

        HiDiffConfig deeper = tinyConfig();
        deeper.g.numBlocks = {1, 2, 1, 2};
        deeper.g.numRefinementBlocks = 2;
        TrainingNets grown(deeper);
        // A strict load refuses the shallower file; growing names the four new blocks.
        QVERIFY_THROWS_EXCEPTION(unblur::model::ModelError,
                                 grown.readCheckpoints(dir.path().toStdString()));
        std::vector<std::string> added;
        grown.readCheckpoints(dir.path().toStdString(), &added);
        QCOMPARE(added,
                 (std::vector<std::string>{"decoder_level2.blocks.1.", "encoder_level2.blocks.1.",
                                           "latent.blocks.1.", "refinement.blocks.1."}));
        const torch::Tensor blurry = torch::rand({1, 3, 32, 32});
        c10::InferenceMode inference;
        QVERIFY(torch::equal(grown.model.restore(blurry, 5), shallow.model.restore(blurry, 5)));
        // The new blocks learn: only their output projections start at zero.
        const auto params = grown.model.transformer()->named_parameters();
        QVERIFY(params["latent.blocks.1.attn.project_out.weight"].abs().sum().item<double>() == 0);
        QVERIFY(params["latent.blocks.1.attn.qkv.weight"].abs().sum().item<double>() > 0);
    }

    void growingRefusesWhatItCannotGrow()
    {
        QTemporaryDir deepDir, wideDir;
        HiDiffConfig deeper = tinyConfig();
        deeper.g.numBlocks = {2, 1, 1, 1};
        TrainingNets(deeper).writeCheckpoints(deepDir.path().toStdString());
        HiDiffConfig wider = tinyConfig();
        wider.g.dim = 16;
        TrainingNets(wider).writeCheckpoints(wideDir.path().toStdString());
        TrainingNets nets(tinyConfig());
        std::vector<std::string> added;
        const auto messageOf = [&](const QString& folder) {
            try {
                nets.readCheckpoints(folder.toStdString(), &added);
            } catch (const unblur::model::ModelError& e) {
                return QString::fromStdString(e.what());
            }
            return QString();
        };
        const QString shallower = messageOf(deepDir.path());
        QVERIFY2(shallower.contains("unexpected key 'encoder_level1.blocks.1.") &&
                     shallower.contains("net_g.pth"),
                 qPrintable(shallower));
        const QString narrower = messageOf(wideDir.path());
        QVERIFY2(narrower.contains("has shape") && narrower.contains("growing keeps the widths"),
                 qPrintable(narrower));
    }

    void weightAverageFollowsItsDecay()
    {
        torch::nn::Linear linear(3, 2);
        const torch::Tensor start = linear->weight.detach().clone();
        WeightAverage average({linear.get()}, 0.9);
        QCOMPARE(average.decayAt(0), 0.1); // ramped: (1 + n) / (10 + n)
        QCOMPARE(average.decayAt(1000), 0.9);
        {
            torch::NoGradGuard noGrad;
            linear->weight.fill_(1.0);
        }
        average.update(1000);
        const torch::Tensor expected = start * 0.9 + 0.1;
        QVERIFY(torch::allclose(average.averaged()[0], expected));
        {
            const AveragedWeightsScope scope(&average);
            QVERIFY(torch::allclose(linear->weight, expected));
        }
        QVERIFY(torch::equal(linear->weight, torch::ones({2, 3})));
        average.reset();
        QVERIFY(torch::equal(average.averaged()[0], torch::ones({2, 3})));
    }

    void averagedRunExportsTheAverageAndResumesExactly()
    {
        const ProceduralPairs source;
        QTemporaryDir straightDir, splitDir;
        const auto options = [](const QString& dir) {
            TrainOptions o = tinyOptions(dir, 2, 4);
            o.weightAverageDecay = 0.5;
            return o;
        };
        Trainer straight(options(straightDir.path()), source, nullptr);
        trainSteps(straight, source, 6);
        const auto live = weightsOf(straight.nets());
        straight.saveCheckpoint();
        const auto liveAfterSave = weightsOf(straight.nets());
        {
            Trainer first(options(splitDir.path()), source, nullptr);
            trainSteps(first, source, 4);
            first.saveCheckpoint();
        }
        Trainer second(options(splitDir.path()), source, nullptr);
        QVERIFY(second.resume());
        trainSteps(second, source, 2);
        second.saveCheckpoint();

        const auto exported = [](const QString& dir) {
            TrainingNets nets(tinyConfig());
            nets.readCheckpoints(dir.toStdString());
            return weightsOf(nets);
        };
        const auto a = exported(straightDir.path());
        const auto b = exported(splitDir.path());
        bool averageDiffers = false;
        for (size_t i = 0; i < a.size(); ++i) {
            QVERIFY(torch::equal(live[i], liveAfterSave[i])); // saving puts the live ones back
            QVERIFY2(torch::equal(a[i], b[i]), qPrintable(QString("parameter %1").arg(i)));
            averageDiffers = averageDiffers || !torch::equal(a[i], live[i]);
        }
        QVERIFY(averageDiffers); // the folder holds the average, not the last weights
        // The card names the run after its folder and records its steps and time.
        namespace model = unblur::model;
        const model::ModelCard card =
            model::loadModelFolder(straightDir.path().toStdString()).info.card;
        QCOMPARE(card.lineage.size(), size_t(1));
        QCOMPARE(card.lastRun(), model::folderName(straightDir.path().toStdString()));
        QCOMPARE(card.lineage.back().steps, int64_t(6));
        QCOMPARE(card.config.g.dim, tinyConfig().g.dim);
    }

    void resumeRefusesAnotherSeed()
    {
        const ProceduralPairs source;
        QTemporaryDir dir;
        {
            Trainer trainer(tinyOptions(dir.path(), 2, 0), source, nullptr);
            trainSteps(trainer, source, 1);
            trainer.saveCheckpoint();
        }
        TrainOptions other = tinyOptions(dir.path(), 2, 0);
        other.seed = 99;
        Trainer trainer(other, source, nullptr);
        try {
            trainer.resume();
            QFAIL("resume with another seed succeeded");
        } catch (const std::runtime_error& e) {
            QVERIFY(QString(e.what()).contains("training_state.pt"));
            QVERIFY(QString(e.what()).contains("--seed"));
        }
    }
};

int main(int argc, char** argv)
{
    unblur::model::ensureFastBlasKernels(argv); // OpenBLAS's generic kernels triple the time
    QCoreApplication app(argc, argv);
    TestTrainer test;
    return QTest::qExec(&test, argc, argv);
}
#include "TestTrainer.moc"
