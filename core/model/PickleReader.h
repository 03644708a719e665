#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <torch/types.h>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace unblur::model {

/** One value built by PickleReader. Values live in the reader's arena and point to each other. */
struct PickleValue
{
    enum class Kind
    {
        None,
        Bool,
        Int,
        Float,
        String,
        Tuple,
        List,
        Dict,
        Global,
        Storage,
        Tensor
    };

    Kind kind = Kind::None;
    int64_t integer = 0;             ///< Bool, Int
    double real = 0.0;               ///< Float
    std::string text;                ///< String; Global as "module.name"
    std::vector<PickleValue*> items; ///< Tuple, List; Storage: its key (a String)
    std::vector<std::pair<PickleValue*, PickleValue*>> entries; ///< Dict, in insertion order
    torch::Tensor tensor; ///< Storage: flat tensor of the stored dtype; Tensor: float32 contiguous
};

/**
 * A small unpickler for what `torch.save` writes for a state dict (pickle protocol 2):
 * dicts, OrderedDicts, tuples, lists, strings, numbers and tensors rebuilt by
 * torch._utils._rebuild_tensor_v2 from persistent storage ids. Anything else throws
 * ModelError; every read is bounds-checked and the reader never recurses, so
 * a corrupt or hostile data.pkl can neither crash it nor make it loop.
 */
class PickleReader
{
public:
    /** Returns the storage `key` as a flat tensor of `dtype` holding at least `numel` elements. */
    using StorageLoader = std::function<torch::Tensor(const std::string& key,
                                                      torch::ScalarType dtype, int64_t numel)>;

    /** `source` names the pickle in error messages; `data` must outlive load(). */
    PickleReader(const char* data, size_t size, StorageLoader loader, std::string source);

    /** Runs the pickle up to STOP and returns the top value (owned by this reader). */
    const PickleValue& load();

private:
    PickleValue* make(PickleValue::Kind kind, std::vector<PickleValue*> items = {});
    PickleValue* makeInt(int64_t value);
    PickleValue* makeString(std::string text);
    [[noreturn]] void fail(const std::string& reason) const;

    // Bounds-checked reads from the pickle bytes.
    const char* take(size_t count);
    uint8_t readU8();
    uint64_t readLittle(size_t bytes);
    std::string readLine();

    // Stack helpers.
    PickleValue* pop();
    PickleValue* top();
    std::vector<PickleValue*> popToMark();
    void push(PickleValue* value) { m_stack.push_back(value); }
    void memoPut(uint64_t index);
    void memoGet(uint64_t index);

    // Opcodes with more than a line of logic.
    void global(std::string module, std::string name);
    void reduce();
    void build();
    void setItems(std::vector<PickleValue*> keysAndValues);
    void persistentId();
    PickleValue* rebuildTensor(const std::vector<PickleValue*>& args);

    const char* m_data;
    size_t m_size;
    size_t m_pos = 0;
    size_t m_opcodePos = 0;
    StorageLoader m_loader;
    std::string m_source;

    std::deque<PickleValue> m_arena;
    std::vector<PickleValue*> m_stack;
    std::vector<size_t> m_marks; ///< stack sizes at each MARK
    std::unordered_map<uint64_t, PickleValue*> m_memo;

    // Storages by the key value that named them, so that a key repeated through the memo
    // costs neither a copy nor a lookup of its text each time.
    std::unordered_map<const PickleValue*, torch::Tensor> m_storageByKey;
    // What the storages hold and what the tensors rebuilt from them hold, in elements: views
    // may overlap, but not so much that a small file asks for gigabytes.
    std::unordered_set<std::string_view> m_loadedStorages;
    int64_t m_storageNumel = 0;
    int64_t m_rebuiltNumel = 0;
};

} // namespace unblur::model
