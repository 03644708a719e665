#pragma once

#include "restore/Restorer.h"

#include <QCommandLineOption>
#include <QString>
#include <QTextStream>
#include <memory>

/**
 * What the commands that run a model add to restore::ModelCatalog (which knows where models
 * are): the --model option, and loading a folder with the report every command prints.
 */

/** The --model option (`-m DIR`), as every command that runs a model describes it. */
QCommandLineOption modelOption();

/**
 * The folder to use: --model's `explicitFolder` when given, else the catalog's bundled model;
 * empty when there is none (report restore::ModelCatalog::noModelMessage()).
 */
QString chooseModelFolder(const QString& explicitFolder);

/**
 * Loads the model folder and reports it on `err` ("Model:  name (folder), loaded in 0.12 s"
 * and any notes). Throws std::runtime_error with the reason, naming the file, when it cannot.
 */
std::unique_ptr<unblur::restore::Restorer> openModel(const QString& folder, QTextStream& err);
