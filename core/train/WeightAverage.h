#pragma once

#include <cstdint>
#include <torch/nn/module.h>
#include <torch/serialize/archive.h>
#include <vector>

namespace unblur::train {

/**
 * An exponential moving average of modules' parameters (Polyak averaging): the weights a run
 * exports and validates. It evens out the step-to-step noise of small batches, which on a CPU
 * are all there is. The decay ramps up as min(decay, (1 + n) / (10 + n)) over the updates n,
 * so early on the average follows the weights closely.
 */
class WeightAverage
{
public:
    /** Averages every parameter of `modules`, starting from their current values. */
    WeightAverage(const std::vector<torch::nn::Module*>& modules, double decay);

    /** Folds the current parameters in; `updates` counts the steps so far (>= 1). */
    void update(int64_t updates);
    /** Restarts the average at the current parameters. */
    void reset();
    /** Exchanges the averaged and the live values in place; a second call undoes it. */
    void swap();

    void save(torch::serialize::OutputArchive& archive) const;
    /** Throws c10::Error when the archive does not hold an average of these shapes. */
    void load(torch::serialize::InputArchive& archive);

    double decay() const { return m_decay; }
    /** The decay that update(updates) applies. */
    double decayAt(int64_t updates) const;
    const std::vector<torch::Tensor>& averaged() const { return m_averaged; }

private:
    double m_decay;
    std::vector<torch::Tensor> m_live;
    std::vector<torch::Tensor> m_averaged;
};

/** Puts the averaged weights in place for a scope (validation, export), then the live ones back. */
class AveragedWeightsScope
{
public:
    explicit AveragedWeightsScope(WeightAverage* average);
    ~AveragedWeightsScope();
    AveragedWeightsScope(const AveragedWeightsScope&) = delete;
    AveragedWeightsScope& operator=(const AveragedWeightsScope&) = delete;

private:
    WeightAverage* m_average;
};

} // namespace unblur::train
