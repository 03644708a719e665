// Model folders: published key layout, configuration inference, strict loading, model.json.
#include "model/CheckpointFile.h"
#include "model/HiDiffModel.h"
#include "model/ModelError.h"
#include "model/ModelFolder.h"
#include "model/StrictLoad.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <torch/torch.h>

using namespace unblur::model;

namespace {

const QString kData = QStringLiteral(UNBLUR_TEST_DATA);
const QString kTiny = kData + QStringLiteral("/hidiff-tiny");

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot open %s", qPrintable(path));
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

/** Compares a module's keys and shapes with one network's entry of the key listing. */
void compareKeys(const torch::nn::Module& module, const QJsonObject& expected)
{
    const StateDict dict = stateDictOf(module);
    QStringList missing, unexpected, wrong;
    QSet<QString> seen;
    for (const auto& [key, tensor] : dict) {
        const QString name = QString::fromStdString(key);
        seen.insert(name);
        if (!expected.contains(name)) {
            unexpected << name;
            continue;
        }
        QList<int64_t> shape;
        for (const QJsonValue& v : expected.value(name).toArray()) {
            shape << v.toInteger();
        }
        if (shape != QList<int64_t>(tensor.sizes().begin(), tensor.sizes().end())) {
            wrong << name;
        }
    }
    for (const QString& key : expected.keys()) {
        if (!seen.contains(key)) {
            missing << key;
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable("missing: " + missing.join(' ')));
    QVERIFY2(unexpected.isEmpty(), qPrintable("unexpected: " + unexpected.join(' ')));
    QVERIFY2(wrong.isEmpty(), qPrintable("wrong shape: " + wrong.join(' ')));
}

/** Copies the tiny model into `dir`, letting `edit` change net_g's state dict first. */
void copyTinyModel(const QString& dir, const std::function<void(StateDict&)>& edit = {})
{
    for (const char* name : {"net_le_dm.pth", "net_d.pth"}) {
        QVERIFY(QFile::copy(kTiny + "/" + name, dir + "/" + name));
    }
    StateDict netG = readCheckpoint((kTiny + "/net_g.pth").toStdString()).params;
    if (edit) {
        edit(netG);
    }
    writeCheckpoint((dir + "/net_g.pth").toStdString(), netG);
}

QString loadError(const QString& dir)
{
    try {
        loadModelFolder(dir.toStdString());
    } catch (const ModelError& error) {
        return QString::fromStdString(error.what());
    }
    return QString();
}

} // namespace

class TestModelFolder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goproConfigurationHasThePublishedKeys()
    {
        const QJsonObject listing = readJson(kData + "/hidiff-gopro-keys.json");
        HiDiffConfig config; // defaults are the published GoPro configuration
        HiDiffModel model(config);
        compareKeys(*model.transformer(), listing.value("net_g").toObject());
        compareKeys(*model.encoder(), listing.value("net_le_dm").toObject());
        compareKeys(*model.denoiser(), listing.value("net_d").toObject());

        EncoderConfig stage1 = config.le;
        stage1.inChannels = 6;
        compareKeys(*LatentEncoder(stage1), listing.value("net_le").toObject());
    }

    void infersTheTinyConfigurationFromShapes()
    {
        const QJsonObject fixture = readJson(kTiny + "/fixture.json").value("config").toObject();
        const QJsonObject g = fixture.value("g").toObject();
        LoadedModel loaded = loadModelFolder(kTiny.toStdString());
        QVERIFY(!loaded.info.configFromJson);
        const HiDiffConfig& c = loaded.model->config();
        QCOMPARE(c.g.dim, g.value("dim").toInt());
        QCOMPARE(c.g.numRefinementBlocks, g.value("num_refinement_blocks").toInt());
        QCOMPARE(c.g.ffnExpansionFactor, g.value("ffn_expansion_factor").toDouble());
        QCOMPARE(c.g.bias, g.value("bias").toBool());
        QCOMPARE(QString::fromStdString(c.g.layerNormType), g.value("LayerNorm_type").toString());
        QCOMPARE(c.g.embedDim, g.value("embed_dim").toInt());
        QCOMPARE(c.g.group, g.value("group").toInt());
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(c.g.numBlocks[i], g.value("num_blocks").toArray()[i].toInt());
            QCOMPARE(c.g.heads[i], g.value("heads").toArray()[i].toInt());
        }
        const QJsonObject le = fixture.value("le").toObject();
        QCOMPARE(c.le.embedDim, le.value("embed_dim").toInt());
        QCOMPARE(c.le.blockNum, le.value("block_num").toInt());
        QCOMPARE(c.le.patchExpansion, le.value("patch_expansion").toDouble());
        QCOMPARE(c.le.channelExpansion, le.value("channel_expansion").toDouble());
        const QJsonObject d = fixture.value("d").toObject();
        QCOMPARE(c.d.inChannel, d.value("in_channel").toInt());
        QCOMPARE(c.d.innerChannel, d.value("inner_channel").toInt());
        QCOMPARE(c.d.blockNum, d.value("block_num").toInt());
        QCOMPARE(c.d.channelExpansion, d.value("channel_expansion").toDouble());
    }

    void infersTheGoproConfigurationFromShapes()
    {
        HiDiffModel model{HiDiffConfig()};
        const TransformerConfig g =
            inferTransformerConfig(stateDictOf(*model.transformer()), "net_g.pth");
        QCOMPARE(g.dim, 48);
        QCOMPARE(g.numBlocks, (std::vector<int>{3, 5, 6, 6}));
        QCOMPARE(g.heads, (std::vector<int>{1, 2, 4, 8}));
        QCOMPARE(g.numRefinementBlocks, 4);
        QCOMPARE(g.ffnExpansionFactor, 2.66);
        QCOMPARE(g.embedDim, 64);
        const DenoiserConfig d = inferDenoiserConfig(stateDictOf(*model.denoiser()), "net_d.pth");
        QCOMPARE(d.innerChannel, 512);
        QCOMPARE(d.blockNum, 4);
    }

    void strictLoadingNamesTheProblem_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("mustMention");
        QTest::newRow("missing key")
            << "missing" << QStringList{"net_g.pth", "missing key", "output.weight"};
        QTest::newRow("unexpected key")
            << "extra" << QStringList{"net_g.pth", "unexpected key", "stray.weight"};
        QTest::newRow("wrong shape")
            << "shape" << QStringList{"net_g.pth", "down_2.3.bias", "[31]", "[32]"};
    }

    void strictLoadingNamesTheProblem()
    {
        QFETCH(QString, kind);
        QFETCH(QStringList, mustMention);
        QTemporaryDir dir;
        copyTinyModel(dir.path(), [&](StateDict& dict) {
            if (kind == "missing") {
                dict.erase(std::remove_if(dict.begin(), dict.end(),
                                          [](const auto& e) { return e.first == "output.weight"; }),
                           dict.end());
            } else if (kind == "extra") {
                dict.emplace_back("stray.weight", torch::zeros({2}));
            } else {
                for (auto& [key, tensor] : dict) {
                    if (key == "down_2.3.bias") {
                        tensor = torch::zeros({31});
                    }
                }
            }
        });
        const QString message = loadError(dir.path());
        for (const QString& part : mustMention) {
            QVERIFY2(message.contains(part), qPrintable(message));
        }
    }

    void damagedFilesAreReported_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("reason");
        QTest::newRow("truncated") << "truncate"
                                   << "truncated";
        QTest::newRow("not a zip") << "text"
                                   << "not a zip";
        QTest::newRow("absent") << "delete"
                                << "missing";
    }

    void damagedFilesAreReported()
    {
        QFETCH(QString, damage);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        copyTinyModel(dir.path());
        const QString path = dir.path() + "/net_d.pth";
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        if (damage == "delete") {
            QVERIFY(QFile::remove(path));
        } else {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadWrite));
            const QByteArray bytes = file.readAll();
            file.resize(0);
            file.seek(0);
            file.write(damage == "truncate" ? bytes.left(bytes.size() / 2)
                                            : QByteArray("hello, I am text\n"));
        }
        const QString message = loadError(dir.path());
        QVERIFY2(message.contains("net_d.pth"), qPrintable(message));
        QVERIFY2(message.contains(reason, Qt::CaseInsensitive), qPrintable(message));
    }

    void modelJsonMustAgreeWithShapes()
    {
        QTemporaryDir dir;
        copyTinyModel(dir.path());
        QJsonObject root;
        root["name"] = "tiny";
        root["config"] = readJson(kTiny + "/fixture.json").value("config");
        QFile json(dir.path() + "/model.json");
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(QJsonDocument(root).toJson());
        json.close();
        LoadedModel loaded = loadModelFolder(dir.path().toStdString());
        QVERIFY(loaded.info.configFromJson);
        QCOMPARE(loaded.info.name, std::string("tiny"));

        QJsonObject config = root["config"].toObject();
        QJsonObject g = config["g"].toObject();
        g["dim"] = 16;
        config["g"] = g;
        root["config"] = config;
        QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
        json.write(QJsonDocument(root).toJson());
        json.close();
        const QString message = loadError(dir.path());
        QVERIFY2(message.contains("model.json") && message.contains("g.dim"), qPrintable(message));
    }

    void modelJsonRoundTrips()
    {
        HiDiffConfig config;
        config.schedule.timesteps = 4;
        ModelInfo info;
        info.name = "round trip";
        const std::string text = modelJsonText(config, info);
        ModelInfo readBack;
        const HiDiffConfig parsed = applyModelJson(text, config, "model.json", readBack);
        QCOMPARE(parsed.schedule.timesteps, 4);
        QCOMPARE(readBack.name, std::string("round trip"));
    }

    void stageOneEncoderIsRefusedAsStageTwo()
    {
        QTemporaryDir dir;
        copyTinyModel(dir.path());
        QFile::remove(dir.path() + "/net_le_dm.pth");
        QVERIFY(QFile::copy(kTiny + "/net_le.pth", dir.path() + "/net_le_dm.pth"));
        const QString message = loadError(dir.path());
        QVERIFY2(message.contains("net_le_dm.pth") && message.contains("6 channels"),
                 qPrintable(message));
    }
};

QTEST_APPLESS_MAIN(TestModelFolder)
#include "TestModelFolder.moc"
