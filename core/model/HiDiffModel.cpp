#include "HiDiffModel.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

namespace unblur::model {

HiDiffModel::HiDiffModel(const HiDiffConfig& config)
    : m_config(config), m_schedule(config.schedule), m_netG(config.g), m_netLeDm(config.le),
      m_netD(config.d)
{
    m_netG->eval();
    m_netLeDm->eval();
    m_netD->eval();
}

void HiDiffModel::to(const torch::Device& device)
{
    m_netG->to(device);
    m_netLeDm->to(device);
    m_netD->to(device);
    m_bfloat16Weights.clear();
}

torch::Device HiDiffModel::device() const
{
    return m_netG->output->weight.device();
}

torch::Tensor HiDiffModel::encodeCondition(const torch::Tensor& padded)
{
    return m_netLeDm->forward(padded);
}

torch::Tensor HiDiffModel::initialNoise(at::IntArrayRef shape, uint64_t seed)
{
    // A private generator seeded like torch::manual_seed draws the same numbers without
    // touching the global one, so concurrent workers cannot disturb each other.
    at::Generator generator = at::detail::createCPUGenerator(seed);
    return at::randn(shape, generator, torch::TensorOptions().dtype(torch::kFloat32));
}

torch::Tensor HiDiffModel::samplePrior(const torch::Tensor& condition, const torch::Tensor& noise,
                                       const StepCallback& onStep)
{
    const DiffusionSchedule& s = m_schedule;
    torch::Tensor z = noise;
    for (int i = s.steps() - 1; i >= 0; --i) {
        if (onStep && !onStep(i)) {
            return {};
        }
        const torch::Tensor eps = m_netD->forward(z, condition, int64_t(i) + 1);
        const torch::Tensor x0 =
            (z * s.sqrtRecipAlphasCumprod[i] - eps * s.sqrtRecipM1AlphasCumprod[i])
                .clamp_(-1.0, 1.0);
        z = x0 * s.posteriorMeanCoef1[i] + z * s.posteriorMeanCoef2[i];
    }
    return z;
}

torch::Tensor HiDiffModel::transform(const torch::Tensor& padded, const torch::Tensor& prior)
{
    return m_netG->forward(padded, prior);
}

torch::Tensor HiDiffModel::restore(const torch::Tensor& image, uint64_t seed,
                                   const StepCallback& onStep)
{
    const torch::Tensor padded = padToMultiple(image, 8);
    const torch::Tensor condition = encodeCondition(padded);
    const torch::Tensor noise = initialNoise(condition.sizes(), seed).to(condition.device());
    const torch::Tensor prior = samplePrior(condition, noise, onStep);
    if (!prior.defined()) {
        return {};
    }
    return transform(padded, prior).narrow(2, 0, image.size(2)).narrow(3, 0, image.size(3));
}

torch::Tensor padToMultiple(const torch::Tensor& image, int64_t multiple)
{
    const int64_t h = image.size(2), w = image.size(3);
    const int64_t padH = (multiple - h % multiple) % multiple;
    const int64_t padW = (multiple - w % multiple) % multiple;
    if (padH == 0 && padW == 0) {
        return image;
    }
    // Reflect padding needs the pad to be smaller than the side; tiny images replicate.
    const bool reflect = padH < h && padW < w;
    return at::pad(image, {0, padW, 0, padH}, reflect ? "reflect" : "replicate");
}

} // namespace unblur::model
