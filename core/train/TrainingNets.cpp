#include "TrainingNets.h"

#include "model/CheckpointFile.h"
#include "model/StrictLoad.h"
#include "train/GrowingLoad.h"

#include <filesystem>

namespace unblur::train {

namespace fs = std::filesystem;

model::EncoderConfig stageOneEncoderConfig(const model::HiDiffConfig& config)
{
    model::EncoderConfig le = config.le;
    le.inChannels = 6;
    return le;
}

TrainingNets::TrainingNets(const model::HiDiffConfig& config)
    : model(config), netLe(stageOneEncoderConfig(config))
{
}

void TrainingNets::to(const torch::Device& device)
{
    model.to(device);
    netLe->to(device);
}

std::vector<torch::nn::Module*> TrainingNets::modules()
{
    return {model.transformer().get(), model.encoder().get(), model.denoiser().get(), netLe.get()};
}

void TrainingNets::writeCheckpoints(const std::string& folder) const
{
    const fs::path dir(folder);
    model::writeCheckpoint((dir / "net_g.pth").string(), model::stateDictOf(*model.transformer()));
    model::writeCheckpoint((dir / "net_le_dm.pth").string(), model::stateDictOf(*model.encoder()));
    model::writeCheckpoint((dir / "net_d.pth").string(), model::stateDictOf(*model.denoiser()));
    model::writeCheckpoint((dir / "net_le.pth").string(), model::stateDictOf(*netLe));
}

bool TrainingNets::readCheckpoints(const std::string& folder, std::vector<std::string>* grown)
{
    const fs::path dir(folder);
    const auto load = [&](torch::nn::Module& module, const char* name) {
        const std::string path = (dir / name).string();
        torch::NoGradGuard noGrad;
        model::loadStrict(module, model::readCheckpoint(path).params, path);
    };
    if (grown) {
        const std::string path = (dir / "net_g.pth").string();
        *grown = loadGrowing(*model.transformer(), model::readCheckpoint(path).params, path);
    } else {
        load(*model.transformer(), "net_g.pth");
    }
    load(*model.encoder(), "net_le_dm.pth");
    load(*model.denoiser(), "net_d.pth");
    if (!fs::exists(dir / "net_le.pth")) {
        return false;
    }
    load(*netLe, "net_le.pth");
    return true;
}

} // namespace unblur::train
