// The checkpoint reader on bad and hostile files: wrong formats, broken archives, corrupt
// pickles, and the fuzzers' findings in tests/data/bad-models: always a ModelError naming the
// file and the reason, never a crash or a runaway allocation.
#include "CheckpointTestSupport.h"
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
#include <cstring>
#include <torch/torch.h>

using namespace unblur::model;
using namespace checkpointtest;

class TestHostileCheckpoints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejectsBadFiles_data();
    void rejectsBadFiles();
    void rejectsBadArchives_data();
    void rejectsBadArchives();
    void survivesCorruptPickles();
    void rejectsHostileFiles_data();
    void rejectsHostileFiles();
};

void TestHostileCheckpoints::rejectsBadFiles_data()
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

void TestHostileCheckpoints::rejectsBadFiles()
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

void TestHostileCheckpoints::rejectsBadArchives_data()
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

void TestHostileCheckpoints::rejectsBadArchives()
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

void TestHostileCheckpoints::survivesCorruptPickles()
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

void TestHostileCheckpoints::rejectsHostileFiles_data()
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

void TestHostileCheckpoints::rejectsHostileFiles()
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

QTEST_APPLESS_MAIN(TestHostileCheckpoints)
#include "TestHostileCheckpoints.moc"
