// Checkpoint files built by hand for the checkpoint reader's tests (header only).
#pragma once

#include "model/CheckpointFile.h"
#include "model/ModelError.h"
#include "model/PickleWriter.h"

#include <QString>
#include <caffe2/serialize/inline_container.h>
#include <string>
#include <utility>
#include <vector>

namespace checkpointtest {

using unblur::model::PickleWriter;

const QString kFixtures = QStringLiteral(UNBLUR_TEST_DATA "/hidiff-tiny/");

inline std::string fixture(const char* name)
{
    return (kFixtures + QLatin1String(name)).toStdString();
}

inline std::string readPickle(const std::string& path)
{
    caffe2::serialize::PyTorchStreamReader zip(path);
    auto [data, size] = zip.getRecord("data.pkl");
    return std::string(static_cast<const char*>(data.get()), size);
}

/** A zip in the torch.save layout with the given data.pkl (if any) and records. */
inline void writeZip(const QString& path, const std::string& pickle,
                     const std::vector<std::pair<std::string, std::string>>& records = {})
{
    caffe2::serialize::PyTorchStreamWriter zip(path.toStdString());
    if (!pickle.empty())
        zip.writeRecord("data.pkl", pickle.data(), pickle.size());
    for (const auto& [name, data] : records)
        zip.writeRecord(name, data.data(), data.size());
    zip.writeEndOfFile();
}

/** Emits a _rebuild_tensor_v2 call on float storage `key`. */
inline void writeTensor(PickleWriter& p, const std::string& key, int64_t numel, int64_t offset,
                        const std::vector<int64_t>& sizes, const std::vector<int64_t>& strides)
{
    p.global("torch._utils", "_rebuild_tensor_v2");
    p.mark();
    p.mark();
    p.string("storage");
    p.global("torch", "FloatStorage");
    p.string(key);
    p.string("cpu");
    p.integer(numel);
    p.tuple();
    p.persistentId();
    p.integer(offset);
    p.mark();
    for (int64_t s : sizes)
        p.integer(s);
    p.tuple();
    p.mark();
    for (int64_t s : strides)
        p.integer(s);
    p.tuple();
    p.boolean(false);
    p.global("collections", "OrderedDict");
    p.emptyTuple();
    p.reduce();
    p.tuple();
    p.reduce();
}

/** {entry: OrderedDict(name: tensor on storage key)} with one tensor per entry. */
inline std::string makePickle(const std::vector<std::pair<std::string, std::string>>& entryAndKey,
                              int64_t numel, int64_t offset, const std::vector<int64_t>& sizes,
                              const std::vector<int64_t>& strides)
{
    PickleWriter p;
    p.emptyDict();
    p.mark();
    for (const auto& [entry, key] : entryAndKey) {
        p.string(entry);
        p.global("collections", "OrderedDict");
        p.emptyTuple();
        p.reduce();
        p.string("w");
        writeTensor(p, key, numel, offset, sizes, strides);
        p.setItem();
    }
    p.setItems();
    p.stop();
    return p.bytes();
}

inline std::string floats(std::initializer_list<float> values)
{
    return std::string(reinterpret_cast<const char*>(values.begin()),
                       values.size() * sizeof(float));
}

inline QString errorOf(const std::string& path)
{
    try {
        unblur::model::readCheckpoint(path);
    } catch (const unblur::model::ModelError& e) {
        return QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        return QStringLiteral("<not a ModelError> ") + e.what();
    }
    return QStringLiteral("<no error>");
}

} // namespace checkpointtest
