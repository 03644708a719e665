#include "ModelCatalog.h"

#include "model/ModelCard.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace unblur::restore {

namespace {

/** The folder of the running program (Linux: /proc/self/exe), or empty. */
fs::path programFolder()
{
    std::error_code error;
    const fs::path program = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : program.parent_path();
}

/** `folder` for comparing: normalised, without a trailing separator. */
fs::path comparable(const std::string& folder)
{
    fs::path path = fs::path(folder).lexically_normal();
    return path.has_filename() ? path : path.parent_path();
}

bool isFolder(const std::string& path)
{
    std::error_code error;
    return fs::is_directory(path, error);
}

} // namespace

std::string FolderProblem::message(const std::string& folder) const
{
    if (notAFolder) {
        return folder + ": not a folder";
    }
    std::string files;
    for (const std::string& file : missingFiles) {
        files += (files.empty() ? "" : ", ") + file;
    }
    return folder + ": not a HI-Diff model folder (missing: " + files + ")";
}

std::string ModelCatalog::bundledFolder()
{
    const char* fromEnvironment = std::getenv("UNBLUR_MODEL_DIR");
    if (fromEnvironment != nullptr && *fromEnvironment != '\0') {
        return fromEnvironment;
    }
    const fs::path program = programFolder();
    if (program.empty()) {
        return {};
    }
    for (const char* relative :
         {"../share/unblur/models/default", "../../resources/models/default"}) {
        const fs::path candidate = (program / relative).lexically_normal();
        if (isFolder(candidate.string())) {
            return candidate.string();
        }
    }
    return {};
}

std::string ModelCatalog::choose(const std::string& explicitFolder)
{
    return explicitFolder.empty() ? bundledFolder() : explicitFolder;
}

std::string ModelCatalog::noModelMessage()
{
    return "no model folder found next to the program; pass --model DIR or set "
           "UNBLUR_MODEL_DIR";
}

FolderProblem ModelCatalog::check(const std::string& folder)
{
    FolderProblem problem;
    if (!isFolder(folder)) {
        problem.notAFolder = true;
        return problem;
    }
    for (const char* file : {"net_g.pth", "net_le_dm.pth", "net_d.pth"}) {
        std::error_code error;
        if (!fs::is_regular_file(fs::path(folder) / file, error)) {
            problem.missingFiles.emplace_back(file);
        }
    }
    return problem;
}

std::string ModelCatalog::displayName(const std::string& folder)
{
    try {
        return model::readModelCard(folder).displayName();
    } catch (const std::exception&) {
        return model::folderName(folder);
    }
}

std::vector<ModelEntry> ModelCatalog::list(const std::vector<std::string>& userFolders)
{
    std::vector<ModelEntry> entries;
    auto known = [&entries](const std::string& folder) {
        for (const ModelEntry& entry : entries) {
            if (comparable(entry.folder) == comparable(folder)) {
                return true;
            }
        }
        return false;
    };
    const std::string bundled = bundledFolder();
    if (!bundled.empty()) {
        entries.push_back({bundled, displayName(bundled), true});
    }
    for (const std::string& folder : userFolders) {
        if (!folder.empty() && !known(folder) && check(folder).ok()) {
            entries.push_back({folder, displayName(folder), false});
        }
    }
    return entries;
}

} // namespace unblur::restore
