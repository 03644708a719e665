#include "PickleWriter.h"

namespace unblur::model {

PickleWriter::PickleWriter()
{
    op(0x80); // PROTO
    op(2);
}

void PickleWriter::little(uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        m_bytes.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

void PickleWriter::mark()
{
    op('(');
}
void PickleWriter::emptyDict()
{
    op('}');
}
void PickleWriter::emptyTuple()
{
    op(')');
}
void PickleWriter::tuple()
{
    op('t');
}
void PickleWriter::setItem()
{
    op('s');
}
void PickleWriter::setItems()
{
    op('u');
}
void PickleWriter::boolean(bool value)
{
    op(value ? 0x88 : 0x89);
}
void PickleWriter::reduce()
{
    op('R');
}
void PickleWriter::persistentId()
{
    op('Q');
}
void PickleWriter::stop()
{
    op('.');
}

void PickleWriter::string(const std::string& text)
{
    op('X'); // BINUNICODE; state dict keys are ASCII, so UTF-8 as is
    little(text.size(), 4);
    m_bytes += text;
}

void PickleWriter::integer(int64_t value)
{
    if (value >= 0 && value < 0x100) {
        op('K'); // BININT1
        little(uint64_t(value), 1);
    } else if (value >= 0 && value < 0x10000) {
        op('M'); // BININT2
        little(uint64_t(value), 2);
    } else if (value >= INT32_MIN && value <= INT32_MAX) {
        op('J'); // BININT
        little(static_cast<uint32_t>(value), 4);
    } else {
        op(0x8a); // LONG1, 8 bytes of two's complement always fit
        op(8);
        little(static_cast<uint64_t>(value), 8);
    }
}

void PickleWriter::global(const std::string& module, const std::string& name)
{
    auto it = m_globals.find({module, name});
    if (it != m_globals.end()) {
        op('j'); // LONG_BINGET
        little(it->second, 4);
        return;
    }
    op('c'); // GLOBAL
    m_bytes += module + "\n" + name + "\n";
    op('r'); // LONG_BINPUT
    little(m_nextMemo, 4);
    m_globals[{module, name}] = m_nextMemo++;
}

} // namespace unblur::model
