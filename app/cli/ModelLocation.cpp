#include "ModelLocation.h"

#include "restore/ModelCatalog.h"

#include <QDir>
#include <stdexcept>

using unblur::restore::ModelCatalog;
using unblur::restore::ModelSummary;
using unblur::restore::Restorer;

QCommandLineOption modelOption()
{
    return QCommandLineOption({"m", "model"},
                              "Model folder (net_g.pth, net_le_dm.pth, net_d.pth). "
                              "Default: $UNBLUR_MODEL_DIR, else the installed model.",
                              "dir");
}

QString chooseModelFolder(const QString& explicitFolder)
{
    return QString::fromStdString(ModelCatalog::choose(explicitFolder.toStdString()));
}

std::unique_ptr<Restorer> openModel(const QString& folder, QTextStream& err)
{
    std::string error;
    std::unique_ptr<Restorer> restorer = Restorer::open(folder.toStdString(), error);
    if (!restorer) {
        throw std::runtime_error(error);
    }
    const ModelSummary& model = restorer->model();
    err << "Model:  " << QString::fromStdString(model.name) << " ("
        << QDir::toNativeSeparators(folder) << "), loaded in "
        << QString::number(model.loadSeconds, 'f', 2) << " s\n";
    for (const std::string& note : model.notes) {
        err << "Note:   " << QString::fromStdString(note) << "\n";
    }
    err.flush();
    return restorer;
}
