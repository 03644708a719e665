#include "Trainer.h"

#include "GradientClip.h"
#include "ImageLoss.h"
#include "LearningRate.h"
#include "model/DeviceCopy.h"
#include "model/ModelError.h"
#include "train/Random.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <torch/serialize.h>
#include <torch/torch.h>

namespace unblur::train {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

/** PSNR of 8-bit pixels, as the published evaluation computes it, averaged over the batch. */
double meanPsnr8(const torch::Tensor& output, const torch::Tensor& target)
{
    const auto quantise = [](const torch::Tensor& t) {
        return t.clamp(0.0, 1.0).mul(255.0).round().to(torch::kDouble);
    };
    const torch::Tensor mse = (quantise(output) - quantise(target)).pow(2).flatten(1).mean(1);
    const torch::Tensor psnr = 10.0 * torch::log10(255.0 * 255.0 / mse.clamp_min(1e-10));
    return psnr.mean().item<double>();
}

void setTrainable(torch::nn::Module& module, bool trainable)
{
    for (torch::Tensor& p : module.parameters()) {
        p.set_requires_grad(trainable);
    }
    module.train(trainable);
}

void append(std::vector<torch::Tensor>& to, torch::nn::Module& module)
{
    for (const torch::Tensor& p : module.parameters()) {
        to.push_back(p);
    }
}

int64_t scalarOf(torch::serialize::InputArchive& archive, const char* key)
{
    torch::Tensor value;
    archive.read(key, value);
    return value.item<int64_t>();
}

double doubleOf(torch::serialize::InputArchive& archive, const char* key)
{
    torch::Tensor value;
    archive.read(key, value);
    return value.item<double>();
}

/** Validates the options and seeds LibTorch so fresh weights depend on the seed only. */
const model::HiDiffConfig& seededConfig(const TrainOptions& options)
{
    options.validate();
    torch::manual_seed(options.seed);
    return options.config;
}

} // namespace

Trainer::Trainer(TrainOptions options, const PairSource& training, const PairSource* validation)
    : m_options(std::move(options)), m_training(training), m_validation(validation),
      m_nets(seededConfig(m_options)), m_device(m_options.device)
{
    fs::create_directories(m_options.outputDir);
    m_nets.to(m_device);
    if (m_device.is_cuda()) {
        // Every step of a phase has the same shapes: let cuDNN time its algorithms once.
        at::globalContext().setBenchmarkCuDNN(true);
    }
    if (m_options.weightAverageDecay > 0) {
        m_average = std::make_unique<WeightAverage>(m_nets.modules(), m_options.weightAverageDecay);
    }
}

Trainer::~Trainer() = default;

std::string Trainer::statePath() const
{
    return (fs::path(m_options.outputDir) / "training_state.pt").string();
}

std::vector<std::string> Trainer::initialiseFrom(const std::string& modelFolder, bool grow)
{
    std::vector<std::string> grown;
    m_nets.to(torch::kCPU);
    m_nets.readCheckpoints(modelFolder, grow ? &grown : nullptr);
    m_nets.to(m_device);
    if (m_average) {
        m_average->reset();
    }
    return grown;
}

void Trainer::beginStage(int stage)
{
    m_stage = stage;
    m_parameters.clear();
    auto& g = *m_nets.model.transformer();
    auto& leDm = *m_nets.model.encoder();
    auto& d = *m_nets.model.denoiser();
    auto& le = *m_nets.netLe;
    setTrainable(g, true);
    setTrainable(le, stage == 1);
    setTrainable(leDm, stage == 2);
    setTrainable(d, stage == 2);
    append(m_parameters, g);
    append(m_parameters, stage == 1 ? le : leDm);
    if (stage == 2) {
        append(m_parameters, d);
    }
    const OptimiserOptions& o = m_options.optimiser;
    m_optimiser = std::make_unique<torch::optim::AdamW>(m_parameters,
                                                        torch::optim::AdamWOptions(o.learningRate)
                                                            .betas({o.beta1, o.beta2})
                                                            .weight_decay(o.weightDecay));
}

void Trainer::applyLearningRate()
{
    const int64_t stageStart = m_stage == 1 ? 0 : m_options.stage1Steps;
    const int64_t stageSteps = m_stage == 1 ? m_options.stage1Steps : m_options.stage2Steps;
    const double lr = cosineLearningRate(m_options.optimiser, m_step - stageStart, stageSteps);
    for (auto& group : m_optimiser->param_groups()) {
        static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    }
}

torch::Tensor Trainer::stageTwoNoise(at::IntArrayRef shape) const
{
    return model::toDevice(
        model::HiDiffModel::initialNoise(shape, mixSeed(m_options.seed, uint64_t(m_step))),
        m_device);
}

StepLoss Trainer::trainStep(const Batch& batch)
{
    const int stage = m_options.stageOf(m_step);
    if (stage != m_stage) {
        beginStage(stage);
    }
    applyLearningRate();
    torch::Tensor blurry = model::toDevice(batch.blurry, m_device);
    torch::Tensor sharp = model::toDevice(batch.sharp, m_device);
    if (m_device.is_cpu() && m_options.channelsLast) {
        // Channels-last through the network: oneDNN's convolutions are several times faster
        // on it, and the LayerNorms, GELU gates and integration modules read it without copies.
        blurry = blurry.contiguous(at::MemoryFormat::ChannelsLast);
        sharp = sharp.contiguous(at::MemoryFormat::ChannelsLast);
    }
    m_optimiser->zero_grad();

    // The losses stay on the device until the step is done: one host sync per step, so a
    // GPU is never idle while the backward pass is being queued.
    torch::Tensor loss, imageLoss, priorLoss;
    if (stage == 1) {
        torch::Tensor restored;
        {
            const MixedPrecisionScope compute(m_options.precision, m_device);
            const torch::Tensor prior = m_nets.netLe->forward(blurry, sharp);
            restored = m_nets.model.transform(blurry, prior);
        }
        // The losses in float32 whatever the forward computed in.
        imageLoss =
            imageTermLoss(restored.to(torch::kFloat32), sharp, m_options.frequencyLossWeight);
        loss = imageLoss;
    } else {
        torch::Tensor z0, z, restored;
        {
            const MixedPrecisionScope compute(m_options.precision, m_device);
            {
                torch::NoGradGuard noGrad;
                z0 = m_nets.netLe->forward(blurry, sharp).to(torch::kFloat32);
            }
            // The published training starts the reverse process from q(z_T | z0), written
            // with alphas_cumprod rather than its square root.
            const double ac = m_nets.model.schedule().alphasCumprod.back();
            const torch::Tensor zT = z0 * ac + stageTwoNoise(z0.sizes()) * std::sqrt(1.0 - ac * ac);
            const torch::Tensor condition = m_nets.model.encodeCondition(blurry);
            z = m_nets.model.samplePrior(condition, zT);
            restored = m_nets.model.transform(blurry, z);
        }
        imageLoss =
            imageTermLoss(restored.to(torch::kFloat32), sharp, m_options.frequencyLossWeight);
        priorLoss = torch::l1_loss(z.to(torch::kFloat32), z0);
        loss = imageLoss + priorLoss;
    }
    loss.backward();
    const torch::Tensor gradientNorm =
        clipGradientNorm(m_parameters, m_options.optimiser.gradClipNorm);
    const torch::Tensor zero = torch::zeros_like(loss);
    const torch::Tensor figures = torch::stack({loss.detach(), imageLoss.detach(),
                                                priorLoss.defined() ? priorLoss.detach() : zero,
                                                gradientNorm.to(loss.device())})
                                      .to(torch::kCPU, torch::kDouble);
    const auto f = figures.accessor<double, 1>();
    const StepLoss result{f[0], f[1], f[2], f[3]};
    if (!std::isfinite(result.total)) {
        // Nothing of this step is kept: the run stops before any checkpoint.
        throw std::runtime_error("training diverged at step " + std::to_string(m_step) +
                                 " (loss is not finite); lower --lr or resume from the "
                                 "last checkpoint");
    }
    m_optimiser->step();
    ++m_step;
    if (m_average) {
        m_average->update(m_step);
    }
    return result;
}

std::pair<double, double> Trainer::validate()
{
    if (!m_validation || m_options.validationCount == 0) {
        return {0.0, 0.0};
    }
    c10::InferenceMode inference;
    const AveragedWeightsScope averaged(m_average.get());
    const int stage = m_options.stageOf(std::max<int64_t>(0, m_step - 1));
    PatchPhase phase{m_options.validationSize, 1, 0};
    double output = 0, input = 0;
    for (int i = 0; i < m_options.validationCount; ++i) {
        const Batch batch = makeBatch(*m_validation, i, phase);
        const torch::Tensor blurry = batch.blurry.to(m_device);
        const torch::Tensor sharp = batch.sharp.to(m_device);
        const torch::Tensor restored =
            stage == 1 ? m_nets.model.transform(blurry, m_nets.netLe->forward(blurry, sharp))
                       : m_nets.model.restore(blurry, mixSeed(m_options.seed, uint64_t(i)));
        output += meanPsnr8(restored.cpu(), batch.sharp);
        input += meanPsnr8(batch.blurry, batch.sharp);
    }
    m_lastValidation = output / m_options.validationCount;
    m_validationInput = input / m_options.validationCount;
    return {m_lastValidation, m_validationInput};
}

void Trainer::run(const std::function<void(const TrainProgress&)>& onProgress,
                  const std::atomic<bool>* stop)
{
    const fs::path logPath = fs::path(m_options.outputDir) / "train_log.csv";
    const bool newLog = !fs::exists(logPath);
    m_log.open(logPath, std::ios::app);
    if (newLog) {
        m_log << "step,stage,patch,batch,loss,image_loss,prior_loss,lr,seconds,val_psnr,"
                 "grad_norm,data_wait\n";
    }
    if (m_options.validateEvery > 0 && m_step == 0) {
        validate();
    }
    BatchLoader loader(m_training, m_options, m_step, m_options.loaderThreads);
    TrainProgress progress;
    progress.total = m_options.totalSteps();
    double stepsPerSecond = 0;
    int64_t lastSaved = m_step;
    while (m_step < m_options.totalSteps() && !(stop && stop->load())) {
        const PatchPhase phase = m_options.phaseAt(m_step);
        const auto start = Clock::now();
        const Batch batch = loader.next();
        const double waited = std::chrono::duration<double>(Clock::now() - start).count();
        const StepLoss loss = trainStep(batch);
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        m_seconds += seconds;
        const bool first = stepsPerSecond == 0;
        stepsPerSecond = first ? 1.0 / seconds : 0.95 * stepsPerSecond + 0.05 / seconds;
        progress.dataWaitShare =
            first ? waited / seconds : 0.95 * progress.dataWaitShare + 0.05 * waited / seconds;

        double validation = 0;
        if (m_options.validateEvery > 0 && m_step % m_options.validateEvery == 0) {
            validation = validate().first;
        }
        appendLog(loss, validation, waited / seconds);
        if (m_step % m_options.checkpointEvery == 0) {
            saveCheckpoint();
            lastSaved = m_step;
        }
        progress.step = m_step;
        progress.stage = m_stage;
        progress.patchSize = phase.size;
        progress.batchSize = phase.batch;
        progress.loss = loss.total;
        progress.smoothedLoss = progress.smoothedLoss == 0
                                    ? loss.total
                                    : 0.98 * progress.smoothedLoss + 0.02 * loss.total;
        progress.learningRate =
            static_cast<torch::optim::AdamWOptions&>(m_optimiser->param_groups()[0].options()).lr();
        progress.stepsPerSecond = stepsPerSecond;
        progress.etaSeconds = double(m_options.totalSteps() - m_step) / stepsPerSecond;
        progress.validationPsnr = m_lastValidation;
        if (onProgress) {
            onProgress(progress);
        }
    }
    // A finished run resumed into a folder that lost its weights (a copy that left the
    // large net_g.pth behind) exports them again from the state.
    const bool weightsMissing = !fs::exists(fs::path(m_options.outputDir) / "net_g.pth");
    if (m_step != lastSaved || !fs::exists(statePath()) || weightsMissing) {
        saveCheckpoint();
    }
}

void Trainer::appendLog(const StepLoss& loss, double validationPsnr, double dataWaitShare)
{
    const PatchPhase& phase = m_options.phaseAt(m_step - 1);
    const double lr =
        static_cast<torch::optim::AdamWOptions&>(m_optimiser->param_groups()[0].options()).lr();
    m_log << m_step << ',' << m_stage << ',' << phase.size << ',' << phase.batch << ','
          << loss.total << ',' << loss.image << ',' << loss.prior << ',' << lr << ',' << m_seconds
          << ',';
    if (validationPsnr > 0) {
        m_log << validationPsnr;
    }
    m_log << ',' << loss.gradientNorm << ',' << dataWaitShare << '\n';
    m_log.flush();
}

void Trainer::saveCheckpoint()
{
    const fs::path dir(m_options.outputDir);
    if (m_stage == 0) {
        beginStage(m_options.stageOf(m_step));
    }
    // The training state first: the model folder is an export of it.
    torch::serialize::OutputArchive archive;
    const auto module = [&](const char* key, const torch::nn::Module& net) {
        torch::serialize::OutputArchive sub;
        net.save(sub);
        archive.write(key, sub);
    };
    module("net_g", *m_nets.model.transformer());
    module("net_le_dm", *m_nets.model.encoder());
    module("net_d", *m_nets.model.denoiser());
    module("net_le", *m_nets.netLe);
    torch::serialize::OutputArchive optimiser;
    m_optimiser->save(optimiser);
    archive.write("optimiser", optimiser);
    if (m_average) {
        torch::serialize::OutputArchive average;
        m_average->save(average);
        archive.write("weight_average", average);
    }
    archive.write("step", torch::tensor(int64_t(m_step)));
    archive.write("stage", torch::tensor(int64_t(m_stage)));
    archive.write("seed", torch::tensor(int64_t(m_options.seed)));
    archive.write("seconds", torch::tensor(m_seconds, torch::kDouble));
    archive.write("validation", torch::tensor(m_lastValidation, torch::kDouble));
    const std::string temporary = statePath() + ".partial";
    archive.save_to(temporary);
    fs::rename(temporary, statePath());

    {
        const AveragedWeightsScope averaged(m_average.get());
        m_nets.writeCheckpoints(dir.string());
    }
    model::writeModelCard(dir.string(), cardNow());
}

bool Trainer::resume()
{
    if (!fs::exists(statePath())) {
        return false;
    }
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(statePath(), m_device);
        const auto module = [&](const char* key, torch::nn::Module& net) {
            torch::serialize::InputArchive sub;
            archive.read(key, sub);
            net.load(sub);
        };
        module("net_g", *m_nets.model.transformer());
        module("net_le_dm", *m_nets.model.encoder());
        module("net_d", *m_nets.model.denoiser());
        module("net_le", *m_nets.netLe);
        if (uint64_t(scalarOf(archive, "seed")) != m_options.seed) {
            throw std::runtime_error("it was made with --seed " +
                                     std::to_string(scalarOf(archive, "seed")));
        }
        m_step = scalarOf(archive, "step");
        m_seconds = doubleOf(archive, "seconds");
        m_lastValidation = doubleOf(archive, "validation");
        beginStage(int(scalarOf(archive, "stage")));
        torch::serialize::InputArchive optimiser;
        archive.read("optimiser", optimiser);
        m_optimiser->load(optimiser);
        if (m_average) {
            // A state saved without an average (another run's) starts one here.
            torch::serialize::InputArchive average;
            if (archive.try_read("weight_average", average)) {
                m_average->load(average);
            } else {
                m_average->reset();
            }
        }
    } catch (const std::exception& e) {
        throw std::runtime_error(statePath() + ": cannot resume: " + e.what());
    }
    return true;
}

model::ModelCard Trainer::cardNow() const
{
    model::ModelCard card = m_card;
    card.config = m_options.config;
    if (card.lineage.empty()) {
        card.lineage.push_back(model::lineageStart(model::folderName(m_options.outputDir)));
    }
    model::LineageEntry& run = card.lineage.back();
    run.steps = m_step;
    run.seconds = std::round(m_seconds);
    return card;
}

} // namespace unblur::train
