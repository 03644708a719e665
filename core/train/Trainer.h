#pragma once

#include "BatchLoader.h"
#include "PairSource.h"
#include "TrainOptions.h"
#include "TrainingNets.h"
#include "WeightAverage.h"
#include "model/ModelCard.h"

#include <atomic>
#include <fstream>
#include <functional>
#include <memory>
#include <torch/optim/adamw.h>

namespace unblur::train {

/** What the progress line shows after each step. */
struct TrainProgress
{
    int64_t step = 0; ///< steps done
    int64_t total = 0;
    int stage = 1;
    int patchSize = 0;
    int batchSize = 0;
    double loss = 0;         ///< this step's loss
    double smoothedLoss = 0; ///< exponential average
    double learningRate = 0;
    double stepsPerSecond = 0;
    double etaSeconds = 0;
    double validationPsnr = 0; ///< last validation, 0 before the first
    /** Share of the recent step time spent waiting for the data loader (0..1). */
    double dataWaitShare = 0;
};

/** One training step's losses. */
struct StepLoss
{
    double total = 0;
    double image = 0;
    double prior = 0;        ///< stage 2 only
    double gradientNorm = 0; ///< of all trained parameters, before clipping
};

/**
 * The published two-stage HI-Diff recipe: stage 1 trains net_le (sharp + blurry) with net_g
 * under L1; stage 2 freezes net_le and trains net_le_dm, net_d and net_g through the 8
 * reverse-diffusion steps with L1 on the image and on the prior. AdamW, cosine schedule,
 * gradient-norm clipping. Everything that decides a step (data, noise) is a function of the
 * seed and the step index, so a resumed run continues exactly where it stopped. With a
 * weight-average decay, validation and the model folder use the average (WeightAverage).
 */
class Trainer
{
public:
    Trainer(TrainOptions options, const PairSource& training, const PairSource* validation);
    ~Trainer();

    /**
     * Starts from the weights of a model folder (net_le.pth optional). With `grow`, its net_g
     * may have fewer blocks than this one's: the new blocks start as identities (loadGrowing),
     * and their prefixes are returned.
     */
    std::vector<std::string> initialiseFrom(const std::string& modelFolder, bool grow = false);
    /** Resumes from the output folder's training state; false when there is none. */
    bool resume();

    /** Trains to the end or until `stop` is set; writes a checkpoint at the end either way. */
    void run(const std::function<void(const TrainProgress&)>& onProgress,
             const std::atomic<bool>* stop = nullptr);

    /** One optimisation step on a batch; advances the step counter. */
    StepLoss trainStep(const Batch& batch);
    /** Mean PSNR (8-bit, dB) of the current model on the validation set, and of its input. */
    std::pair<double, double> validate();
    /** Writes the model folder and the training state (atomically, file by file). */
    void saveCheckpoint();

    int64_t step() const { return m_step; }
    TrainingNets& nets() { return m_nets; }
    const TrainOptions& options() const { return m_options; }
    /** The current stage's optimiser (after the first step, resume or checkpoint). */
    const torch::optim::AdamW& optimiser() const { return *m_optimiser; }
    /**
     * The model card written with each checkpoint; its last lineage entry is this run's, and
     * the trainer fills in its steps and seconds (an entry named after --out when there is
     * none). The configuration is the trainer's.
     */
    void setModelCard(const model::ModelCard& card) { m_card = card; }
    std::string statePath() const;

private:
    void beginStage(int stage);
    void applyLearningRate();
    torch::Tensor stageTwoNoise(at::IntArrayRef shape) const;
    void appendLog(const StepLoss& loss, double validationPsnr, double dataWaitShare);
    model::ModelCard cardNow() const;

    TrainOptions m_options;
    const PairSource& m_training;
    const PairSource* m_validation;
    TrainingNets m_nets;
    torch::Device m_device;
    int m_stage = 0;
    int64_t m_step = 0;
    double m_seconds = 0; ///< training time over all sessions of this run
    double m_lastValidation = 0;
    double m_validationInput = 0;
    std::unique_ptr<torch::optim::AdamW> m_optimiser;
    std::vector<torch::Tensor> m_parameters;
    std::unique_ptr<WeightAverage> m_average; ///< with --ema: what validation and export use
    model::ModelCard m_card;
    std::ofstream m_log;
};

} // namespace unblur::train
