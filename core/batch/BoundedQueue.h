#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace unblur::batch {

/**
 * A queue between two threads that holds at most `capacity` values: push() waits while it is
 * full, pop() while it is empty. close() ends it once drained; abort() ends it at once and
 * drops what it holds (cancel).
 */
template <typename T> class BoundedQueue
{
public:
    explicit BoundedQueue(size_t capacity) : m_capacity(capacity < 1 ? 1 : capacity) {}

    /** Waits for room; false (and `value` dropped) when the queue was closed or aborted. */
    bool push(T value)
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [&] { return m_values.size() < m_capacity || m_closed; });
        if (m_closed) {
            return false;
        }
        m_values.push_back(std::move(value));
        m_changed.notify_all();
        return true;
    }

    /** Waits for a value; nothing once the queue is closed and drained, or aborted. */
    std::optional<T> pop()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [&] { return !m_values.empty() || m_closed; });
        if (m_values.empty()) {
            return std::nullopt;
        }
        T value = std::move(m_values.front());
        m_values.pop_front();
        m_changed.notify_all();
        return value;
    }

    /** No more pushes; pop() still returns what is queued. */
    void close()
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true;
        m_changed.notify_all();
    }

    /** No more pushes and nothing more to pop: what is queued is dropped. */
    void abort()
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true;
        m_values.clear();
        m_changed.notify_all();
    }

private:
    const size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<T> m_values;
    bool m_closed = false;
};

} // namespace unblur::batch
