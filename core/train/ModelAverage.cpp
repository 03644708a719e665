#include "ModelAverage.h"

#include "model/CheckpointFile.h"
#include "model/ModelFolder.h"

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <torch/torch.h>

namespace unblur::train {
namespace fs = std::filesystem;

namespace {

/** The checkpoint files a model folder holds; net_le.pth (stage 1) only where all have it. */
const char* const kRequired[] = {"net_g.pth", "net_le_dm.pth", "net_d.pth"};
const char* const kOptional = "net_le.pth";

model::StateDict averageFile(const std::vector<WeightedModel>& inputs, double total,
                             const std::string& name)
{
    model::StateDict sum;
    for (size_t i = 0; i < inputs.size(); ++i) {
        const std::string path = (fs::path(inputs[i].folder) / name).string();
        const model::StateDict params = model::readCheckpoint(path).params;
        const double w = inputs[i].weight / total;
        if (i == 0) {
            for (const auto& [key, tensor] : params) {
                sum.emplace_back(key, tensor.to(torch::kDouble) * w);
            }
            continue;
        }
        if (params.size() != sum.size()) {
            throw std::runtime_error(path + ": " + std::to_string(params.size()) +
                                     " tensors, but " + inputs[0].folder + " has " +
                                     std::to_string(sum.size()));
        }
        for (size_t k = 0; k < params.size(); ++k) {
            const auto& [key, tensor] = params[k];
            if (key != sum[k].first || !tensor.sizes().equals(sum[k].second.sizes())) {
                throw std::runtime_error(path + ": '" + key + "' does not match '" + sum[k].first +
                                         "' of " + inputs[0].folder + " (key or shape)");
            }
            sum[k].second += tensor.to(torch::kDouble) * w;
        }
    }
    for (auto& entry : sum) {
        entry.second = entry.second.to(torch::kFloat);
    }
    return sum;
}

} // namespace

WeightedModel parseWeightedModel(const std::string& text)
{
    const size_t equals = text.rfind('=');
    if (equals == std::string::npos) {
        return {text, 1.0};
    }
    WeightedModel m{text.substr(0, equals), 0};
    std::istringstream in(text.substr(equals + 1));
    if (m.folder.empty() || !(in >> m.weight) || !in.eof() || !(m.weight > 0)) {
        throw std::invalid_argument("'" + text + "' is not MODEL_DIR or MODEL_DIR=WEIGHT (> 0)");
    }
    return m;
}

void averageModelFolders(const std::vector<WeightedModel>& inputs, const std::string& out,
                         const std::string& runId, const std::string& version)
{
    if (inputs.size() < 2) {
        throw std::runtime_error("averaging needs at least two model folders");
    }
    double total = 0;
    for (const WeightedModel& m : inputs) {
        total += m.weight;
    }
    // Loading checks each input is a complete, consistent model folder; the first gives the
    // configuration, name and licence.
    std::vector<model::ModelCard> cards;
    for (const WeightedModel& m : inputs) {
        cards.push_back(model::loadModelFolder(m.folder).info.card);
    }
    bool withStage1 = true;
    for (const WeightedModel& m : inputs) {
        withStage1 = withStage1 && fs::exists(fs::path(m.folder) / kOptional);
    }

    std::vector<std::pair<std::string, model::StateDict>> files;
    for (const char* name : kRequired) {
        files.emplace_back(name, averageFile(inputs, total, name));
    }
    if (withStage1) {
        files.emplace_back(kOptional, averageFile(inputs, total, kOptional));
    }

    fs::create_directories(out);
    for (const auto& [name, params] : files) {
        model::writeCheckpoint((fs::path(out) / name).string(), params);
    }
    model::ModelCard card = cards.front();
    card.version = version;
    card.evaluation.clear(); // measured on other weights
    card.lineage.clear();
    model::LineageEntry entry;
    entry.command = "average";
    for (size_t i = 0; i < inputs.size(); ++i) {
        model::mergeLineage(card.lineage, cards[i].lineage);
        model::mergeData(card.data, cards[i].data);
        const std::string parent =
            cards[i].lineage.empty() ? model::folderName(inputs[i].folder) : cards[i].lastRun();
        if (cards[i].lineage.empty()) {
            card.lineage.push_back(model::lineageStart(parent));
        }
        entry.parents.push_back(parent);
        entry.weights.push_back(inputs[i].weight / total);
    }
    entry.run = model::uniqueRunId(card.lineage, runId.empty() ? model::folderName(out) : runId);
    card.lineage.push_back(entry);
    model::writeModelCard(out, card);
}

void writeHalfPrecisionCopy(const std::string& in, const std::string& out)
{
    const model::LoadedModel loaded = model::loadModelFolder(in); // checks the folder whole
    if (fs::exists(out) && fs::equivalent(in, out)) {
        throw std::runtime_error(out + ": the copy needs a folder other than its source");
    }
    std::vector<std::string> names(std::begin(kRequired), std::end(kRequired));
    if (fs::exists(fs::path(in) / kOptional)) {
        names.emplace_back(kOptional);
    }
    fs::create_directories(out);
    for (const std::string& name : names) {
        model::writeCheckpoint((fs::path(out) / name).string(),
                               model::readCheckpoint((fs::path(in) / name).string()).params,
                               model::StoredPrecision::Float16);
    }
    model::ModelCard card = loaded.info.card;
    if (card.lineage.empty()) {
        card.lineage.push_back(model::lineageStart(model::folderName(in)));
    }
    std::string& note = card.lineage.back().note;
    const std::string storage = "stored as float16 (unblur-train half)";
    if (note.find(storage) == std::string::npos) {
        note += (note.empty() ? "" : "; ") + storage;
    }
    model::writeModelCard(out, card);
}

} // namespace unblur::train
