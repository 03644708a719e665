#pragma once

#include "Denoiser.h"
#include "DiffusionSchedule.h"
#include "FastPath.h"
#include "HiDiffConfig.h"
#include "LatentEncoder.h"
#include "Transformer.h"

#include <functional>

namespace unblur::model {

/** Called before each reverse-diffusion step (index counts down); return false to stop. */
using StepCallback = std::function<bool(int step)>;

/**
 * The three inference networks and the 8-step deterministic sampler of the published code.
 * Not thread-safe: one model per worker.
 */
class HiDiffModel
{
public:
    explicit HiDiffModel(const HiDiffConfig& config);

    const HiDiffConfig& config() const { return m_config; }
    const DiffusionSchedule& schedule() const { return m_schedule; }

    Transformer& transformer() { return m_netG; }
    LatentEncoder& encoder() { return m_netLeDm; }
    Denoiser& denoiser() { return m_netD; }
    const Transformer& transformer() const { return m_netG; }
    const LatentEncoder& encoder() const { return m_netLeDm; }
    const Denoiser& denoiser() const { return m_netD; }

    /** Moves the weights; float32 on every device (precision is the engine's business). */
    void to(const torch::Device& device);
    torch::Device device() const;

    /**
     * bf16 copies of net_g's weights for the bf16 CPU fast path (see ScopedBFloat16Path),
     * made at the first bf16 run and kept; the float32 weights stay for float32 runs.
     */
    BFloat16Weights& bfloat16Weights() { return m_bfloat16Weights; }

    /** c = net_le_dm(x) for x padded to multiples of 8: (B, group^2, 4*embed_dim). */
    torch::Tensor encodeCondition(const torch::Tensor& padded);
    /** The initial latent: manual_seed(seed) immediately followed by one randn on the CPU. */
    static torch::Tensor initialNoise(at::IntArrayRef shape, uint64_t seed);
    /** The reverse diffusion from z to the prior given the condition c. Empty if stopped. */
    torch::Tensor samplePrior(const torch::Tensor& condition, const torch::Tensor& noise,
                              const StepCallback& onStep = {});
    /** net_g(x, prior) for padded x. */
    torch::Tensor transform(const torch::Tensor& padded, const torch::Tensor& prior);

    /**
     * Whole-image restoration, as the published test(): reflect-pad right/bottom to
     * multiples of 8, sample, run net_g, crop back. Unclamped. Input (B,3,H,W) in [0,1].
     * Empty when `onStep` stopped the sampler.
     */
    torch::Tensor restore(const torch::Tensor& image, uint64_t seed,
                          const StepCallback& onStep = {});

private:
    HiDiffConfig m_config;
    DiffusionSchedule m_schedule;
    Transformer m_netG;
    LatentEncoder m_netLeDm;
    Denoiser m_netD;
    BFloat16Weights m_bfloat16Weights;
};

/** Reflect-pads right and bottom to multiples of `multiple` (replicate when too small). */
torch::Tensor padToMultiple(const torch::Tensor& image, int64_t multiple);

} // namespace unblur::model
