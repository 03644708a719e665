#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace unblur::model {

/**
 * Emits pickle protocol 2 opcodes into a byte string, enough to write what
 * `torch.save` writes for a state dict. The caller sequences the opcodes; the
 * writer picks the compact encodings and memoizes globals so each is named once.
 */
class PickleWriter
{
public:
    PickleWriter(); ///< starts with PROTO 2

    void mark();
    void emptyDict();
    void emptyTuple();
    void tuple();    ///< the items since the last mark()
    void setItem();  ///< dict[key] = value, both popped
    void setItems(); ///< the key/value pairs since the last mark()
    void string(const std::string& text);
    void integer(int64_t value);
    void boolean(bool value);
    void global(const std::string& module, const std::string& name);
    void reduce();
    void persistentId(); ///< BINPERSID of the tuple on top
    void stop();

    const std::string& bytes() const { return m_bytes; }

private:
    void op(uint8_t code) { m_bytes.push_back(static_cast<char>(code)); }
    void little(uint64_t value, int bytes);

    std::string m_bytes;
    std::map<std::pair<std::string, std::string>, uint32_t>
        m_globals; ///< memo index of each global
    uint32_t m_nextMemo = 0;
};

} // namespace unblur::model
