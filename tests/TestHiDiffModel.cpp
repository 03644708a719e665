// Parity of the native HI-Diff with the reference code's golden outputs, and reproducibility.
#include "model/FastPath.h"
#include "model/GeluGate.h"
#include "model/ModelError.h"
#include "model/ModelFolder.h"

#include <QFile>
#include <QImage>
#include <QTest>
#include <c10/core/InferenceMode.h>
#include <torch/torch.h>

using namespace unblur::model;

namespace {

const QString kTiny = QStringLiteral(UNBLUR_TEST_DATA "/hidiff-tiny");

torch::Tensor readF32(const QString& name, at::IntArrayRef shape)
{
    QFile file(kTiny + "/" + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot open %s", qPrintable(file.fileName()));
    }
    const QByteArray bytes = file.readAll();
    const int64_t count = bytes.size() / 4;
    torch::Tensor t = torch::empty({count}, torch::kFloat32);
    std::memcpy(t.data_ptr<float>(), bytes.constData(), size_t(count) * 4);
    return t.view(shape);
}

torch::Tensor readInput()
{
    const QImage image = QImage(kTiny + "/input.png").convertToFormat(QImage::Format_RGB888);
    torch::Tensor t = torch::empty({image.height(), image.width(), 3}, torch::kUInt8);
    for (int y = 0; y < image.height(); ++y) {
        std::memcpy(t[y].data_ptr<uint8_t>(), image.constScanLine(y), size_t(image.width()) * 3);
    }
    return t.permute({2, 0, 1}).unsqueeze(0).to(torch::kFloat32).div(255.0).contiguous();
}

double maxAbs(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

/** Random weights of a configuration (every parameter moved, as the fixture's were). */
void randomise(torch::nn::Module& module, uint64_t seed)
{
    torch::manual_seed(seed);
    torch::NoGradGuard guard;
    for (auto& p : module.parameters()) {
        p.add_(torch::randn_like(p) * 0.05);
    }
}

} // namespace

class TestHiDiffModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(2); }

    void matchesGoldenOutputs_data()
    {
        QTest::addColumn<bool>("fast");
        QTest::newRow("reference path") << false;
        QTest::newRow("fast path") << true;
    }

    void matchesGoldenOutputs()
    {
        QFETCH(bool, fast);
        LoadedModel loaded = loadModelFolder(kTiny.toStdString());
        HiDiffModel& model = *loaded.model;
        setFastPathEnabled(fast);
        c10::InferenceMode inference;
        const torch::Tensor input = readInput();
        QCOMPARE(input.size(2), 45);
        QCOMPARE(input.size(3), 61);
        // The raw copy used by the LibTorch-only checks is this very decode.
        QVERIFY(torch::equal(input, readF32("input.f32", {1, 3, 45, 61})));

        const torch::Tensor padded = padToMultiple(input, 8);
        QCOMPARE(padded.size(2), 48);
        QCOMPARE(padded.size(3), 64);
        const torch::Tensor condition = model.encodeCondition(padded);
        QVERIFY(maxAbs(condition, readF32("prior_c.f32", {1, 16, 32})) <= 1e-5);

        const torch::Tensor noise = HiDiffModel::initialNoise(condition.sizes(), 1234);
        QVERIFY(torch::equal(noise, readF32("noise.f32", {1, 16, 32})));

        const torch::Tensor prior = model.samplePrior(condition, noise);
        QVERIFY(maxAbs(prior, readF32("prior.f32", {1, 16, 32})) <= 1e-5);

        const torch::Tensor output = model.restore(input, 1234);
        const double error = maxAbs(output, readF32("output.f32", {1, 3, 45, 61}));
        qInfo("max |output - golden| = %.3g", error);
        QVERIFY(error <= 1e-5);
        setFastPathEnabled(true);
    }

    void sameSeedGivesIdenticalPixels()
    {
        LoadedModel loaded = loadModelFolder(kTiny.toStdString());
        c10::InferenceMode inference;
        const torch::Tensor input = readInput();
        const torch::Tensor first = loaded.model->restore(input, 7);
        const torch::Tensor second = loaded.model->restore(input, 7);
        QVERIFY(torch::equal(first, second));
    }

    void differentSeedsGiveDifferentPriors()
    {
        LoadedModel loaded = loadModelFolder(kTiny.toStdString());
        c10::InferenceMode inference;
        const torch::Tensor condition =
            loaded.model->encodeCondition(padToMultiple(readInput(), 8));
        const torch::Tensor a =
            loaded.model->samplePrior(condition, HiDiffModel::initialNoise(condition.sizes(), 1));
        const torch::Tensor b =
            loaded.model->samplePrior(condition, HiDiffModel::initialNoise(condition.sizes(), 2));
        QVERIFY(maxAbs(a, b) > 1e-3);
    }

    /** The fast path folds weights and fuses attention: it must agree with the reference
     *  formulation, and with the differentiable one training uses, on configurations the
     *  fixture does not cover (biases, BiasFree, batch 2). */
    void fastPathMatchesReference_data()
    {
        QTest::addColumn<bool>("bias");
        QTest::addColumn<QString>("norm");
        QTest::addColumn<int>("batch");
        QTest::newRow("published layout") << false << "WithBias" << 1;
        QTest::newRow("with biases, batch 2") << true << "WithBias" << 2;
        QTest::newRow("BiasFree") << false << "BiasFree" << 1;
    }

    void fastPathMatchesReference()
    {
        QFETCH(bool, bias);
        QFETCH(QString, norm);
        QFETCH(int, batch);
        HiDiffConfig config;
        config.g.dim = 16;
        config.g.numBlocks = {1, 2, 1, 2};
        config.g.numRefinementBlocks = 1;
        config.g.heads = {1, 2, 4, 8};
        config.g.bias = bias;
        config.g.layerNormType = norm.toStdString();
        config.g.embedDim = config.le.embedDim = 16;
        config.le.blockNum = 2;
        config.d.inChannel = config.d.outChannel = 64;
        config.d.innerChannel = 32;
        HiDiffModel model(config);
        randomise(*model.transformer(), 3);
        randomise(*model.encoder(), 4);
        randomise(*model.denoiser(), 5);

        torch::manual_seed(9);
        const torch::Tensor image = torch::rand({batch, 3, 40, 56});
        torch::Tensor reference, fast;
        {
            c10::InferenceMode inference;
            setFastPathEnabled(false);
            reference = model.restore(image, 11);
            setFastPathEnabled(true);
            fast = model.restore(image, 11);
        }
        const double error = maxAbs(reference, fast);
        qInfo("max |fast - reference| = %.3g", error);
        QVERIFY(error <= 2e-5);
        // The path training differentiates (autograd on, no inference mode) agrees too.
        const torch::Tensor differentiable = model.restore(image, 11);
        QVERIFY(differentiable.requires_grad());
        QVERIFY(maxAbs(differentiable.detach(), fast) <= 2e-5);

        // The trainer feeds the CPU network channels-last: same output, same gradients.
        const torch::Tensor weights = torch::randn_like(image);
        auto gradients = [&](const torch::Tensor& input) {
            model.transformer()->zero_grad();
            const torch::Tensor out = model.restore(input, 11);
            (out * weights).sum().backward();
            std::vector<torch::Tensor> grads;
            for (const auto& p : model.transformer()->parameters()) {
                grads.push_back(p.grad().clone());
            }
            return std::make_pair(out.detach(), grads);
        };
        const auto [planarOut, planarGrads] = gradients(image);
        const auto [lastOut, lastGrads] =
            gradients(image.contiguous(at::MemoryFormat::ChannelsLast));
        QVERIFY(maxAbs(planarOut, lastOut) <= 2e-5);
        double worst = 0;
        for (size_t i = 0; i < planarGrads.size(); ++i) {
            const double scale = planarGrads[i].abs().max().item<double>() + 1e-3;
            worst = std::max(worst, maxAbs(planarGrads[i], lastGrads[i]) / scale);
        }
        qInfo("max relative gradient difference, channels-last vs planar: %.3g", worst);
        QVERIFY(worst <= 1e-3);
    }

    /** The GELU gate's kernels (dense, channel halves, autograd) agree with ATen's ops. */
    void geluGateMatchesAten()
    {
        torch::manual_seed(21);
        const torch::Tensor planar = torch::randn({2, 12, 9, 7}) * 3;
        const torch::Tensor last = planar.contiguous(at::MemoryFormat::ChannelsLast);
        auto aten = [](const torch::Tensor& x) {
            const auto halves = x.chunk(2, 1);
            return at::gelu(halves[0]) * halves[1];
        };
        const torch::Tensor expected = aten(planar);
        {
            torch::NoGradGuard noGrad;
            QVERIFY(maxAbs(geluGateHalves(planar), expected) <= 1e-5); // dense halves
            QVERIFY(maxAbs(geluGateHalves(last), expected) <= 1e-5);   // channel-strided rows
        }
        // Autograd through the fused node: x's gradient in one backward kernel.
        const torch::Tensor outputGrad = torch::randn_like(expected);
        const torch::Tensor x = last.clone().requires_grad_(true);
        const torch::Tensor fused = geluGateHalves(x);
        QVERIFY(std::string(fused.grad_fn()->name()).find("GateHalves") != std::string::npos);
        QVERIFY(maxAbs(fused.detach(), expected) <= 1e-5);
        const torch::Tensor fusedGrad = torch::autograd::grad({fused}, {x}, {outputGrad})[0];
        const torch::Tensor y = planar.clone().requires_grad_(true);
        const torch::Tensor atenGrad = torch::autograd::grad({aten(y)}, {y}, {outputGrad})[0];
        QVERIFY(maxAbs(fusedGrad, atenGrad) <= 1e-4);
    }

    /** The bf16 gate rounds what the float32 gate computes from the same bf16 inputs. */
    void geluGateBFloat16MatchesFloat32()
    {
        torch::manual_seed(22);
        const torch::Tensor x = (torch::randn({1, 12, 9, 7}) * 3)
                                    .to(at::kBFloat16)
                                    .contiguous(at::MemoryFormat::ChannelsLast);
        const auto halves = x.chunk(2, 1);
        const torch::Tensor gated = geluGate(halves[0], halves[1]);
        QCOMPARE(gated.scalar_type(), at::kBFloat16);
        QVERIFY(gated.is_contiguous(at::MemoryFormat::ChannelsLast));
        const torch::Tensor expected =
            (at::gelu(halves[0].to(at::kFloat)) * halves[1].to(at::kFloat)).to(at::kBFloat16);
        // At most one bf16 step apart (libmvec's erf against ATen's): 2^-7 relative.
        const torch::Tensor step = expected.to(at::kFloat).abs() * std::ldexp(1.0, -7) + 1e-30;
        QVERIFY(
            ((gated.to(at::kFloat) - expected.to(at::kFloat)).abs() <= step).all().item<bool>());
        const torch::Tensor dense = x.contiguous();
        QVERIFY(torch::equal(geluGate(dense, dense), geluGate(dense, dense)));
    }

    /**
     * The bf16 fast path against float32 on the golden fixture: float32 output, within the
     * error bf16's 8-bit mantissa allows, and the float32 path unchanged after it ran.
     */
    void bfloat16PathMatchesFloat32()
    {
        LoadedModel loaded = loadModelFolder(kTiny.toStdString());
        HiDiffModel& model = *loaded.model;
        c10::InferenceMode inference;
        const torch::Tensor input = readInput();
        const torch::Tensor full = model.restore(input, 1234);
        torch::Tensor half;
        {
            ScopedBFloat16Path bf16(model.bfloat16Weights());
            QVERIFY(bfloat16Path());
            half = model.restore(input, 1234);
        }
        QVERIFY(!bfloat16Path());
        QCOMPARE(half.scalar_type(), at::kFloat);
        QCOMPARE(half.sizes(), full.sizes());
        QVERIFY(model.bfloat16Weights().size() > 10); // net_g's weights were converted
        const double error = maxAbs(half, full);
        const double mse = (half - full).square().mean().item<double>();
        const double psnr = 10.0 * std::log10(1.0 / std::max(mse, 1e-20));
        qInfo("bf16 against float32: PSNR %.1f dB, max abs error %.3g", psnr, error);
        QVERIFY(error > 0); // it did run in bf16
        // The goal, 45 dB; rounding only net_g's weights to bf16 gives 55.5 dB here.
        QVERIFY(psnr >= 45.0);
        QVERIFY(error <= 0.02); // no pixel off by more than 2 % of the range
        QVERIFY(maxAbs(model.restore(input, 1234), readF32("output.f32", {1, 3, 45, 61})) <= 1e-5);
        QVERIFY(torch::equal(model.restore(input, 1234), full));

        // The reference path (training, autograd) ignores the bf16 scope.
        setFastPathEnabled(false);
        {
            ScopedBFloat16Path bf16(model.bfloat16Weights());
            QVERIFY(!bfloat16Path());
        }
        setFastPathEnabled(true);
    }

    /** A weight's bf16 copy is made once, and made again when the weight changes. */
    void bfloat16WeightsAreCachedUntilChanged()
    {
        BFloat16Weights weights;
        torch::Tensor w = torch::randn({6, 4, 1, 1});
        const torch::Tensor first = weights.of(w.view({6, 4}));
        QCOMPARE(first.scalar_type(), at::kBFloat16);
        QCOMPARE(first.sizes(), w.view({6, 4}).sizes());
        QCOMPARE(first.data_ptr(), weights.of(w).data_ptr()); // same copy for any view
        QCOMPARE(int(weights.size()), 1);
        {
            torch::NoGradGuard noGrad;
            w.mul_(2);
        }
        QVERIFY(torch::equal(weights.of(w).view({6, 4}), w.view({6, 4}).to(at::kBFloat16)));
        QVERIFY(!weights.of(torch::Tensor()).defined());
    }

    /** Sizes the network cannot be built with are refused naming the field, before LibTorch. */
    void impossibleSizesNameTheField()
    {
        auto errorOf = [](HiDiffConfig config) -> std::string {
            try {
                config.validate();
            } catch (const ModelError& e) {
                return e.what();
            }
            return {};
        };
        HiDiffConfig odd;
        odd.g.dim = 7; // halved before each 2x2 pixel unshuffle
        QVERIFY(errorOf(odd).find("'dim'") != std::string::npos);
        HiDiffConfig heads;
        heads.g.dim = 10;
        heads.g.heads = {1, 2, 4, 3};
        QVERIFY(errorOf(heads).find("'heads'") != std::string::npos);
        QVERIFY(errorOf(HiDiffConfig()).empty());
    }

    /** ScopedReferencePath turns the fast path off on its thread, inference mode or not. */
    void referencePathScopeDisablesFastPath()
    {
        c10::InferenceMode inference;
        QVERIFY(useFastPath());
        {
            ScopedReferencePath reference;
            QVERIFY(!useFastPath());
        }
        QVERIFY(useFastPath());
    }
};

QTEST_APPLESS_MAIN(TestHiDiffModel)
#include "TestHiDiffModel.moc"
