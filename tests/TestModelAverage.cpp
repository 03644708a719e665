// unblur-train average: the weighted mean of model folders, checked tensor by tensor.
#include "model/CheckpointFile.h"
#include "model/ModelFolder.h"
#include "train/ModelAverage.h"
#include "train/TrainingNets.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <torch/torch.h>

#include <stdexcept>

using namespace unblur;
using namespace unblur::train;

namespace {

model::HiDiffConfig tinyConfig()
{
    model::HiDiffConfig config;
    config.g.dim = 8;
    config.g.numBlocks = {1, 1, 1, 1};
    config.g.embedDim = config.le.embedDim = 8;
    config.le.blockNum = 1;
    config.d.inChannel = config.d.outChannel = 32;
    config.d.innerChannel = 16;
    return config;
}

/** A model folder of freshly initialised networks, different for each seed. */
std::string writeModel(const QTemporaryDir& dir, const char* name, uint64_t seed,
                       const model::HiDiffConfig& config = tinyConfig())
{
    torch::manual_seed(seed);
    const std::string folder = dir.filePath(name).toStdString();
    std::filesystem::create_directories(folder);
    TrainingNets(config).writeCheckpoints(folder);
    return folder;
}

model::StateDict read(const std::string& folder, const char* file)
{
    return model::readCheckpoint(folder + "/" + file).params;
}

} // namespace

class TestModelAverage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void averageIsTheWeightedMean()
    {
        QTemporaryDir dir;
        const std::string a = writeModel(dir, "a", 1), b = writeModel(dir, "b", 2);
        const std::string out = dir.filePath("soup").toStdString();
        averageModelFolders({{a, 3}, {b, 1}}, out, "unblur-train average --model a=3 --model b");
        for (const char* file : {"net_g.pth", "net_le_dm.pth", "net_d.pth", "net_le.pth"}) {
            const model::StateDict pa = read(a, file), pb = read(b, file), soup = read(out, file);
            QCOMPARE(soup.size(), pa.size());
            int differing = 0;
            for (size_t i = 0; i < soup.size(); ++i) {
                QCOMPARE(soup[i].first, pa[i].first);
                const torch::Tensor expected = 0.75 * pa[i].second + 0.25 * pb[i].second;
                QVERIFY(torch::allclose(soup[i].second, expected, 1e-6, 1e-7));
                differing += pa[i].second.equal(pb[i].second) ? 0 : 1;
            }
            QVERIFY(differing > 0); // the two inputs really differ
        }
        // The soup is a model folder the app loads; its provenance says how it was made.
        const model::LoadedModel loaded = model::loadModelFolder(out);
        QVERIFY(loaded.info.provenanceJson.find("\"unblur-train average\"") != std::string::npos);
        QVERIFY(loaded.info.provenanceJson.find("\"weight\": 0.75") != std::string::npos);
        QVERIFY(!QFile::exists(QString::fromStdString(out + "/model.json.partial")));
    }

    void mismatchedModelsAreRefused()
    {
        QTemporaryDir dir;
        model::HiDiffConfig wider = tinyConfig();
        wider.g.dim = 16;
        const std::string a = writeModel(dir, "a", 1), w = writeModel(dir, "wide", 2, wider);
        const std::string out = dir.filePath("soup").toStdString();
        try {
            averageModelFolders({{a, 1}, {w, 1}}, out, "average");
            QFAIL("models of different shapes were averaged");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("wide"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, averageModelFolders({{a, 1}}, out, "x"));
    }

    void weightedModelParses()
    {
        QCOMPARE(parseWeightedModel("runs/a").folder, std::string("runs/a"));
        QCOMPARE(parseWeightedModel("runs/a").weight, 1.0);
        const WeightedModel m = parseWeightedModel("runs/b=0.25");
        QCOMPARE(m.folder, std::string("runs/b"));
        QCOMPARE(m.weight, 0.25);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseWeightedModel("runs/c=-1"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseWeightedModel("runs/c=half"));
    }
};

QTEST_GUILESS_MAIN(TestModelAverage)
#include "TestModelAverage.moc"
