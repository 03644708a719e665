#pragma once

#include "HiDiffModel.h"

#include <memory>
#include <string>
#include <vector>

namespace unblur::model {

/** What a model folder says about itself (model.json), plus what loading noticed. */
struct ModelInfo
{
    std::string folder;
    std::string name;
    std::string description;
    std::string license;
    std::string provenanceJson; ///< model.json's "provenance" object, verbatim; may be empty
    bool configFromJson = false;
    std::vector<std::string> notes; ///< e.g. "net_g.pth: using params_ema"
};

struct LoadedModel
{
    ModelInfo info;
    std::unique_ptr<HiDiffModel> model;
};

/**
 * Loads a folder holding net_g.pth, net_le_dm.pth and net_d.pth (published layout) and an
 * optional model.json. Without model.json the configuration comes from the tensor shapes;
 * a model.json that disagrees with them is an error naming the field. Throws ModelError.
 */
LoadedModel loadModelFolder(const std::string& folder);

/** The configuration from the three checkpoints' shapes alone (schedule: published default). */
HiDiffConfig inferConfig(const StateDict& netG, const StateDict& netLeDm, const StateDict& netD,
                         const std::string& folder);

/**
 * Applies model.json text over an inferred configuration; throws ModelError naming the field
 * that disagrees with the shapes. Fills `info`'s name, description, license, provenance.
 */
HiDiffConfig applyModelJson(const std::string& jsonText, const HiDiffConfig& inferred,
                            const std::string& file, ModelInfo& info);

/** model.json text for a configuration and its descriptive fields. */
std::string modelJsonText(const HiDiffConfig& config, const ModelInfo& info);

/** Writes `folder`/model.json (modelJsonText) atomically; throws std::runtime_error. */
void writeModelJson(const std::string& folder, const HiDiffConfig& config, const ModelInfo& info);

} // namespace unblur::model
