#pragma once

#include "HiDiffModel.h"
#include "ModelCard.h"

#include <memory>
#include <string>
#include <vector>

namespace unblur::model {

/** What a model folder says about itself (model.json), plus what loading noticed. */
struct ModelInfo
{
    std::string folder;
    ModelCard card; ///< named after the folder when model.json gives no name
    bool configFromJson = false;
    std::vector<std::string> notes; ///< e.g. "net_g.pth: using params_ema"

    /** What people see: "Unblur default 1.0". */
    std::string displayName() const { return card.displayName(); }
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
 * that disagrees with the shapes. Fills `info.card` (parseModelCard) and its config; keeps
 * the card's name when the text has none.
 */
HiDiffConfig applyModelJson(const std::string& jsonText, const HiDiffConfig& inferred,
                            const std::string& file, ModelInfo& info);

} // namespace unblur::model
