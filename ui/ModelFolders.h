#pragma once

#include <QString>

namespace unblur::ui {

/** Where the application finds models, and a quick check of a folder a user adds. */
class ModelFolders
{
public:
    /**
     * $UNBLUR_MODEL_DIR if set, else `<exe>/../share/unblur/models/default` (installed),
     * else `<exe>/../../resources/models/default` (build tree). Empty when none exists.
     */
    static QString bundled();

    /** Why `folder` cannot be a model (missing checkpoint files), or empty when it may be. */
    static QString problem(const QString& folder);

    /** For the menu: model.json's "name" and "version" if readable, else the folder's name. */
    static QString displayName(const QString& folder);
};

} // namespace unblur::ui
