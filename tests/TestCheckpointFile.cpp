#include "model/CheckpointFile.h"
#include "model/ModelError.h"
#include "model/ModelFolder.h"
#include "model/PickleReader.h"
#include "model/PickleWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>
#include <caffe2/serialize/inline_container.h>
#include <cmath>
#include <cstring>
#include <limits>
#include <torch/torch.h>

using namespace unblur::model;
using caffe2::serialize::PyTorchStreamReader;
using caffe2::serialize::PyTorchStreamWriter;

namespace {

const QString kFixtures = QStringLiteral(UNBLUR_TEST_DATA "/hidiff-tiny/");

std::string fixture(const char* name)
{
    return (kFixtures + QLatin1String(name)).toStdString();
}

/** True when both tensors have the same dtype, shape and bytes. */
bool bitEqual(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.scalar_type() != b.scalar_type() || a.sizes() != b.sizes())
        return false;
    const torch::Tensor ca = a.contiguous(), cb = b.contiguous();
    return std::memcmp(ca.data_ptr(), cb.data_ptr(), ca.nbytes()) == 0;
}

void expectSameStateDict(const StateDict& actual, const StateDict& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (size_t i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual[i].first, expected[i].first);
        QVERIFY2(bitEqual(actual[i].second, expected[i].second), actual[i].first.c_str());
    }
}

std::string readPickle(const std::string& path)
{
    PyTorchStreamReader zip(path);
    auto [data, size] = zip.getRecord("data.pkl");
    return std::string(static_cast<const char*>(data.get()), size);
}

/** A zip in the torch.save layout with the given data.pkl (if any) and records. */
void writeZip(const QString& path, const std::string& pickle,
              const std::vector<std::pair<std::string, std::string>>& records = {})
{
    PyTorchStreamWriter zip(path.toStdString());
    if (!pickle.empty())
        zip.writeRecord("data.pkl", pickle.data(), pickle.size());
    for (const auto& [name, data] : records)
        zip.writeRecord(name, data.data(), data.size());
    zip.writeEndOfFile();
}

/** Emits a _rebuild_tensor_v2 call on float storage `key`. */
void writeTensor(PickleWriter& p, const std::string& key, int64_t numel, int64_t offset,
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
std::string makePickle(const std::vector<std::pair<std::string, std::string>>& entryAndKey,
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

std::string floats(std::initializer_list<float> values)
{
    return std::string(reinterpret_cast<const char*>(values.begin()),
                       values.size() * sizeof(float));
}

QString errorOf(const std::string& path)
{
    try {
        readCheckpoint(path);
    } catch (const ModelError& e) {
        return QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        return QStringLiteral("<not a ModelError> ") + e.what();
    }
    return QStringLiteral("<no error>");
}

} // namespace

class TestCheckpointFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsFixtures_data();
    void readsFixtures();
    void honoursOffsetAndStrides();
    void prefersParamsEma();
    void roundTrip();
    void rewritesFixture();
    void halfPrecisionRoundTrip();
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void rejectsBadArchives_data();
    void rejectsBadArchives();
    void survivesCorruptPickles();
    void rejectsHostileFiles_data();
    void rejectsHostileFiles();
};

void TestCheckpointFile::readsFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QList<qint64>>("shape");

    QTest::newRow("net_g") << "net_g.pth" << 170 << "patch_embed.proj.weight"
                           << QList<qint64>{8, 3, 3, 3};
    QTest::newRow("net_g temperature")
        << "net_g.pth" << 170 << "encoder_level1.blocks.0.attn.temperature"
        << QList<qint64>{1, 1, 1};
    QTest::newRow("net_d") << "net_d.pth" << 17 << "time_mlp" << QList<qint64>{1};
    QTest::newRow("net_le_dm") << "net_le_dm.pth" << 22 << "conv1.0.weight"
                               << QList<qint64>{8, 48, 3, 3};
    QTest::newRow("net_le") << "net_le.pth" << 22 << "conv1.0.weight" << QList<qint64>{8, 96, 3, 3};
}

void TestCheckpointFile::readsFixtures()
{
    QFETCH(QString, file);
    QFETCH(int, count);
    QFETCH(QString, key);
    QFETCH(QList<qint64>, shape);

    const Checkpoint checkpoint = readCheckpoint((kFixtures + file).toStdString());
    QCOMPARE(checkpoint.entry, std::string("params"));
    QCOMPARE(checkpoint.entries, std::vector<std::string>{"params"});
    QCOMPARE(int(checkpoint.params.size()), count);

    bool found = false;
    for (const auto& [name, tensor] : checkpoint.params) {
        QVERIFY(tensor.defined());
        QCOMPARE(tensor.scalar_type(), torch::kFloat);
        QVERIFY(tensor.is_contiguous());
        QVERIFY2(!torch::isnan(tensor).any().item<bool>(), name.c_str());
        if (name == key.toStdString()) {
            found = true;
            QCOMPARE(tensor.sizes().vec(), std::vector<int64_t>(shape.begin(), shape.end()));
        }
    }
    QVERIFY(found);
}

void TestCheckpointFile::honoursOffsetAndStrides()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("view.pth");
    // A 2x2 transposed view starting at element 1 of a 6-element storage.
    writeZip(path, makePickle({{"params", "0"}}, 6, 1, {2, 2}, {1, 3}),
             {{"data/0", floats({0, 1, 2, 3, 4, 5})}});
    const Checkpoint checkpoint = readCheckpoint(path.toStdString());
    QCOMPARE(checkpoint.params.size(), size_t(1));
    const torch::Tensor expected = torch::tensor({1.f, 4.f, 2.f, 5.f}).reshape({2, 2});
    QVERIFY(bitEqual(checkpoint.params[0].second, expected));
    QVERIFY(checkpoint.params[0].second.is_contiguous());
}

void TestCheckpointFile::prefersParamsEma()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("ema.pth");
    writeZip(path, makePickle({{"params", "0"}, {"params_ema", "1"}}, 1, 0, {1}, {1}),
             {{"data/0", floats({1})}, {"data/1", floats({2})}});
    const Checkpoint checkpoint = readCheckpoint(path.toStdString());
    QCOMPARE(checkpoint.entry, std::string("params_ema"));
    QCOMPARE(checkpoint.entries, (std::vector<std::string>{"params", "params_ema"}));
    QCOMPARE(checkpoint.params[0].second.item<float>(), 2.f);
}

void TestCheckpointFile::roundTrip()
{
    const float inf = std::numeric_limits<float>::infinity();
    StateDict params = {
        {"conv.weight", torch::randn({4, 3, 3, 3})},
        {"transposed", torch::randn({5, 7}).t()},
        {"scalar", torch::tensor(3.5f)},
        {"one", torch::tensor({-0.f})},
        {"empty", torch::zeros({0, 3})},
        {"special", torch::tensor({inf, -inf, std::nanf(""), 1e-45f, -1e38f})},
        {"big", torch::rand({300, 300})},
    };
    QVERIFY(!params[1].second.is_contiguous());

    QTemporaryDir dir;
    const QString path = dir.filePath("out.pth");
    QFile::remove(path);
    writeCheckpoint(path.toStdString(), params);
    Checkpoint checkpoint = readCheckpoint(path.toStdString());
    QCOMPARE(checkpoint.entry, std::string("params"));
    expectSameStateDict(checkpoint.params, params);

    // Overwriting replaces the file and leaves no temporary behind.
    StateDict other = {{"x", torch::arange(10, torch::kDouble)}};
    writeCheckpoint(path.toStdString(), other);
    checkpoint = readCheckpoint(path.toStdString());
    QCOMPARE(checkpoint.params.size(), size_t(1));
    QVERIFY(bitEqual(checkpoint.params[0].second, torch::arange(10, torch::kFloat)));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"out.pth"});

    // A directory that does not exist: an error naming the path, nothing left behind.
    const std::string bad = dir.filePath("missing/out.pth").toStdString();
    try {
        writeCheckpoint(bad, params);
        QFAIL("no error");
    } catch (const ModelError& e) {
        QVERIFY2(QString(e.what()).contains(QString::fromStdString(bad)), e.what());
    }
}

void TestCheckpointFile::rewritesFixture()
{
    const Checkpoint original = readCheckpoint(fixture("net_g.pth"));
    QTemporaryDir dir;
    const std::string path = dir.filePath("net_g.pth").toStdString();
    writeCheckpoint(path, original.params);
    const Checkpoint copy = readCheckpoint(path);
    expectSameStateDict(copy.params, original.params);
    QCOMPARE(copy.entries, original.entries);
}

void TestCheckpointFile::halfPrecisionRoundTrip()
{
    const float inf = std::numeric_limits<float>::infinity();
    const StateDict params = {
        {"weight", torch::randn({64, 32, 3, 3})},
        {"transposed", torch::randn({5, 7}).t()},
        {"special", torch::tensor({inf, -inf, std::nanf(""), -0.f, 1e-7f, 65504.f, 3.14159f})},
    };
    QTemporaryDir dir;
    const QString full = dir.filePath("full.pth"), half = dir.filePath("half.pth");
    writeCheckpoint(full.toStdString(), params);
    writeCheckpoint(half.toStdString(), params, StoredPrecision::Float16);

    // Read back as float32, each value the float16 nearest the original.
    const Checkpoint checkpoint = readCheckpoint(half.toStdString());
    StateDict expected;
    for (const auto& [name, tensor] : params)
        expected.emplace_back(name, tensor.to(torch::kHalf).to(torch::kFloat));
    expectSameStateDict(checkpoint.params, expected);
    QVERIFY(!checkpoint.params[0].second.equal(params[0].second));
    const qint64 fullSize = QFileInfo(full).size(), halfSize = QFileInfo(half).size();
    QVERIFY2(halfSize < fullSize * 0.55,
             qPrintable(QString("%1 of %2").arg(halfSize).arg(fullSize)));

    // A value float16 cannot hold is refused by name; the earlier file stays as it was.
    const StateDict tooLarge = {{"weight", torch::ones({3})}, {"gain", torch::tensor({7e4f})}};
    try {
        writeCheckpoint(half.toStdString(), tooLarge, StoredPrecision::Float16);
        QFAIL("an overflowing tensor was written as float16");
    } catch (const ModelError& e) {
        QVERIFY2(QString(e.what()).contains("'gain'") && QString(e.what()).contains("float16"),
                 e.what());
    }
    expectSameStateDict(readCheckpoint(half.toStdString()).params, expected);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), (QStringList{"full.pth", "half.pth"}));
}

void TestCheckpointFile::rejectsBadFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");

    QTest::newRow("missing") << "missing"
                             << "no such file";
    QTest::newRow("directory") << "directory"
                               << "directory";
    QTest::newRow("empty") << "empty"
                           << "empty";
    QTest::newRow("truncated") << "truncated"
                               << "truncated";
    QTest::newRow("random bytes") << "random"
                                  << "not a PyTorch";
    QTest::newRow("text") << "text"
                          << "not a PyTorch";
    QTest::newRow("legacy raw pickle") << "legacy"
                                       << "legacy";
    QTest::newRow("zip without data.pkl") << "nopickle"
                                          << "no data.pkl";
}

void TestCheckpointFile::rejectsBadFiles()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);

    QTemporaryDir dir;
    const QString path = dir.filePath(kind + ".pth");
    auto write = [&](const QByteArray& bytes) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    if (kind == "directory") {
        QVERIFY(QDir(dir.path()).mkdir(kind + ".pth"));
    } else if (kind == "empty") {
        write({});
    } else if (kind == "truncated") {
        QFile source(kFixtures + "net_d.pth");
        QVERIFY(source.open(QIODevice::ReadOnly));
        write(source.readAll().left(source.size() / 2));
    } else if (kind == "random") {
        QByteArray bytes(4096, Qt::Uninitialized);
        QRandomGenerator generator(42);
        for (char& c : bytes)
            c = char(generator.bounded(256));
        bytes[0] = 'x'; // make sure it is neither a zip nor a pickle
        write(bytes);
    } else if (kind == "text") {
        write("This is not a checkpoint.\n");
    } else if (kind == "legacy") {
        // What torch.save(..., _use_new_zipfile_serialization=False) starts with.
        write(QByteArray::fromHex("80028a0a6cfc9c46f9206aa850192e"));
    } else if (kind == "nopickle") {
        writeZip(path, {}, {{"other", "x"}});
    }

    const QString message = errorOf(path.toStdString());
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(message.contains(reason, Qt::CaseInsensitive), qPrintable(message));
}

void TestCheckpointFile::rejectsBadArchives_data()
{
    QTest::addColumn<QByteArray>("pickle");
    QTest::addColumn<QByteArray>("storage"); ///< data/0
    QTest::addColumn<QString>("reason");

    const QByteArray fourFloats = QByteArray::fromStdString(floats({1, 2, 3, 4}));
    const auto tensor = [](int64_t numel, int64_t offset, std::vector<int64_t> sizes,
                           std::vector<int64_t> strides) {
        return QByteArray::fromStdString(
            makePickle({{"params", "0"}}, numel, offset, sizes, strides));
    };

    QTest::newRow("unsupported global") << QByteArray("\x80\x02"
                                                      "cos\nsystem\n"
                                                      "X\x02\x00\x00\x00ls"
                                                      "\x85R.",
                                                      23)
                                        << fourFloats << "'os.system'";
    QTest::newRow("unsupported opcode") << QByteArray("\x80\x02I1\n.") << fourFloats << "opcode";
    QTest::newRow("empty pickle") << QByteArray("\x80\x02") << fourFloats << "truncated";
    QTest::newRow("missing memo") << QByteArray("\x80\x02h\x05.") << fourFloats << "memo";
    QTest::newRow("underflow") << QByteArray("\x80\x02s.") << fourFloats << "underflow";
    QTest::newRow("not a dict") << QByteArray("\x80\x02K\x01.") << fourFloats << "not a dict";
    QTest::newRow("no params") << QByteArray("\x80\x02}X\x01\x00\x00\x00"
                                             "aK\x01s.",
                                             13)
                               << fourFloats << "no 'params'";
    QTest::newRow("past storage end")
        << tensor(4, 1, {2, 2}, {2, 1}) << fourFloats << "past the end";
    QTest::newRow("storage too short") << tensor(8, 0, {8}, {1}) << fourFloats << "truncated";
    QTest::newRow("storage missing") << tensor(4, 0, {4}, {1}) << QByteArray() << "missing";
    QTest::newRow("size overflow")
        << tensor(4, 0, {1ll << 40, 1ll << 40}, {0, 0}) << fourFloats << "overflow";
    QTest::newRow("huge broadcast")
        << tensor(4, 0, {1ll << 40}, {0}) << fourFloats << "implausibly large";
}

void TestCheckpointFile::rejectsBadArchives()
{
    QFETCH(QByteArray, pickle);
    QFETCH(QByteArray, storage);
    QFETCH(QString, reason);

    QTemporaryDir dir;
    const QString path = dir.filePath("bad.pth");
    std::vector<std::pair<std::string, std::string>> records;
    if (!storage.isEmpty())
        records.emplace_back("data/0", storage.toStdString());
    writeZip(path, pickle.toStdString(), records);

    const QString message = errorOf(path.toStdString());
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(message.contains(reason, Qt::CaseInsensitive), qPrintable(message));
}

void TestCheckpointFile::survivesCorruptPickles()
{
    // Every truncation and many random byte changes of a real data.pkl: each either
    // loads or throws ModelError; nothing crashes, hangs or reads out of bounds.
    const std::string original = readPickle(fixture("net_d.pth"));
    const auto loader = [](const std::string&, torch::ScalarType dtype, int64_t numel) {
        if (numel > 100000)
            throw ModelError("storage too large");
        return torch::zeros({numel}, dtype);
    };
    auto parse = [&](const std::string& bytes) {
        try {
            PickleReader(bytes.data(), bytes.size(), loader, "fuzz").load();
            return true;
        } catch (const ModelError&) {
            return false;
        }
    };

    QVERIFY(parse(original));
    for (size_t length = 0; length < original.size(); ++length)
        QVERIFY(!parse(original.substr(0, length)));

    QRandomGenerator generator(7);
    for (int i = 0; i < 3000; ++i) {
        std::string bytes = original;
        const int changes = 1 + generator.bounded(4);
        for (int c = 0; c < changes; ++c)
            bytes[generator.bounded(int(bytes.size()))] = char(generator.bounded(256));
        parse(bytes);
    }
}

void TestCheckpointFile::rejectsHostileFiles_data()
{
    // tests/data/bad-models/, made by tests/fuzz/make-bad-models.py from what the model-reader
    // fuzzers found: each once cost memory out of proportion to its size, or leaked.
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("reason");
    QTest::newRow("key repeated 4000 times") << "repeated-key.pth"
                                             << "no 'params'";
    QTest::newRow("storage key repeated") << "repeated-storage-key.pth"
                                          << "no 'params'";
    QTest::newRow("broadcast rebuilt again") << "broadcast-again.pth"
                                             << "implausibly large";
    QTest::newRow("zip bomb") << "deflated-bomb.pth"
                              << "would extract to";
    QTest::newRow("no version record") << "version-missing.pth"
                                       << "no version record";
    QTest::newRow("version not a number") << "version-not-a-number.pth"
                                          << "version 'three'";
    QTest::newRow("version too new") << "version-too-new.pth"
                                     << "version '99'";
    QTest::newRow("version CRC") << "version-bad-crc.pth"
                                 << "CRC";
    QTest::newRow("version method") << "version-bad-method.pth"
                                    << "unreadable version record";
    QTest::newRow("version a folder") << "version-marked-folder.pth"
                                      << "marked as a folder";
    QTest::newRow("json number beyond a double") << "json-number-beyond-double.json"
                                                 << "not valid JSON";
    QTest::newRow("json dim beyond int") << "json-dim-beyond-int.json"
                                         << "'g.dim' is out of range";
    QTest::newRow("json blocks beyond int") << "json-blocks-beyond-int.json"
                                            << "'g.num_blocks' is out of range";
    QTest::newRow("json factor beyond int64") << "json-factor-beyond-int64.json"
                                              << "'g.ffn_expansion_factor' is 1e+300, out of range";
    QTest::newRow("json steps beyond int64") << "json-steps-beyond-int64.json"
                                             << "out of range";
    QTest::newRow("json timesteps") << "json-timesteps-billions.json"
                                    << "between 1 and 1000";
}

void TestCheckpointFile::rejectsHostileFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, reason);

    const QString path = QStringLiteral(UNBLUR_TEST_DATA "/bad-models/") + file;
    QVERIFY2(QFileInfo::exists(path), qPrintable(path));
    QString message = errorOf(path.toStdString());
    if (file.endsWith(".json")) { // a model folder's model.json, read as loadModelFolder does
        QFile json(path);
        QVERIFY(json.open(QIODevice::ReadOnly));
        ModelInfo info;
        try {
            const HiDiffConfig config = applyModelJson(json.readAll().toStdString(), HiDiffConfig{},
                                                       path.toStdString(), info);
            message = "<no error>";
            try {
                config.validate();
            } catch (const ModelError& e) { // named as loadModelFolder names it
                throw ModelError(path.toStdString() + ": " + e.what());
            }
        } catch (const ModelError& e) {
            message = QString::fromStdString(e.what());
        }
    }
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(message.contains(reason, Qt::CaseInsensitive), qPrintable(message));
    QVERIFY2(message.size() < 500, qPrintable(message.left(500))); // long names cut short
}

QTEST_APPLESS_MAIN(TestCheckpointFile)
#include "TestCheckpointFile.moc"
