#include "ModelFolder.h"

#include "CheckpointFile.h"
#include "ModelError.h"
#include "StrictLoad.h"

#include <filesystem>

namespace unblur::model {

HiDiffConfig inferConfig(const StateDict& netG, const StateDict& netLeDm, const StateDict& netD,
                         const std::string& folder)
{
    HiDiffConfig config;
    config.g = inferTransformerConfig(netG, folder + "/net_g.pth");
    config.le = inferEncoderConfig(netLeDm, folder + "/net_le_dm.pth");
    config.d = inferDenoiserConfig(netD, folder + "/net_d.pth");
    return config;
}

LoadedModel loadModelFolder(const std::string& folder)
{
    namespace fs = std::filesystem;
    if (!fs::is_directory(folder)) {
        throw ModelError(folder + ": not a model folder (no such directory)");
    }
    LoadedModel loaded;
    loaded.info.folder = folder;
    loaded.info.card.name = folderName(folder);

    auto read = [&](const char* name) {
        const std::string path = (fs::path(folder) / name).string();
        if (!fs::exists(path)) {
            throw ModelError(path + ": missing; a model folder holds net_g.pth, net_le_dm.pth "
                                    "and net_d.pth");
        }
        Checkpoint checkpoint = readCheckpoint(path);
        if (checkpoint.entry != "params") {
            loaded.info.notes.push_back(std::string(name) + ": using " + checkpoint.entry);
        }
        return std::make_pair(path, std::move(checkpoint.params));
    };
    const auto [gPath, netG] = read("net_g.pth");
    const auto [lePath, netLeDm] = read("net_le_dm.pth");
    const auto [dPath, netD] = read("net_d.pth");

    HiDiffConfig config = inferConfig(netG, netLeDm, netD, folder);
    if (config.le.inChannels != 3) {
        throw ModelError(lePath + ": the encoder takes " + std::to_string(config.le.inChannels) +
                         " channels, not 3 (is this the stage-1 net_le.pth?)");
    }
    const fs::path jsonPath = fs::path(folder) / "model.json";
    if (fs::exists(jsonPath)) {
        config =
            applyModelJson(readTextFile(jsonPath.string()), config, jsonPath.string(), loaded.info);
        loaded.info.configFromJson = true;
    }
    loaded.info.card.config = config;
    try {
        config.validate();
    } catch (const ModelError& error) {
        throw ModelError(folder + ": " + error.what());
    }

    loaded.model = std::make_unique<HiDiffModel>(config);
    loadStrict(*loaded.model->transformer(), netG, gPath);
    loadStrict(*loaded.model->encoder(), netLeDm, lePath);
    loadStrict(*loaded.model->denoiser(), netD, dPath);
    return loaded;
}

} // namespace unblur::model
