// The checkpoint reader and writer on good files: the published layout, offsets and strides,
// params_ema, round trips in float32 and float16. Bad and hostile files: TestHostileCheckpoints.
#include "CheckpointTestSupport.h"
#include "model/CheckpointFile.h"
#include "model/ModelError.h"
#include "model/PickleWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <cstring>
#include <limits>
#include <torch/torch.h>

using namespace unblur::model;
using namespace checkpointtest;

namespace {

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

QTEST_APPLESS_MAIN(TestCheckpointFile)
#include "TestCheckpointFile.moc"
