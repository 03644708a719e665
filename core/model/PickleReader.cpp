#include "PickleReader.h"

#include "ModelError.h"

#include <cstdio>
#include <cstring>

namespace unblur::model {

namespace {

// Storage classes torch.save may name, and the dtype of their bytes.
const std::unordered_map<std::string, torch::ScalarType>& storageTypes()
{
    static const std::unordered_map<std::string, torch::ScalarType> types = {
        {"FloatStorage", torch::kFloat}, {"DoubleStorage", torch::kDouble},
        {"HalfStorage", torch::kHalf},   {"BFloat16Storage", torch::kBFloat16},
        {"LongStorage", torch::kLong},   {"IntStorage", torch::kInt},
        {"ShortStorage", torch::kShort}, {"CharStorage", torch::kChar},
        {"ByteStorage", torch::kByte},   {"BoolStorage", torch::kBool},
    };
    return types;
}

constexpr int64_t kMaxDims = 32;
// The rebuilt tensors together may hold a few times what their storages hold (views that
// share a storage, stride-0 broadcasts), plus 64 MiB of float32 for small files' broadcasts.
constexpr int64_t kViewsPerStorage = 4;
constexpr int64_t kExpansionAllowance = int64_t(1) << 24;

/** A name from the file for a message: long ones (a hostile file's) cut short. */
std::string abbreviated(const std::string& text)
{
    constexpr size_t kLongest = 64;
    return text.size() <= kLongest ? text : text.substr(0, kLongest) + "...";
}

std::string describeOpcode(uint8_t op)
{
    char buffer[16];
    if (op >= 0x20 && op < 0x7f)
        std::snprintf(buffer, sizeof buffer, "0x%02x '%c'", op, op);
    else
        std::snprintf(buffer, sizeof buffer, "0x%02x", op);
    return buffer;
}

} // namespace

PickleReader::PickleReader(const char* data, size_t size, StorageLoader loader, std::string source)
    : m_data(data), m_size(size), m_loader(std::move(loader)), m_source(std::move(source))
{
}

void PickleReader::fail(const std::string& reason) const
{
    throw ModelError(m_source + ": " + reason + " (at byte " + std::to_string(m_opcodePos) + ")");
}

PickleValue* PickleReader::make(PickleValue::Kind kind, std::vector<PickleValue*> items)
{
    m_arena.emplace_back();
    m_arena.back().kind = kind;
    m_arena.back().items = std::move(items);
    return &m_arena.back();
}

PickleValue* PickleReader::makeInt(int64_t value)
{
    PickleValue* v = make(PickleValue::Kind::Int);
    v->integer = value;
    return v;
}

PickleValue* PickleReader::makeString(std::string text)
{
    PickleValue* v = make(PickleValue::Kind::String);
    v->text = std::move(text);
    return v;
}

const char* PickleReader::take(size_t count)
{
    if (count > m_size - m_pos)
        fail("truncated pickle");
    const char* p = m_data + m_pos;
    m_pos += count;
    return p;
}

uint8_t PickleReader::readU8()
{
    return static_cast<uint8_t>(*take(1));
}

uint64_t PickleReader::readLittle(size_t bytes)
{
    const auto* p = reinterpret_cast<const uint8_t*>(take(bytes));
    uint64_t value = 0;
    for (size_t i = 0; i < bytes; ++i)
        value |= uint64_t(p[i]) << (8 * i);
    return value;
}

std::string PickleReader::readLine()
{
    const void* end = std::memchr(m_data + m_pos, '\n', m_size - m_pos);
    if (!end)
        fail("truncated pickle (unterminated GLOBAL name)");
    size_t length = static_cast<const char*>(end) - (m_data + m_pos);
    std::string line(take(length), length);
    m_pos += 1; // the newline
    return line;
}

PickleValue* PickleReader::pop()
{
    size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor)
        fail("pickle stack underflow");
    PickleValue* v = m_stack.back();
    m_stack.pop_back();
    return v;
}

PickleValue* PickleReader::top()
{
    size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor)
        fail("pickle stack underflow");
    return m_stack.back();
}

std::vector<PickleValue*> PickleReader::popToMark()
{
    if (m_marks.empty())
        fail("pickle MARK missing");
    size_t mark = m_marks.back();
    m_marks.pop_back();
    std::vector<PickleValue*> items(m_stack.begin() + mark, m_stack.end());
    m_stack.resize(mark);
    return items;
}

void PickleReader::memoPut(uint64_t index)
{
    m_memo[index] = top();
}

void PickleReader::memoGet(uint64_t index)
{
    auto it = m_memo.find(index);
    if (it == m_memo.end())
        fail("pickle memo entry " + std::to_string(index) + " missing");
    push(it->second);
}

void PickleReader::global(std::string module, std::string name)
{
    PickleValue* v = make(PickleValue::Kind::Global);
    v->text = module + "." + name;
    v->integer = -1;
    if (module == "torch") {
        auto it = storageTypes().find(name);
        if (it != storageTypes().end())
            v->integer = static_cast<int64_t>(it->second);
    }
    bool known = v->integer >= 0 || v->text == "collections.OrderedDict" ||
                 v->text == "torch._utils._rebuild_tensor_v2" ||
                 v->text == "torch._utils._rebuild_parameter";
    if (!known)
        fail("unsupported pickle global '" + abbreviated(v->text) + "'");
    push(v);
}

void PickleReader::reduce()
{
    PickleValue* args = pop();
    PickleValue* callable = pop();
    if (callable->kind != PickleValue::Kind::Global || args->kind != PickleValue::Kind::Tuple)
        fail("REDUCE needs a global and an argument tuple");
    const std::string& name = callable->text;
    if (name == "collections.OrderedDict" && args->items.empty()) {
        push(make(PickleValue::Kind::Dict));
    } else if (name == "torch._utils._rebuild_tensor_v2") {
        push(rebuildTensor(args->items));
    } else if (name == "torch._utils._rebuild_parameter" && !args->items.empty() &&
               args->items[0]->kind == PickleValue::Kind::Tensor) {
        push(args->items[0]);
    } else {
        fail("unsupported call of '" + abbreviated(name) + "'");
    }
}

void PickleReader::build()
{
    pop(); // the state: OrderedDict._metadata and the like, not needed
    PickleValue* object = top();
    if (object->kind != PickleValue::Kind::Dict && object->kind != PickleValue::Kind::Tensor)
        fail("BUILD on an unsupported object");
}

void PickleReader::setItems(std::vector<PickleValue*> keysAndValues)
{
    PickleValue* dict = top();
    if (dict->kind != PickleValue::Kind::Dict || keysAndValues.size() % 2 != 0)
        fail("SETITEM(S) needs a dict and key/value pairs");
    for (size_t i = 0; i < keysAndValues.size(); i += 2)
        dict->entries.emplace_back(keysAndValues[i], keysAndValues[i + 1]);
}

void PickleReader::persistentId()
{
    using Kind = PickleValue::Kind;
    PickleValue* pid = pop();
    const auto& f = pid->items;
    bool valid = pid->kind == Kind::Tuple && f.size() == 5 && f[0]->kind == Kind::String &&
                 f[0]->text == "storage" && f[1]->kind == Kind::Global && f[1]->integer >= 0 &&
                 f[2]->kind == Kind::String && f[4]->kind == Kind::Int && f[4]->integer >= 0;
    if (!valid)
        fail("unsupported persistent id (expected a torch storage reference)");
    const PickleValue* key = f[2];
    const auto dtype = static_cast<torch::ScalarType>(f[1]->integer);
    const int64_t numel = f[4]->integer;
    PickleValue* storage = make(Kind::Storage, {f[2]});
    auto cached = m_storageByKey.find(key);
    if (cached != m_storageByKey.end() && cached->second.scalar_type() == dtype &&
        cached->second.numel() >= numel) {
        storage->tensor = cached->second.narrow(0, 0, numel);
    } else {
        storage->tensor = m_loader(key->text, dtype, numel);
        m_storageByKey[key] = storage->tensor;
        if (m_loadedStorages.insert(key->text).second &&
            __builtin_add_overflow(m_storageNumel, storage->tensor.numel(), &m_storageNumel))
            m_storageNumel = INT64_MAX;
    }
    push(storage);
}

PickleValue* PickleReader::rebuildTensor(const std::vector<PickleValue*>& args)
{
    using Kind = PickleValue::Kind;
    if (args.size() < 4 || args[0]->kind != Kind::Storage || args[1]->kind != Kind::Int ||
        args[2]->kind != Kind::Tuple || args[3]->kind != Kind::Tuple ||
        args[2]->items.size() != args[3]->items.size())
        fail("malformed _rebuild_tensor_v2 arguments");
    const torch::Tensor& storage = args[0]->tensor;
    const int64_t storageNumel = storage.numel();
    const int64_t offset = args[1]->integer;
    const size_t dims = args[2]->items.size();
    if (offset < 0 || dims > size_t(kMaxDims))
        fail("malformed tensor offset or rank");

    std::vector<int64_t> sizes(dims), strides(dims);
    int64_t numel = 1;
    int64_t last = offset; // index of the last element the view touches
    for (size_t d = 0; d < dims; ++d) {
        const PickleValue* size = args[2]->items[d];
        const PickleValue* stride = args[3]->items[d];
        if (size->kind != Kind::Int || stride->kind != Kind::Int || size->integer < 0 ||
            stride->integer < 0)
            fail("malformed tensor size or stride");
        sizes[d] = size->integer;
        strides[d] = stride->integer;
        int64_t reach = 0;
        if (__builtin_mul_overflow(numel, sizes[d], &numel) ||
            (sizes[d] > 0 && (__builtin_mul_overflow(sizes[d] - 1, strides[d], &reach) ||
                              __builtin_add_overflow(last, reach, &last))))
            fail("tensor size overflows");
    }

    const std::string storageName = abbreviated(args[0]->items[0]->text);
    if (numel > 0 && last >= storageNumel)
        fail("tensor of storage '" + storageName + "' reaches past the end of its storage");
    int64_t budget = 0;
    if (__builtin_mul_overflow(m_storageNumel, kViewsPerStorage, &budget) ||
        __builtin_add_overflow(budget, kExpansionAllowance, &budget))
        budget = INT64_MAX;
    if (numel > budget - m_rebuiltNumel)
        fail("tensor of storage '" + storageName + "' is implausibly large (" +
             std::to_string(numel) + " elements; the storages hold " +
             std::to_string(m_storageNumel) + ")");
    m_rebuiltNumel += numel;

    PickleValue* result = make(Kind::Tensor);
    result->tensor = torch::empty(sizes, torch::kFloat);
    if (numel > 0)
        result->tensor.copy_(storage.as_strided(sizes, strides, offset));
    return result;
}

const PickleValue& PickleReader::load()
{
    using Kind = PickleValue::Kind;
    for (;;) {
        m_opcodePos = m_pos;
        if (m_pos >= m_size)
            fail("truncated pickle (no STOP opcode)");
        const uint8_t op = readU8();
        switch (op) {
        case 0x80: // PROTO
            if (readU8() > 5)
                fail("unsupported pickle protocol");
            break;
        case 0x95: // FRAME: only a size hint
            take(8);
            break;
        case '.': // STOP
            if (!m_marks.empty())
                fail("pickle ends inside a MARK");
            return *pop();
        case '(': // MARK
            m_marks.push_back(m_stack.size());
            break;
        case '0': // POP
            pop();
            break;
        case '1': // POP_MARK
            popToMark();
            break;
        case '2': // DUP
            push(top());
            break;

        case 'N': // NONE
            push(make(Kind::None));
            break;
        case 0x88: // NEWTRUE
        case 0x89: // NEWFALSE
            push(make(Kind::Bool));
            m_stack.back()->integer = op == 0x88;
            break;
        case 'K': // BININT1
            push(makeInt(readU8()));
            break;
        case 'M': // BININT2
            push(makeInt(int64_t(readLittle(2))));
            break;
        case 'J': // BININT
            push(makeInt(static_cast<int32_t>(readLittle(4))));
            break;
        case 0x8a: { // LONG1
            const size_t n = readU8();
            if (n > 8)
                fail("pickle integer wider than 64 bits");
            uint64_t raw = readLittle(n);
            if (n > 0 && n < 8 && (raw >> (8 * n - 1)) & 1) // sign-extend
                raw |= ~uint64_t(0) << (8 * n);
            push(makeInt(static_cast<int64_t>(raw)));
            break;
        }
        case 'G': { // BINFLOAT, big-endian
            uint64_t raw = 0;
            const auto* p = reinterpret_cast<const uint8_t*>(take(8));
            for (int i = 0; i < 8; ++i)
                raw = (raw << 8) | p[i];
            PickleValue* v = make(Kind::Float);
            std::memcpy(&v->real, &raw, sizeof raw);
            push(v);
            break;
        }

        case 'X':  // BINUNICODE
        case 0x8c: // SHORT_BINUNICODE
        case 0x8d: // BINUNICODE8
        case 'U':  // SHORT_BINSTRING
        case 'B':  // BINBYTES
        case 'C':  // SHORT_BINBYTES
        {
            const size_t width = (op == 0x8c || op == 'U' || op == 'C') ? 1 : op == 0x8d ? 8 : 4;
            const uint64_t length = readLittle(width);
            if (length > m_size - m_pos)
                fail("truncated pickle");
            push(makeString(std::string(take(length), length)));
            break;
        }

        case ')': // EMPTY_TUPLE
            push(make(Kind::Tuple));
            break;
        case 't': // TUPLE
            push(make(Kind::Tuple, popToMark()));
            break;
        case 0x85:   // TUPLE1
        case 0x86:   // TUPLE2
        case 0x87: { // TUPLE3
            std::vector<PickleValue*> items(op - 0x84);
            for (size_t i = items.size(); i-- > 0;)
                items[i] = pop();
            push(make(Kind::Tuple, std::move(items)));
            break;
        }
        case ']': // EMPTY_LIST
            push(make(Kind::List));
            break;
        case 'l': // LIST
            push(make(Kind::List, popToMark()));
            break;
        case 'a': { // APPEND
            PickleValue* value = pop();
            if (top()->kind != Kind::List)
                fail("APPEND to a non-list");
            top()->items.push_back(value);
            break;
        }
        case 'e': { // APPENDS
            std::vector<PickleValue*> values = popToMark();
            if (top()->kind != Kind::List)
                fail("APPENDS to a non-list");
            auto& items = top()->items;
            items.insert(items.end(), values.begin(), values.end());
            break;
        }
        case '}': // EMPTY_DICT
            push(make(Kind::Dict));
            break;
        case 'd': { // DICT
            std::vector<PickleValue*> keysAndValues = popToMark();
            push(make(Kind::Dict));
            setItems(std::move(keysAndValues));
            break;
        }
        case 's': { // SETITEM
            PickleValue* value = pop();
            PickleValue* key = pop();
            setItems({key, value});
            break;
        }
        case 'u': // SETITEMS
            setItems(popToMark());
            break;

        case 'q': // BINPUT
            memoPut(readU8());
            break;
        case 'r': // LONG_BINPUT
            memoPut(readLittle(4));
            break;
        case 0x94: // MEMOIZE
            memoPut(m_memo.size());
            break;
        case 'h': // BINGET
            memoGet(readU8());
            break;
        case 'j': // LONG_BINGET
            memoGet(readLittle(4));
            break;

        case 'c': { // GLOBAL
            std::string module = readLine();
            std::string name = readLine();
            global(std::move(module), std::move(name));
            break;
        }
        case 0x93: { // STACK_GLOBAL
            PickleValue* name = pop();
            PickleValue* module = pop();
            if (name->kind != Kind::String || module->kind != Kind::String)
                fail("STACK_GLOBAL needs two strings");
            global(module->text, name->text);
            break;
        }
        case 'R': // REDUCE
            reduce();
            break;
        case 'b': // BUILD
            build();
            break;
        case 'Q': // BINPERSID
            persistentId();
            break;

        default:
            fail("unsupported pickle opcode " + describeOpcode(op));
        }
    }
}

} // namespace unblur::model
