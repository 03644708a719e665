// A small disk simulated through io::AtomicFile's write fault (header only): disk-full tests on
// machines where no tmpfs can be mounted, and in the GUI tests.
#pragma once

#include "io/AtomicFile.h"

#include <QDir>
#include <QString>
#include <cerrno>
#include <memory>
#include <string>

namespace batchtest {

/**
 * While alive, files written through io::AtomicFile below `folder` share `room` bytes (counted
 * in whole 4 KiB pages, as tmpfs does); the write that does not fit fails with `error` (ENOSPC
 * by default: a full disk). setRoom() changes the room left, e.g. to free the disk again.
 */
class SimulatedDisk
{
public:
    SimulatedDisk(const QString& folder, qint64 room, int error = ENOSPC)
        : m_state(std::make_shared<State>())
    {
        m_state->prefix = QDir(folder).absolutePath().toStdString() + '/';
        m_state->room = room;
        m_state->error = error;
        const std::shared_ptr<State> state = m_state;
        unblur::io::AtomicFile::setWriteFault([state](const std::string& path, qint64 bytes) {
            if (path.compare(0, state->prefix.size(), state->prefix) != 0) {
                return 0;
            }
            const qint64 pages = (bytes + kPage - 1) / kPage * kPage;
            if (pages > state->room) {
                return state->error;
            }
            state->room -= pages;
            return 0;
        });
    }
    ~SimulatedDisk() { unblur::io::AtomicFile::setWriteFault({}); }
    SimulatedDisk(const SimulatedDisk&) = delete;
    SimulatedDisk& operator=(const SimulatedDisk&) = delete;

    static constexpr qint64 kPage = 4096;

    /** Called only while no write runs (the fault itself is called under AtomicFile's lock). */
    void setRoom(qint64 room) { m_state->room = room; }

private:
    struct State
    {
        std::string prefix;
        qint64 room = 0;
        int error = ENOSPC;
    };
    std::shared_ptr<State> m_state;
};

} // namespace batchtest
