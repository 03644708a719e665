#pragma once

#include "DeblurTypes.h"
#include "batch/BatchPipeline.h"
#include "batch/BatchReport.h"

#include <QMetaType>
#include <QString>
#include <variant>

namespace unblur::ui {

// What the model host tells the windows, one type per event, in one stream (ModelHost::event).

struct ModelLoaded
{
    QString folder;
    QString name; ///< "Unblur default 1.0"
};
struct ModelFailed
{
    QString folder;
    QString reason;
};
/** A deblur or preview started (the host is busy until it ends). */
struct DeblurStarted
{
};
struct DeblurProgressed
{
    DeblurProgress progress;
};
struct DeblurFinished
{
    DeblurOutcome outcome;
};
struct DeblurCancelled
{
};
struct DeblurFailed
{
    QString reason;
};
/** The photos of a batch run, in order: rows of the queue. */
struct BatchPlanned
{
    batch::BatchReport plan;
};
struct BatchItemChanged
{
    int index = -1;
    batch::BatchItem item;
};
struct BatchProgressed
{
    batch::BatchProgress progress;
};
/** The batch ended (done, or cancelled): every photo's final state. */
struct BatchFinished
{
    batch::BatchReport report;
};
/** The batch could not start: the model did not load, or the options are unusable. */
struct BatchFailed
{
    QString reason;
};

using HostEvent = std::variant<ModelLoaded, ModelFailed, DeblurStarted, DeblurProgressed,
                               DeblurFinished, DeblurCancelled, DeblurFailed, BatchPlanned,
                               BatchItemChanged, BatchProgressed, BatchFinished, BatchFailed>;

} // namespace unblur::ui

Q_DECLARE_METATYPE(unblur::ui::HostEvent)
