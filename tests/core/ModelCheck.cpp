// unblur-modelcheck: the model's parity and reproducibility checks with nothing but LibTorch,
// for machines (a GPU box) that have no Qt or OpenCV. Exit status 0 when every check passes.
//   unblur-modelcheck [--data DIR] [--device cpu|cuda]
#include "CheckReport.h"
#include "model/CpuRuntime.h"
#include "model/FastPath.h"
#include "model/ModelError.h"
#include "model/ModelFolder.h"

#include <c10/core/InferenceMode.h>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <torch/torch.h>

using namespace unblur::model;
using unblur::checks::CheckReport;

namespace {

torch::Tensor readF32(const std::string& path, at::IntArrayRef shape)
{
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    torch::Tensor t = torch::empty(shape, torch::kFloat32);
    if (!in || bytes.size() != size_t(t.numel()) * 4) {
        throw ModelError(path + ": missing or the wrong size");
    }
    std::memcpy(t.data_ptr<float>(), bytes.data(), bytes.size());
    return t;
}

double maxAbs(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a.to(torch::kCPU) - b.to(torch::kCPU)).abs().max().item<double>();
}

} // namespace

int main(int argc, char** argv)
{
    ensureFastBlasKernels(argv);
    const unblur::checks::CheckOptions options("unblur-modelcheck", argc, argv,
                                               {"--data", "--device"});
    const std::string data = options.value("--data", UNBLUR_TEST_DATA);
    const std::string deviceName = options.value("--device", "cpu");
    configureCpuThreads(0);
    const torch::Device device(deviceName);
    const double tolerance = device.is_cuda() ? 1e-4 : 1e-5;
    if (device.is_cuda()) {
        // cuDNN convolutions run in TF32 by default (10-bit mantissa): on an H200 that moved
        // the outputs by 3e-4..1e-3. Parity is checked in full float32; TF32 is checked last.
        at::globalContext().setAllowTF32CuDNN(false);
        at::globalContext().setAllowTF32CuBLAS(false);
    }
    CheckReport report;
    const std::string tiny = data + "/hidiff-tiny";
    std::printf("unblur-modelcheck: device %s, data %s\n", deviceName.c_str(), tiny.c_str());

    LoadedModel loaded = loadModelFolder(tiny);
    HiDiffModel& model = *loaded.model;
    model.to(device);
    c10::InferenceMode inference;
    const torch::Tensor input = readF32(tiny + "/input.f32", {1, 3, 45, 61}).to(device);
    const torch::Tensor padded = padToMultiple(input, 8);

    for (bool fast : {true, false}) {
        setFastPathEnabled(fast);
        const std::string path = fast ? " (fast path)" : " (reference path)";
        torch::Tensor condition;
        report.check("prior_c matches the golden file" + path, [&] {
            condition = model.encodeCondition(padded);
            return CheckReport::within(
                maxAbs(condition, readF32(tiny + "/prior_c.f32", {1, 16, 32})), tolerance);
        });
        const torch::Tensor noise = HiDiffModel::initialNoise({1, 16, 32}, 1234);
        report.check("noise equals the golden file exactly" + path, [&] {
            return torch::equal(noise, readF32(tiny + "/noise.f32", {1, 16, 32})) ? "bit-exact"
                                                                                  : "FAIL differs";
        });
        report.check("prior matches the golden file" + path, [&] {
            const torch::Tensor prior = model.samplePrior(condition, noise.to(device));
            return CheckReport::within(maxAbs(prior, readF32(tiny + "/prior.f32", {1, 16, 32})),
                                       tolerance);
        });
        report.check("output matches the golden file" + path, [&] {
            const torch::Tensor output = model.restore(input, 1234);
            return CheckReport::within(
                maxAbs(output, readF32(tiny + "/output.f32", {1, 3, 45, 61})), tolerance);
        });
    }
    setFastPathEnabled(true);
    if (device.is_cuda()) {
        report.check("output with TF32 (cuDNN's default) is close", [&] {
            at::globalContext().setAllowTF32CuDNN(true);
            at::globalContext().setAllowTF32CuBLAS(true);
            const torch::Tensor output = model.restore(input, 1234);
            return CheckReport::within(
                maxAbs(output, readF32(tiny + "/output.f32", {1, 3, 45, 61})), 2e-3);
        });
    }
    report.check("same seed gives identical output", [&] {
        return torch::equal(model.restore(input, 5), model.restore(input, 5)) ? "bit-identical"
                                                                              : "FAIL differs";
    });
    report.check("different seeds give different priors", [&] {
        const torch::Tensor c = model.encodeCondition(padded);
        const double diff =
            maxAbs(model.samplePrior(c, HiDiffModel::initialNoise(c.sizes(), 1).to(device)),
                   model.samplePrior(c, HiDiffModel::initialNoise(c.sizes(), 2).to(device)));
        return diff > 1e-3 ? "differ by " + std::to_string(diff) : std::string("FAIL equal");
    });
    return report.finish();
}
