#include "WeightAverage.h"

#include <algorithm>
#include <string>
#include <torch/torch.h>

namespace unblur::train {

WeightAverage::WeightAverage(const std::vector<torch::nn::Module*>& modules, double decay)
    : m_decay(decay)
{
    for (torch::nn::Module* module : modules) {
        for (const torch::Tensor& p : module->parameters()) {
            m_live.push_back(p);
        }
    }
    torch::NoGradGuard noGrad;
    for (const torch::Tensor& p : m_live) {
        m_averaged.push_back(p.detach().clone());
    }
}

double WeightAverage::decayAt(int64_t updates) const
{
    return std::min(m_decay, double(1 + updates) / double(10 + updates));
}

void WeightAverage::update(int64_t updates)
{
    torch::NoGradGuard noGrad;
    const double weight = 1.0 - decayAt(updates);
    for (size_t i = 0; i < m_live.size(); ++i) {
        m_averaged[i].lerp_(m_live[i].detach(), weight);
    }
}

void WeightAverage::reset()
{
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < m_live.size(); ++i) {
        m_averaged[i].copy_(m_live[i].detach());
    }
}

void WeightAverage::swap()
{
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < m_live.size(); ++i) {
        const torch::Tensor live = m_live[i].detach().clone();
        m_live[i].detach().copy_(m_averaged[i]);
        m_averaged[i].copy_(live);
    }
}

void WeightAverage::save(torch::serialize::OutputArchive& archive) const
{
    for (size_t i = 0; i < m_averaged.size(); ++i) {
        archive.write(std::to_string(i), m_averaged[i]);
    }
}

void WeightAverage::load(torch::serialize::InputArchive& archive)
{
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < m_averaged.size(); ++i) {
        torch::Tensor value;
        archive.read(std::to_string(i), value);
        TORCH_CHECK(value.sizes() == m_averaged[i].sizes(), "averaged weight ", i, " has shape ",
                    value.sizes(), ", the model's is ", m_averaged[i].sizes());
        m_averaged[i].copy_(value);
    }
}

AveragedWeightsScope::AveragedWeightsScope(WeightAverage* average) : m_average(average)
{
    if (m_average) {
        m_average->swap();
    }
}

AveragedWeightsScope::~AveragedWeightsScope()
{
    if (m_average) {
        m_average->swap();
    }
}

} // namespace unblur::train
