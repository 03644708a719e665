#pragma once

#include "PairSource.h"
#include "TrainOptions.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <torch/types.h>

namespace unblur::train {

/** A training batch: (B,3,S,S) float32 tensors in [0,1] on the CPU. */
struct Batch
{
    torch::Tensor blurry;
    torch::Tensor sharp;
};

/** The batch of `step` under `phase`: samples (step, 0..batch-1) of the source, stacked. */
Batch makeBatch(const PairSource& source, int64_t step, const PatchPhase& phase);

/**
 * Prepares the batches of the coming steps on worker threads so the model never waits for
 * synthesis. Batch contents depend only on the step, so the order of work is irrelevant and
 * a resumed run sees the same data.
 */
class BatchLoader
{
public:
    BatchLoader(const PairSource& source, const TrainOptions& options, int64_t firstStep,
                int threads);
    ~BatchLoader();

    BatchLoader(const BatchLoader&) = delete;
    BatchLoader& operator=(const BatchLoader&) = delete;

    /** The batch of the next step (blocks until it is ready). */
    Batch next();

private:
    void enqueue(int64_t step);
    void work();

    const PairSource& m_source;
    const TrainOptions& m_options;
    int64_t m_nextToQueue;
    size_t m_lookahead;
    std::deque<std::future<Batch>> m_ready;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::packaged_task<Batch()>> m_tasks;
    bool m_stopping = false;
    std::vector<std::thread> m_workers;
};

} // namespace unblur::train
