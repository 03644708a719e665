// libFuzzer target for PickleReader on its own: raw bytes as data.pkl, with a storage loader
// that hands out small zero tensors, so the mutations land in the pickle and the tensor
// rebuild rather than in the zip around them. ModelError is the expected outcome.
#include "model/ModelError.h"
#include "model/PickleReader.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <torch/torch.h>

using namespace unblur::model;

namespace {

[[noreturn]] void finding(const std::string& what)
{
    std::fprintf(stderr, "FINDING: %s\n", what.c_str());
    std::abort();
}

/** Like the checkpoint's loader: storages hold what a file of at most 16 MiB could hold. */
class BoundedStorages
{
public:
    torch::Tensor operator()(const std::string&, torch::ScalarType dtype, int64_t numel)
    {
        if (numel > kTotal - m_total)
            throw ModelError("storages larger than the fuzzer's bound");
        m_total += numel;
        return torch::zeros({numel}, dtype);
    }

private:
    static constexpr int64_t kTotal = int64_t(1) << 22;
    int64_t m_total = 0;
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    torch::set_num_threads(1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        PickleReader reader(reinterpret_cast<const char*>(data), size, BoundedStorages(), "fuzz");
        const PickleValue& top = reader.load();
        if (top.kind == PickleValue::Kind::Tensor && top.tensor.scalar_type() != torch::kFloat)
            finding("a rebuilt tensor that is not float32");
    } catch (const ModelError&) {
    } catch (const std::exception& e) {
        finding(std::string("not a ModelError: ") + e.what());
    }
    return 0;
}
