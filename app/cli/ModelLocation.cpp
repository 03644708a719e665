#include "ModelLocation.h"

#include "io/BundledModel.h"
#include "model/ModelFolder.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>

QCommandLineOption modelOption()
{
    return QCommandLineOption({"m", "model"},
                              "Model folder (net_g.pth, net_le_dm.pth, net_d.pth). "
                              "Default: $UNBLUR_MODEL_DIR, else the installed model.",
                              "dir");
}

QString defaultModelFolder()
{
    return unblur::io::bundledModelFolder();
}

QString chooseModelFolder(const QString& explicitFolder)
{
    return explicitFolder.isEmpty() ? defaultModelFolder() : explicitFolder;
}

QString noModelFolderMessage()
{
    return QStringLiteral("no model folder found next to the program; pass --model DIR or set "
                          "UNBLUR_MODEL_DIR");
}

std::unique_ptr<unblur::engine::Engine> openModel(const QString& folder, QTextStream& err,
                                                  QString* modelName)
{
    QElapsedTimer timer;
    timer.start();
    unblur::model::LoadedModel loaded = unblur::model::loadModelFolder(folder.toStdString());
    const QString name = QString::fromStdString(loaded.info.displayName());
    err << "Model:  " << name << " (" << QDir::toNativeSeparators(folder) << "), loaded in "
        << QString::number(timer.elapsed() / 1000.0, 'f', 2) << " s\n";
    for (const std::string& note : loaded.info.notes) {
        err << "Note:   " << QString::fromStdString(note) << "\n";
    }
    err.flush();
    if (modelName != nullptr) {
        *modelName = name;
    }
    return std::make_unique<unblur::engine::Engine>(std::move(loaded.model));
}
