#pragma once

#include <string>
#include <vector>

namespace unblur::restore {

/** A model a user can choose. */
struct ModelEntry
{
    std::string folder;
    std::string name; ///< model.json's "name version", else the folder's name
    bool bundled = false;
};

/** Why a folder cannot be a model; nothing set when it may be one. */
struct FolderProblem
{
    bool notAFolder = false;
    std::vector<std::string> missingFiles; ///< of net_g.pth, net_le_dm.pth, net_d.pth

    bool ok() const { return !notAFolder && missingFiles.empty(); }
    /** "DIR: not a folder", "DIR: not a HI-Diff model folder (missing: net_d.pth)". */
    std::string message(const std::string& folder) const;
};

/**
 * The one place that knows where models are: the bundled model (or UNBLUR_MODEL_DIR), an
 * explicit --model, and the folders a user added in the GUI.
 */
class ModelCatalog
{
public:
    /**
     * The default model: $UNBLUR_MODEL_DIR if set, else the installed
     * `<program>/../share/unblur/models/default` (relocatable), else the build tree's
     * `<program>/../../resources/models/default`. Empty when none exists.
     */
    static std::string bundledFolder();

    /** `explicitFolder` when given (--model), else bundledFolder(); may be empty. */
    static std::string choose(const std::string& explicitFolder);

    /** What to do when choose() found nothing. */
    static std::string noModelMessage();

    /** A quick check of a folder someone offers as a model, without loading it. */
    static FolderProblem check(const std::string& folder);

    /** model.json's "name version" (e.g. "Unblur default 1.0"), else the folder's name. */
    static std::string displayName(const std::string& folder);

    /**
     * The models to offer: the bundled one first, then `userFolders` in order; duplicates and
     * folders that fail check() are left out.
     */
    static std::vector<ModelEntry> list(const std::vector<std::string>& userFolders);
};

} // namespace unblur::restore
