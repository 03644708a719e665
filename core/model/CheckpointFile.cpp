#include "CheckpointFile.h"

#include "ModelError.h"
#include "PickleReader.h"
#include "PickleWriter.h"
#include "ZipDirectory.h"

#include <algorithm>
#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/versions.h>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <new>
#include <string_view>
#include <sys/stat.h>
#include <torch/torch.h>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

namespace unblur::model {

namespace {

using caffe2::serialize::PyTorchStreamReader;
using caffe2::serialize::PyTorchStreamWriter;

std::string firstLine(const std::string& text)
{
    return text.substr(0, text.find('\n'));
}

/** Rejects, with a precise reason, files that are missing, empty or not a zip. */
void checkHeader(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (!fs::exists(status))
        throw ModelError("cannot open " + path + ": no such file");
    if (fs::is_directory(status))
        throw ModelError("cannot open " + path + ": is a directory");

    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ModelError("cannot open " + path + ": " + std::strerror(errno));
    char head[2] = {};
    in.read(head, sizeof head);
    const std::streamsize got = in.gcount();
    if (got == 0)
        throw ModelError(path + ": empty file (0 bytes), not a PyTorch zip checkpoint");
    if (static_cast<unsigned char>(head[0]) == 0x80)
        throw ModelError(path + ": legacy PyTorch format (a raw pickle, written by PyTorch "
                                "before 1.6) is not supported; re-save it with torch.save "
                                "in PyTorch 1.6 or newer");
    if (got < 2 || head[0] != 'P' || head[1] != 'K')
        throw ModelError(path + ": not a PyTorch checkpoint (not a zip archive)");
}

/** A name from the file for a message: long ones (a hostile file's) cut short. */
std::string abbreviated(const std::string& text)
{
    constexpr size_t kLongest = 64;
    return text.size() <= kLongest ? text : text.substr(0, kLongest) + "...";
}

bool sameNameIgnoringCase(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

/**
 * Checks the archive before LibTorch's zip reader opens it: that reader allocates a record's
 * size before it inflates it, and leaks its directory when its constructor throws (a missing
 * folder or version record, a corrupt or unreadable version), so those are refused here.
 */
void checkArchive(const std::string& path)
{
    std::error_code error;
    const uint64_t fileSize = std::filesystem::file_size(path, error);
    if (error)
        throw ModelError("cannot open " + path + ": " + error.message());
    const std::vector<ZipEntry> entries = readZipDirectory(path, fileSize);

    // torch.save stores its records uncompressed; a deflated archive may extract to a few
    // times its size, a zip bomb to a thousand (overlapping records count each time).
    constexpr uint64_t kMaxInflation = 4, kInflationAllowance = uint64_t(1) << 20;
    uint64_t extracted = 0;
    for (const ZipEntry& entry : entries) {
        if (__builtin_add_overflow(extracted, entry.size, &extracted))
            extracted = UINT64_MAX;
        // Read as a folder, its bytes would come back unwritten (whatever the heap held).
        if (entry.folder && entry.size > 0)
            throw ModelError(path + ": corrupt zip archive (record '" + abbreviated(entry.name) +
                             "' is marked as a folder but holds data)");
    }
    if (extracted > kMaxInflation * fileSize + kInflationAllowance)
        throw ModelError(path + ": corrupt or hostile zip archive (its records would extract to " +
                         std::to_string(extracted) + " bytes, from a file of " +
                         std::to_string(fileSize) + ")");

    if (entries.empty())
        throw ModelError(path + ": empty zip archive, not a torch.save checkpoint");
    const size_t slash = entries[0].name.find('/');
    if (slash == std::string::npos)
        throw ModelError(path + ": not a torch.save checkpoint (record '" +
                         abbreviated(entries[0].name) + "' is not in the archive's folder)");
    // The version record the reader reads: .data/version where there is one, else version;
    // names compare as miniz compares them, ignoring case.
    const std::string folder = entries[0].name.substr(0, slash + 1);
    std::vector<const ZipEntry*> versions;
    for (const char* name : {".data/version", "version"}) {
        for (const ZipEntry& entry : entries)
            if (sameNameIgnoringCase(entry.name, folder + name))
                versions.push_back(&entry);
        if (!versions.empty())
            break;
    }
    if (versions.empty())
        throw ModelError(path + ": not a torch.save checkpoint (no version record)");
    for (const ZipEntry* entry : versions) {
        constexpr uint16_t kUnsupportedFlags = 0x0001 | 0x0020 | 0x0040; // encrypted, patched
        if (entry->method != 0 || (entry->flags & kUnsupportedFlags) ||
            entry->compressedSize != entry->size || entry->size > 64)
            throw ModelError(path + ": not a torch.save checkpoint (unreadable version record)");
        const std::string text = readStoredEntry(path, fileSize, *entry);
        uint64_t version = 0;
        try {
            version = std::stoull(text); // as the reader parses it
        } catch (const std::exception&) {
        }
        if (version < caffe2::serialize::kMinSupportedFileFormatVersion ||
            version > caffe2::serialize::kMaxSupportedFileFormatVersion)
            throw ModelError(path + ": unsupported checkpoint format version '" + firstLine(text) +
                             "'");
    }
}

/** Loads the storages data.pkl refers to, once each, checking their sizes. */
class StorageLoader
{
public:
    StorageLoader(PyTorchStreamReader& zip, const std::string& path) : m_zip(zip), m_path(path) {}

    torch::Tensor operator()(const std::string& key, torch::ScalarType dtype, int64_t numel)
    {
        auto cached = m_storages.find(key);
        if (cached != m_storages.end()) {
            if (cached->second.scalar_type() != dtype || cached->second.numel() < numel)
                throw ModelError(m_path + ": storage data/" + abbreviated(key) +
                                 " is used inconsistently");
            return cached->second.narrow(0, 0, numel);
        }
        const std::string record = "data/" + key;
        if (!m_zip.hasRecord(record))
            throw ModelError(m_path + ": storage " + abbreviated(record) +
                             " is missing from the archive");
        auto [data, size] = m_zip.getRecord(record);
        int64_t bytes = 0;
        if (__builtin_mul_overflow(numel, int64_t(c10::elementSize(dtype)), &bytes) ||
            size < uint64_t(bytes))
            throw ModelError(m_path + ": storage " + abbreviated(record) + " is truncated (" +
                             std::to_string(size) + " bytes, " + std::to_string(numel) +
                             " elements expected)");
        torch::Tensor storage = torch::empty({numel}, dtype);
        if (bytes > 0)
            std::memcpy(storage.data_ptr(), data.get(), size_t(bytes));
        m_storages.emplace(key, storage);
        return storage;
    }

private:
    PyTorchStreamReader& m_zip;
    const std::string& m_path;
    std::unordered_map<std::string, torch::Tensor> m_storages;
};

/** Turns the chosen entry, an (Ordered)Dict of name -> tensor, into a StateDict. */
StateDict toStateDict(const PickleValue& dict, const std::string& path, const std::string& entry)
{
    using Kind = PickleValue::Kind;
    if (dict.kind != Kind::Dict)
        throw ModelError(path + ": entry '" + entry + "' is not a state dict");
    StateDict result;
    // A repeated key replaces, as in Python. Keys are looked up by value first: a key repeated
    // through the pickle's memo is neither hashed nor copied again.
    std::unordered_map<const PickleValue*, size_t> byValue;
    std::unordered_map<std::string_view, size_t> byText;
    for (const auto& [key, value] : dict.entries) {
        if (key->kind != Kind::String)
            throw ModelError(path + ": entry '" + entry + "' has a non-string key");
        if (value->kind != Kind::Tensor)
            throw ModelError(path + ": '" + entry + "' value '" + abbreviated(key->text) +
                             "' is not a tensor");
        auto known = byValue.find(key);
        if (known == byValue.end()) {
            auto [it, added] = byText.emplace(key->text, result.size());
            if (added)
                result.emplace_back(key->text, value->tensor);
            known = byValue.emplace(key, it->second).first;
        }
        result[known->second].second = value->tensor;
    }
    return result;
}

Checkpoint readZip(PyTorchStreamReader& zip, const std::string& path)
{
    if (!zip.hasRecord("data.pkl"))
        throw ModelError(path + ": no data.pkl in the archive, not a torch.save checkpoint");
    if (zip.hasRecord("byteorder")) {
        auto [data, size] = zip.getRecord("byteorder");
        const std::string order(static_cast<const char*>(data.get()), size);
        if (order.rfind("little", 0) != 0)
            throw ModelError(path + ": byte order '" + abbreviated(order) + "' is not supported");
    }

    auto [pickle, size] = zip.getRecord("data.pkl");
    StorageLoader storages(zip, path);
    PickleReader reader(static_cast<const char*>(pickle.get()), size, std::ref(storages),
                        path + " (data.pkl)");
    const PickleValue& top = reader.load();
    if (top.kind != PickleValue::Kind::Dict)
        throw ModelError(path + ": not a BasicSR checkpoint (the top level is not a dict)");

    Checkpoint checkpoint;
    const PickleValue* params = nullptr;
    const PickleValue* paramsEma = nullptr;
    // Each key once, as in a Python dict; by value first, as in toStateDict.
    std::unordered_set<const PickleValue*> seenValues;
    std::unordered_set<std::string_view> seenTexts;
    for (const auto& [key, value] : top.entries) {
        if (key->kind != PickleValue::Kind::String)
            throw ModelError(path + ": not a BasicSR checkpoint (a top-level key is not a string)");
        if (seenValues.insert(key).second && seenTexts.insert(key->text).second)
            checkpoint.entries.push_back(key->text);
        if (key->text == "params")
            params = value;
        else if (key->text == "params_ema")
            paramsEma = value;
    }
    if (!params && !paramsEma) {
        std::string found;
        for (size_t i = 0; i < checkpoint.entries.size() && i < 5; ++i)
            found += (i == 0 ? "'" : ", '") + abbreviated(checkpoint.entries[i]) + "'";
        if (checkpoint.entries.size() > 5)
            found += ", ...";
        throw ModelError(path + ": no 'params' or 'params_ema' entry, not a BasicSR checkpoint " +
                         "(found " + (found.empty() ? "none" : found) + ")");
    }
    checkpoint.entry = paramsEma ? "params_ema" : "params";
    checkpoint.params = toStateDict(paramsEma ? *paramsEma : *params, path, checkpoint.entry);
    return checkpoint;
}

/**
 * Builds data.pkl for {'params': OrderedDict(name -> tensor)}; storage i is tensors[i], of
 * torch.`storageClass` (FloatStorage, HalfStorage).
 */
std::string makePickle(const StateDict& params, const std::vector<torch::Tensor>& tensors,
                       const char* storageClass)
{
    PickleWriter p;
    p.emptyDict();
    p.string("params");
    p.global("collections", "OrderedDict");
    p.emptyTuple();
    p.reduce();
    p.mark();
    for (size_t i = 0; i < tensors.size(); ++i) {
        const torch::Tensor& t = tensors[i];
        p.string(params[i].first);
        p.global("torch._utils", "_rebuild_tensor_v2");
        p.mark();
        p.mark(); // persistent id of the storage
        p.string("storage");
        p.global("torch", storageClass);
        p.string(std::to_string(i));
        p.string("cpu");
        p.integer(t.numel());
        p.tuple();
        p.persistentId();
        p.integer(0); // storage offset
        p.mark();
        for (int64_t size : t.sizes())
            p.integer(size);
        p.tuple();
        p.mark();
        for (int64_t stride : t.strides())
            p.integer(stride);
        p.tuple();
        p.boolean(false);                       // requires_grad
        p.global("collections", "OrderedDict"); // backward hooks: OrderedDict()
        p.emptyTuple();
        p.reduce();
        p.tuple();
        p.reduce();
    }
    p.setItems();
    p.setItem();
    p.stop();
    return p.bytes();
}

/** A temporary file beside the target; removed unless commit() renamed it over the target. */
class TempFile
{
public:
    explicit TempFile(const std::string& target) : m_target(target)
    {
        std::string pattern = target + ".tmp-XXXXXX";
        const int fd = ::mkstemp(pattern.data());
        if (fd < 0)
            throw ModelError("cannot write " + target + ": " + std::strerror(errno));
        m_path = pattern;
        ::fchmod(fd, 0644);
        m_file = ::fdopen(fd, "wb");
        if (!m_file) {
            ::close(fd);
            ::unlink(m_path.c_str());
            throw ModelError("cannot write " + target + ": " + std::strerror(errno));
        }
    }
    ~TempFile()
    {
        if (m_file)
            std::fclose(m_file);
        if (!m_committed)
            ::unlink(m_path.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    /** Never fails, so the zip writer never throws mid-record; errors surface in commit(). */
    size_t write(const void* data, size_t size)
    {
        if (m_ok && std::fwrite(data, 1, size, m_file) != size) {
            m_ok = false;
            m_errno = errno;
        }
        return size;
    }

    void commit()
    {
        if (m_ok && (std::fflush(m_file) != 0 || ::fsync(::fileno(m_file)) != 0)) {
            m_ok = false;
            m_errno = errno;
        }
        const int closed = std::fclose(m_file);
        m_file = nullptr;
        if (m_ok && closed != 0) {
            m_ok = false;
            m_errno = errno;
        }
        if (m_ok && std::rename(m_path.c_str(), m_target.c_str()) != 0) {
            m_ok = false;
            m_errno = errno;
        }
        if (!m_ok)
            throw ModelError("cannot write " + m_target + ": " + std::strerror(m_errno));
        m_committed = true;
    }

private:
    std::string m_target;
    std::string m_path;
    std::FILE* m_file = nullptr;
    bool m_ok = true;
    int m_errno = 0;
    bool m_committed = false;
};

} // namespace

Checkpoint readCheckpoint(const std::string& path)
{
    checkHeader(path);
    checkArchive(path);
    std::unique_ptr<PyTorchStreamReader> zip;
    try {
        zip = std::make_unique<PyTorchStreamReader>(path);
    } catch (const c10::Error& e) {
        throw ModelError(path + ": truncated or corrupt, not a readable PyTorch zip checkpoint (" +
                         firstLine(e.what_without_backtrace()) + ")");
    }
    try {
        return readZip(*zip, path);
    } catch (const c10::Error& e) {
        throw ModelError(path + ": corrupt checkpoint (" + firstLine(e.what_without_backtrace()) +
                         ")");
    } catch (const std::bad_alloc&) {
        throw ModelError(path + ": corrupt checkpoint (out of memory while reading it)");
    }
}

void writeCheckpoint(const std::string& path, const StateDict& params, StoredPrecision precision)
{
    const torch::ScalarType stored =
        precision == StoredPrecision::Float16 ? torch::kHalf : torch::kFloat;
    std::vector<torch::Tensor> tensors;
    std::unordered_set<std::string> names;
    for (const auto& [name, tensor] : params) {
        if (!names.insert(name).second)
            throw ModelError("cannot write " + path + ": duplicate tensor name '" + name + "'");
        if (!tensor.defined())
            throw ModelError("cannot write " + path + ": tensor '" + name + "' is undefined");
        tensors.push_back(tensor.detach().to(torch::kCPU, stored).contiguous());
        // Overflow shows as an infinity the original did not have.
        if (stored == torch::kHalf &&
            !torch::equal(tensors.back().isinf(), tensor.detach().to(torch::kCPU).isinf()))
            throw ModelError("cannot write " + path + " as float16: tensor '" + name +
                             "' has values beyond float16's range (largest magnitude " +
                             std::to_string(tensor.abs().max().item<double>()) + ")");
    }
    const std::string pickle =
        makePickle(params, tensors, stored == torch::kHalf ? "HalfStorage" : "FloatStorage");

    TempFile file(path);
    try {
        // The function-based writer names the archive folder "archive", as torch.save may.
        PyTorchStreamWriter zip(
            [&file](const void* data, size_t size) { return file.write(data, size); });
        zip.writeRecord("data.pkl", pickle.data(), pickle.size());
        zip.writeRecord("byteorder", "little", 6);
        for (size_t i = 0; i < tensors.size(); ++i)
            zip.writeRecord("data/" + std::to_string(i), tensors[i].data_ptr(),
                            tensors[i].nbytes());
        zip.writeEndOfFile(); // also writes the "version" record
    } catch (const c10::Error& e) {
        throw ModelError("cannot write " + path + ": " + firstLine(e.what_without_backtrace()));
    }
    file.commit();
}

} // namespace unblur::model
