// Mixed bfloat16 training: the loss goes down, the weights and the optimiser stay float32,
// and float32 training is untouched by it.
#include "TrainTestSupport.h"
#include "model/CpuRuntime.h"
#include "model/ModelFolder.h"
#include "train/MixedPrecision.h"
#include "train/Trainer.h"

#include <ATen/autocast_mode.h>
#include <QTemporaryDir>
#include <QTest>
#include <torch/torch.h>

using namespace unblur::train;
using namespace unblur::train::testing;

namespace {

TrainOptions bf16Options(const QString& out, int64_t stage1, int64_t stage2)
{
    TrainOptions options = tinyOptions(out, stage1, stage2);
    options.precision = TrainPrecision::BFloat16;
    return options;
}

} // namespace

class TestMixedPrecisionTraining : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void bf16StepsReduceTheLoss()
    {
        const ProceduralPairs source(/*sameEveryTime=*/true);
        QTemporaryDir dir;
        Trainer trainer(bf16Options(dir.path(), 12, 0), source, nullptr);
        const Batch batch = makeBatch(source, 0, {32, 2, 0});
        const StepLoss first = trainer.trainStep(batch);
        StepLoss last = first;
        for (int i = 0; i < 11; ++i) {
            last = trainer.trainStep(batch);
        }
        QVERIFY(std::isfinite(first.total) && first.gradientNorm > 0);
        QVERIFY2(last.total < 0.8 * first.total,
                 qPrintable(QString("loss %1 -> %2").arg(first.total).arg(last.total)));
    }

    void bf16GradientsFollowFloat32_data()
    {
        QTest::addColumn<int>("stage");
        QTest::newRow("stage 1") << 1;
        QTest::newRow("stage 2") << 2;
    }

    void bf16GradientsFollowFloat32()
    {
        // Same weights, same batch: the loss and the gradients differ (the forward ran in
        // bfloat16), by no more than bfloat16's rounding explains, and reach every network
        // the stage trains, through the eight diffusion steps in stage 2.
        QFETCH(int, stage);
        const ProceduralPairs source;
        QTemporaryDir a, b;
        const int64_t stage1 = stage == 1 ? 1 : 0, stage2 = stage == 2 ? 1 : 0;
        Trainer fp32(tinyOptions(a.path(), stage1, stage2), source, nullptr);
        Trainer bf16(bf16Options(b.path(), stage1, stage2), source, nullptr);
        const Batch batch = makeBatch(source, 0, {32, 2, 0});
        const double exact = fp32.trainStep(batch).total;
        const double mixed = bf16.trainStep(batch).total;
        QVERIFY2(
            mixed != exact && std::abs(mixed - exact) < 0.02 * exact,
            qPrintable(QString("fp32 %1, bf16 %2").arg(exact, 0, 'g', 9).arg(mixed, 0, 'g', 9)));
        const auto fp32Nets = fp32.nets().modules();
        const auto bf16Nets = bf16.nets().modules();
        int trained = 0;
        for (size_t n = 0; n < fp32Nets.size(); ++n) {
            std::vector<torch::Tensor> x, y;
            for (const torch::Tensor& p : fp32Nets[n]->parameters()) {
                if (p.grad().defined()) {
                    x.push_back(p.grad().flatten());
                }
            }
            for (const torch::Tensor& p : bf16Nets[n]->parameters()) {
                if (p.grad().defined()) {
                    y.push_back(p.grad().flatten());
                }
            }
            QCOMPARE(y.size(), x.size());
            if (x.empty()) {
                continue;
            }
            ++trained;
            const torch::Tensor gx = torch::cat(x), gy = torch::cat(y);
            const double cosine = torch::cosine_similarity(gx, gy, 0).item<double>();
            QVERIFY2(cosine > 0.75 && !torch::equal(gx, gy),
                     qPrintable(QString("network %1: cosine %2").arg(n).arg(cosine)));
        }
        QCOMPARE(trained, stage == 1 ? 2 : 3); // net_g + net_le; net_g + net_le_dm + net_d
    }

    void masterWeightsAndOptimiserStayFloat32()
    {
        const ProceduralPairs source;
        QTemporaryDir dir;
        Trainer trainer(bf16Options(dir.path(), 1, 1), source, nullptr);
        trainSteps(trainer, source, 2);
        for (torch::nn::Module* module : trainer.nets().modules()) {
            for (const auto& named : module->named_parameters()) {
                const torch::Tensor& p = named.value();
                QVERIFY2(p.scalar_type() == torch::kFloat32, named.key().c_str());
                QVERIFY2(!p.grad().defined() || p.grad().scalar_type() == torch::kFloat32,
                         named.key().c_str());
            }
        }
        int states = 0;
        for (const auto& state : trainer.optimiser().state()) {
            const auto& adam = static_cast<const torch::optim::AdamWParamState&>(*state.second);
            QCOMPARE(adam.exp_avg().scalar_type(), torch::kFloat32);
            QCOMPARE(adam.exp_avg_sq().scalar_type(), torch::kFloat32);
            ++states;
        }
        QVERIFY(states > 0);
        // The model folder holds float32 weights that load back as they were.
        trainer.saveCheckpoint();
        const auto loaded = unblur::model::loadModelFolder(dir.path().toStdString());
        for (const torch::Tensor& p : loaded.model->transformer()->parameters()) {
            QCOMPARE(p.scalar_type(), torch::kFloat32);
        }
    }

    void float32TrainingIsUntouched()
    {
        // A bf16 run in between leaves no autocast state or cast weights behind: float32
        // steps give exactly what they give without it.
        const ProceduralPairs source;
        QTemporaryDir a, b, c;
        Trainer before(tinyOptions(a.path(), 2, 1), source, nullptr);
        trainSteps(before, source, 3);
        Trainer mixed(bf16Options(b.path(), 1, 1), source, nullptr);
        trainSteps(mixed, source, 2); // a step of each stage
        QVERIFY(!at::autocast::is_cpu_enabled());
        Trainer after(tinyOptions(c.path(), 2, 1), source, nullptr);
        trainSteps(after, source, 3);
        const auto x = weightsOf(before.nets());
        const auto y = weightsOf(after.nets());
        for (size_t i = 0; i < x.size(); ++i) {
            QVERIFY2(torch::equal(x[i], y[i]), qPrintable(QString("parameter %1").arg(i)));
        }
        QCOMPARE(precisionName(TrainOptions().precision), std::string("fp32"));
    }
};

int main(int argc, char** argv)
{
    unblur::model::ensureFastBlasKernels(argv);
    QCoreApplication app(argc, argv);
    TestMixedPrecisionTraining test;
    return QTest::qExec(&test, argc, argv);
}
#include "TestMixedPrecisionTraining.moc"
