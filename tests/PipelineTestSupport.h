// Restore functions and disk figures for the batch pipeline tests (header only).
#pragma once

#include "batch/BatchPipeline.h"
#include "restore/Restorer.h"

#include <QFile>
#include <QString>
#include <functional>
#include <sys/statvfs.h>
#include <utility>

namespace batchtest {

/** A restore that returns the photo as it is, after `before` (when set). */
inline unblur::batch::RestoreFunction identityRestore(std::function<void()> before = {})
{
    return [before = std::move(before)](
               const unblur::io::FloatImage& image, const unblur::restore::RestoreOptions&,
               const unblur::restore::RestoreObserver&, const unblur::restore::CancelToken*) {
        if (before) {
            before();
        }
        unblur::restore::RestoreResult result;
        result.image = image;
        return result;
    };
}

/** A batch of `input` (recursive) into `output` as the tiny test model on the CPU names it. */
inline unblur::batch::BatchOptions tinyBatchOptions(const QString& input, const QString& output)
{
    unblur::batch::BatchOptions o;
    o.inputs = {input};
    o.outputFolder = output;
    o.recursive = true;
    o.modelName = QStringLiteral("hidiff-tiny");
    o.provenance.appVersion = "0.0.1";
    o.restore.engine.device = "cpu";
    return o;
}

/** Bytes free to this process in the file system of `path`; -1 when unknown. */
inline qint64 freeBytes(const QString& path)
{
    struct statvfs info = {};
    if (::statvfs(QFile::encodeName(path).constData(), &info) != 0) {
        return -1;
    }
    return qint64(info.f_bavail) * qint64(info.f_frsize);
}

} // namespace batchtest
