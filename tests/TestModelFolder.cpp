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
        QCOMPARE(loaded.info.card.name, std::string("tiny"));

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

    void modelCardRoundTrips()
    {
        ModelCard card;
        card.name = "Unblur test";
        card.version = "2.1";
        card.description = "For tests.";
        card.license = "GPL-3.0-or-later";
        card.config.schedule.timesteps = 4;
        card.config.g.numBlocks = {1, 2, 3, 4};
        card.evaluation = {{"Levin aligned", "PSNR dB", 23.29, 24.8, 1.51},
                           {"12 MP photo", "seconds", std::nullopt, 48.3, std::nullopt}};
        card.data = {{"sharp", "Kodak 24", "unrestricted"}};
        card.lineage = {
            {"cpu1", {}, {}, "train --photos <sharp>", 3549, 5230, "Xeon, 2 threads", ""},
            {"soup", {"cpu1", "gpu2"}, {0.25, 0.75}, "average", 0, 0, "", "a note"}};
        const std::string text = modelCardText(card);
        const ModelCard back = parseModelCard(text, "model.json");
        QCOMPARE(back.displayName(), std::string("Unblur test 2.1"));
        QCOMPARE(back.description, card.description);
        QCOMPARE(back.license, card.license);
        QCOMPARE(back.evaluation.size(), size_t(2));
        QCOMPARE(*back.evaluation[0].input, 23.29);
        QCOMPARE(*back.evaluation[0].gain, 1.51);
        QVERIFY(!back.evaluation[1].input && !back.evaluation[1].gain);
        QCOMPARE(back.evaluation[1].output, 48.3);
        QCOMPARE(back.data.size(), size_t(1));
        QCOMPARE(back.data[0].licence, std::string("unrestricted"));
        QCOMPARE(back.lineage.size(), size_t(2));
        QCOMPARE(back.lineage[0].steps, int64_t(3549));
        QCOMPARE(back.lineage[0].hardware, std::string("Xeon, 2 threads"));
        QCOMPARE(back.lineage[1].parents, (std::vector<std::string>{"cpu1", "gpu2"}));
        QCOMPARE(back.lineage[1].weights, (std::vector<double>{0.25, 0.75}));
        QCOMPARE(back.lineage[1].note, std::string("a note"));
        QCOMPARE(back.lastRun(), std::string("soup"));
        ModelCard again = back;
        again.config = card.config;           // parseModelCard leaves the config to applyModelJson
        QCOMPARE(modelCardText(again), text); // stable

        // The config under the published names, checked against the shapes on loading.
        ModelInfo info;
        const HiDiffConfig parsed = applyModelJson(text, card.config, "model.json", info);
        QCOMPARE(parsed.schedule.timesteps, 4);
        QCOMPARE(info.displayName(), std::string("Unblur test 2.1"));
        const QJsonObject root = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
        QCOMPARE(root["config"]["g"]["num_blocks"].toArray().size(), 4);
        QCOMPARE(root["config"]["schedule"]["timesteps"].toInt(), 4);
        QVERIFY(!root.contains("provenance"));
    }

    void cardWriterRewritesAbsolutePaths()
    {
        QCOMPARE(withoutAbsolutePaths("train --photos /work/shared/data/sharp --pairs ~/gopro/ x"),
                 std::string("train --photos <sharp> --pairs <gopro> x"));
        QCOMPARE(withoutAbsolutePaths("--init=/a/run3,C:\\photos\\set"),
                 std::string("--init=<run3>,<set>"));
        // Not paths: fractions, "and/or", URLs, placeholders.
        const std::string plain = "1/2 of and/or https://example.org <sharp> 1-3-8-20";
        QCOMPARE(withoutAbsolutePaths(plain), plain);

        ModelCard card;
        card.name = "x";
        card.description = "trained on /home/me/photos";
        card.data = {{"/srv/data/sharp", "/srv/data/sharp", ""}};
        card.lineage = {{"run",
                         {"/tmp/parent"},
                         {},
                         "train --photos /srv/data/sharp",
                         1,
                         1,
                         "Xeon",
                         "copied from /tmp/x"}};
        const std::string text = modelCardText(card);
        QVERIFY2(text.find(":/") == std::string::npos && text.find("\"/") == std::string::npos &&
                     text.find(" /") == std::string::npos,
                 text.c_str());
        QVERIFY2(text.find("--photos <sharp>") != std::string::npos, text.c_str());
        QCOMPARE(parseModelCard(text, "m").lineage[0].parents[0], std::string("<parent>"));
    }

    void legacyModelJsonLoads()
    {
        // The shape of model.json before model cards: a nested provenance with absolute paths.
        QTemporaryDir dir;
        copyTinyModel(dir.path());
        QJsonObject training{{"steps", 4200}, {"seconds", 4684}, {"seed", 20261207}};
        QJsonObject first{{"command", "unblur-train --photos /work/shared/data/sharp --out "
                                      "/work/train/run19"},
                          {"hardware", "Intel(R) Xeon(R) Processor, 2 threads"},
                          {"training", training}};
        QJsonObject soup{
            {"trainer", "unblur-train average"},
            {"command", "unblur-train average --out /work/train/soup20"},
            {"averaged",
             QJsonArray{
                 QJsonObject{{"folder", "CPU run 19"}, {"weight", 0.5}, {"provenance", first}},
                 QJsonObject{{"folder", "CPU run 20"}, {"weight", 0.5}, {"provenance", first}}}}};
        QJsonObject provenance{
            {"trainer", "unblur-train"},
            {"command", "unblur-train --init /work/train/soup20 --out /work/train/run29"},
            {"training", training},
            {"initialised_from", soup},
            {"data_licences", QJsonObject{{"kodak24 (24 photos)", "unrestricted usage"}}},
            {"evaluation",
             QJsonObject{{"levin2009_aligned_6px",
                          QJsonObject{{"input_psnr", 23.29}, {"output_psnr", 24.8}}}}},
            {"storage", QJsonObject{{"precision", "float16"}}}};
        QJsonObject root{{"name", "Unblur small (GPU-trained, CPU fine-tunes)"},
                         {"description", "Small HI-Diff model trained by unblur-train..."},
                         {"license", "GPL-3.0-or-later"},
                         {"config", readJson(kTiny + "/fixture.json").value("config")},
                         {"provenance", provenance}};
        QFile json(dir.path() + "/model.json");
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(QJsonDocument(root).toJson());
        json.close();

        const LoadedModel loaded = loadModelFolder(dir.path().toStdString());
        QVERIFY(loaded.info.configFromJson);
        QCOMPARE(loaded.info.displayName(),
                 std::string("Unblur small (GPU-trained, CPU fine-tunes)"));
        QCOMPARE(loaded.info.card.license, std::string("GPL-3.0-or-later"));
        QVERIFY(loaded.info.card.lineage.empty());
        QVERIFY(loaded.info.card.legacyProvenance.find("run29") != std::string::npos);
        QCOMPARE(readModelCard(dir.path().toStdString()).name, loaded.info.card.name);

        // Written again, it is a card: the legacy provenance (and its paths) stay behind.
        writeModelCard(dir.path().toStdString(), loaded.info.card);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QByteArray rewritten = json.readAll();
        QVERIFY(!rewritten.contains("provenance") && !rewritten.contains("/work/"));
        QVERIFY(loadModelFolder(dir.path().toStdString()).info.configFromJson);
    }

    void nameDefaultsToTheFolder()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("my-model"));
        copyTinyModel(dir.path() + "/my-model");
        const LoadedModel loaded = loadModelFolder((dir.path() + "/my-model/").toStdString());
        QCOMPARE(loaded.info.displayName(), std::string("my-model"));
        QCOMPARE(folderName("/a/b/run29/"), std::string("run29"));
        QCOMPARE(uniqueRunId({lineageStart("run"), lineageStart("run-2")}, "run"),
                 std::string("run-3"));
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
