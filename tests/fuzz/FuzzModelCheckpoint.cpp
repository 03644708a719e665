// libFuzzer target for the checkpoint reader: whole files (zip, data.pkl, tensor rebuild)
// through readCheckpoint, the path that Add model… and --model take. ModelError is the
// expected outcome for a bad file; any other exception, a crash, a sanitizer report, a
// timeout or running out of memory is a finding.
#include "model/CheckpointFile.h"
#include "model/ModelError.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <sys/mman.h>
#include <torch/torch.h>
#include <unistd.h>

using namespace unblur::model;

namespace {

[[noreturn]] void finding(const std::string& what)
{
    std::fprintf(stderr, "FINDING: %s\n", what.c_str());
    std::abort();
}

/** The input as a file without touching the disk: a memfd, named through /proc. */
class MemoryFile
{
public:
    MemoryFile() : m_fd(::memfd_create("fuzz-model.pth", 0))
    {
        if (m_fd < 0)
            finding("memfd_create failed");
        m_path = "/proc/self/fd/" + std::to_string(m_fd);
    }

    const std::string& hold(const uint8_t* data, size_t size)
    {
        if (::ftruncate(m_fd, 0) != 0 ||
            (size > 0 && ::pwrite(m_fd, data, size, 0) != ssize_t(size)))
            finding("cannot write the memfd");
        return m_path;
    }

private:
    int m_fd;
    std::string m_path;
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    torch::set_num_threads(1); // one stack, reproducible
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static MemoryFile file;
    const std::string& path = file.hold(data, size);
    try {
        const Checkpoint checkpoint = readCheckpoint(path);
        // The promise to the loader: defined, contiguous float32 CPU tensors.
        for (const auto& [name, tensor] : checkpoint.params) {
            if (!tensor.defined() || tensor.scalar_type() != torch::kFloat ||
                !tensor.is_contiguous() || !tensor.device().is_cpu())
                finding("tensor '" + name + "' is not a contiguous float32 CPU tensor");
            volatile float sum = tensor.sum().item<float>(); // touch every element
            (void)sum;
        }
    } catch (const ModelError& e) {
        if (std::string(e.what()).find(path) == std::string::npos)
            finding(std::string("ModelError without the file name: ") + e.what());
    } catch (const std::exception& e) {
        finding(std::string("not a ModelError: ") + e.what());
    }
    return 0;
}
