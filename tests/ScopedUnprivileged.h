// Lets permission checks run under root too (CI runs the tests as root). Header only, POSIX only,
// and free of the photo layer's dependencies so that any test can include it.
#pragma once

#include <grp.h>
#include <sys/types.h>
#include <unistd.h>
#include <vector>

namespace phototest {

/**
 * While alive, a process running as root acts as nobody (uid and gid 65534, no supplementary
 * groups), so that permission bits hold for it as for any user: a read-only folder refuses new
 * files and an unreadable file refuses reads. Only the effective ids change, and the destructor
 * restores them. Does nothing when not root. Files the test needs must be reachable by nobody
 * (e.g. a temporary folder opened with ExeOther); check ok() before relying on it.
 */
class ScopedUnprivileged
{
public:
    static constexpr uid_t kNobodyUid = 65534;
    static constexpr gid_t kNobodyGid = 65534;

    ScopedUnprivileged()
    {
        if (geteuid() != 0) {
            return;
        }
        const int count = getgroups(0, nullptr);
        if (count < 0) {
            m_ok = false;
            return;
        }
        m_groups.resize(size_t(count));
        if (getgroups(count, m_groups.data()) != count) {
            m_ok = false;
            return;
        }
        m_gid = getegid();
        m_active = true; // from here on the destructor puts back whatever was changed
        m_ok = setgroups(0, nullptr) == 0 && setegid(kNobodyGid) == 0 && seteuid(kNobodyUid) == 0 &&
               geteuid() == kNobodyUid;
    }

    ~ScopedUnprivileged()
    {
        if (m_active) {
            // Back to root first: that gives back the right to change the group ids.
            (void)!seteuid(0);
            (void)!setegid(m_gid);
            (void)!setgroups(m_groups.size(), m_groups.data());
        }
    }

    ScopedUnprivileged(const ScopedUnprivileged&) = delete;
    ScopedUnprivileged& operator=(const ScopedUnprivileged&) = delete;

    /** False when root could not become nobody (the permission check would prove nothing). */
    bool ok() const { return m_ok; }

private:
    bool m_ok = true;
    bool m_active = false;
    gid_t m_gid = 0;
    std::vector<gid_t> m_groups;
};

/**
 * For a child process about to run a program (QProcess::setChildProcessModifier): a process
 * running as root becomes nobody for good, real ids included (Qt refuses to run with only the
 * effective ids changed, as a setuid program). Does nothing when not root.
 */
inline void becomeNobody()
{
    if (geteuid() == 0) {
        (void)!setgroups(0, nullptr);
        (void)!setgid(ScopedUnprivileged::kNobodyGid);
        (void)!setuid(ScopedUnprivileged::kNobodyUid);
    }
}

} // namespace phototest
