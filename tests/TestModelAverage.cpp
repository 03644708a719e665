// unblur-train average and half: the weighted mean of model folders, and a float16 copy,
// checked tensor by tensor.
#include "model/CheckpointFile.h"
#include "model/ModelFolder.h"
#include "train/ModelAverage.h"
#include "train/TrainingNets.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <stdexcept>
#include <torch/torch.h>

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
        // Two runs from a shared start: their lineages overlap in that start.
        const auto card = [](const char* run, double seconds) {
            model::ModelCard c;
            c.name = "tiny";
            c.version = "0.9";
            c.config = tinyConfig();
            c.evaluation = {{"Levin aligned", "PSNR dB", 23.0, 24.0, 1.0}};
            c.data = {{"sharp", "photos", "CC0"}};
            c.lineage = {{"start", {}, {}, "train --photos <sharp>", 10, 5, "Xeon", ""},
                         {run, {"start"}, {}, "train --init <start>", 20, seconds, "H200", ""}};
            return c;
        };
        model::writeModelCard(a, card("left", 7));
        model::writeModelCard(b, card("right", 9));
        averageModelFolders({{a, 3}, {b, 1}}, out, "", "1.0");
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
        // The soup is a model folder the app loads; its card says how it was made: the union
        // of the inputs' lineage, the shared start once, then the average and its weights.
        const model::LoadedModel loaded = model::loadModelFolder(out);
        const model::ModelCard& soup = loaded.info.card;
        QCOMPARE(soup.displayName(), std::string("tiny 1.0"));
        QVERIFY(soup.evaluation.empty()); // the inputs' figures are not the soup's
        QCOMPARE(soup.data.size(), size_t(1));
        std::vector<std::string> runs;
        for (const model::LineageEntry& entry : soup.lineage) {
            runs.push_back(entry.run);
        }
        QCOMPARE(runs, (std::vector<std::string>{"start", "left", "right", "soup"}));
        const model::LineageEntry& last = soup.lineage.back();
        QCOMPARE(last.parents, (std::vector<std::string>{"left", "right"}));
        QCOMPARE(last.weights, (std::vector<double>{0.75, 0.25}));
        QCOMPARE(last.command, std::string("average"));
        QVERIFY(!QFile::exists(QString::fromStdString(out + "/model.json.partial")));

        // Inputs without a card still average; the folder names stand in for their runs.
        const std::string c = writeModel(dir, "c", 3), d = writeModel(dir, "d", 4);
        averageModelFolders({{c, 1}, {d, 1}}, dir.filePath("plain").toStdString(), "soup-cd");
        const model::ModelCard plain = model::readModelCard(dir.filePath("plain").toStdString());
        QCOMPARE(plain.lastRun(), std::string("soup-cd"));
        QCOMPARE(plain.lineage.back().parents, (std::vector<std::string>{"c", "d"}));
    }

    void mismatchedModelsAreRefused()
    {
        QTemporaryDir dir;
        model::HiDiffConfig wider = tinyConfig();
        wider.g.dim = 16;
        const std::string a = writeModel(dir, "a", 1), w = writeModel(dir, "wide", 2, wider);
        const std::string out = dir.filePath("soup").toStdString();
        try {
            averageModelFolders({{a, 1}, {w, 1}}, out);
            QFAIL("models of different shapes were averaged");
        } catch (const std::runtime_error& e) {
            QVERIFY2(QString(e.what()).contains("wide"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, averageModelFolders({{a, 1}}, out));
    }

    void halfCopyHoldsTheFloat16Weights()
    {
        QTemporaryDir dir;
        const std::string a = writeModel(dir, "a", 3);
        model::ModelCard card;
        card.name = "tiny";
        card.config = tinyConfig();
        card.evaluation = {{"Levin aligned", "PSNR dB", 23.0, 24.0, 1.0}};
        card.lineage = {{"run5", {}, {}, "train --photos <sharp>", 5, 3, "Xeon", ""}};
        model::writeModelCard(a, card);
        const std::string out = dir.filePath("half").toStdString();
        writeHalfPrecisionCopy(a, out);
        for (const char* file : {"net_g.pth", "net_le_dm.pth", "net_d.pth", "net_le.pth"}) {
            const model::StateDict original = read(a, file), copy = read(out, file);
            QCOMPARE(copy.size(), original.size());
            bool rounded = false;
            for (size_t i = 0; i < copy.size(); ++i) {
                QCOMPARE(copy[i].first, original[i].first);
                QCOMPARE(copy[i].second.scalar_type(), torch::kFloat);
                const torch::Tensor expected =
                    original[i].second.to(torch::kHalf).to(torch::kFloat);
                QVERIFY2(copy[i].second.equal(expected), copy[i].first.c_str());
                rounded = rounded || !copy[i].second.equal(original[i].second);
            }
            QVERIFY(rounded); // really stored at lower precision
            const auto size = [](const std::string& f) { return QFile(f.c_str()).size(); };
            const std::string name = std::string("/") + file;
            // Half the tensor bytes; the zip's fixed overhead keeps small files above half.
            QVERIFY(size(out + name) < size(a + name) * 0.75);
        }
        const model::LoadedModel loaded = model::loadModelFolder(out);
        QCOMPARE(loaded.model->config().g.dim, tinyConfig().g.dim);
        // The source's card, its last run noting how the copy is stored.
        const model::ModelCard& copy = loaded.info.card;
        QCOMPARE(copy.name, std::string("tiny"));
        QCOMPARE(copy.evaluation.size(), size_t(1));
        QCOMPARE(copy.lineage.size(), size_t(1));
        QCOMPARE(copy.lineage[0].steps, int64_t(5));
        QVERIFY2(copy.lineage[0].note.find("float16") != std::string::npos,
                 copy.lineage[0].note.c_str());
        // The copy never replaces its source.
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeHalfPrecisionCopy(a, a));
        const model::StateDict source = read(a, "net_g.pth");
        QVERIFY(source[0].second.scalar_type() == torch::kFloat &&
                !source[0].second.equal(read(out, "net_g.pth")[0].second));
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
