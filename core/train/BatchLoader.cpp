#include "BatchLoader.h"

#include <torch/torch.h>

namespace unblur::train {

Batch makeBatch(const PairSource& source, int64_t step, const PatchPhase& phase)
{
    const int64_t s = phase.size;
    torch::Tensor blurry = torch::empty({phase.batch, 3, s, s});
    torch::Tensor sharp = torch::empty({phase.batch, 3, s, s});
    for (int i = 0; i < phase.batch; ++i) {
        // 256 slots per step: every sample of every step has its own index.
        const PatchPair pair = source.sample(uint64_t(step) * 256 + uint64_t(i), phase.size);
        const size_t count = size_t(3 * s * s);
        if (pair.size != phase.size || pair.blurry.size() != count || pair.sharp.size() != count) {
            throw std::runtime_error("training data: " + source.describe() +
                                     " returned a patch of the wrong size");
        }
        std::copy(pair.blurry.begin(), pair.blurry.end(), blurry[i].data_ptr<float>());
        std::copy(pair.sharp.begin(), pair.sharp.end(), sharp[i].data_ptr<float>());
    }
    return {blurry, sharp};
}

BatchLoader::BatchLoader(const PairSource& source, const TrainOptions& options, int64_t firstStep,
                         int threads)
    : m_source(source), m_options(options), m_nextToQueue(firstStep),
      m_lookahead(size_t(std::max(2, 2 * threads)))
{
    for (int i = 0; i < std::max(1, threads); ++i) {
        m_workers.emplace_back([this] { work(); });
    }
    while (m_ready.size() < m_lookahead) {
        enqueue(m_nextToQueue++);
    }
}

BatchLoader::~BatchLoader()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        m_tasks.clear();
    }
    m_wake.notify_all();
    for (std::thread& worker : m_workers) {
        worker.join();
    }
}

Batch BatchLoader::next()
{
    std::future<Batch> front = std::move(m_ready.front());
    m_ready.pop_front();
    enqueue(m_nextToQueue++);
    return front.get(); // rethrows a synthesis error on the training thread
}

void BatchLoader::enqueue(int64_t step)
{
    const PatchPhase phase = m_options.phaseAt(step);
    std::packaged_task<Batch()> task(
        [this, step, phase] { return makeBatch(m_source, step, phase); });
    m_ready.push_back(task.get_future());
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

void BatchLoader::work()
{
    for (;;) {
        std::packaged_task<Batch()> task;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
            if (m_stopping) {
                return;
            }
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        task();
    }
}

} // namespace unblur::train
