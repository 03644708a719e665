#pragma once

#include "engine/Engine.h"

#include <QCommandLineOption>
#include <QString>
#include <QTextStream>
#include <memory>

/**
 * Where the commands that run a model find it, and how they load it: one place, so that
 * `deblur` and `eval` agree on the default folder and report the model the same way.
 */

/** The --model option (`-m DIR`), as every command that runs a model describes it. */
QCommandLineOption modelOption();

/**
 * The model folder used without --model: $UNBLUR_MODEL_DIR if set, else the installed
 * `<exe>/../share/unblur/models/default`, else the build tree's
 * `<exe>/../../resources/models/default`. Empty when none of them exists.
 */
QString defaultModelFolder();

/** `explicitFolder` when given (--model), else defaultModelFolder(); may be empty. */
QString chooseModelFolder(const QString& explicitFolder);

/** The error for an empty chooseModelFolder(): what to pass instead. */
QString noModelFolderMessage();

/**
 * Loads the model folder into an engine and reports it on `err` ("Model:  name (folder),
 * loaded in 0.12 s" and any notes); the name goes to `name` when given (model.json's, else
 * the folder's). Throws model::ModelError.
 */
std::unique_ptr<unblur::engine::Engine> openModel(const QString& folder, QTextStream& err,
                                                  QString* name = nullptr);
