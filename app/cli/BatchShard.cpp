#include "BatchShard.h"

#include "batch/BatchOptions.h"

namespace {

/** The variable `name` as a whole number; false when unset or not a number. */
bool number(const QProcessEnvironment& environment, const char* name, int& value)
{
    const QString text = environment.value(QLatin1String(name));
    bool ok = false;
    value = text.trimmed().toInt(&ok);
    return ok;
}

} // namespace

QString BatchShard::read(const QString& value, const QString& countValue,
                         const QProcessEnvironment& environment)
{
    int countOption = 0;
    if (!countValue.isEmpty()) {
        bool ok = false;
        countOption = countValue.toInt(&ok);
        if (!ok || countOption < 1) {
            return QStringLiteral("--shard-count must be a positive integer (got '%1')")
                .arg(countValue);
        }
    }
    if (value != QLatin1String("auto")) {
        if (!countValue.isEmpty()) {
            return QStringLiteral("--shard-count goes with --shard auto");
        }
        if (!unblur::batch::BatchOptions::parseShard(value, index, count)) {
            return QStringLiteral("--shard must be K/N with 1 <= K <= N, or auto (got '%1')")
                .arg(value);
        }
        return {};
    }

    int id = 0;
    if (environment.contains(QStringLiteral("SLURM_ARRAY_TASK_ID"))) {
        int min = 0;
        int tasks = 0;
        int step = 1;
        if (!number(environment, "SLURM_ARRAY_TASK_ID", id) ||
            !number(environment, "SLURM_ARRAY_TASK_MIN", min) ||
            !number(environment, "SLURM_ARRAY_TASK_COUNT", tasks) || tasks < 1) {
            return QStringLiteral("--shard auto: SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and "
                                  "SLURM_ARRAY_TASK_COUNT must be numbers (a job array)");
        }
        if (environment.contains(QStringLiteral("SLURM_ARRAY_TASK_STEP")) &&
            (!number(environment, "SLURM_ARRAY_TASK_STEP", step) || step < 1)) {
            step = 1;
        }
        int max = 0;
        const bool hasMax = number(environment, "SLURM_ARRAY_TASK_MAX", max);
        const int offset = id - min;
        if ((hasMax && max != min + (tasks - 1) * step) || offset < 0 || offset % step != 0 ||
            offset / step >= tasks) {
            return QStringLiteral("--shard auto: Slurm array task %1 (%2 tasks from %3) is not "
                                  "in an evenly spaced range; submit --array=0-%4 (a %N "
                                  "throttle is fine)")
                .arg(id)
                .arg(tasks)
                .arg(min)
                .arg(tasks - 1);
        }
        if (countOption != 0 && countOption != tasks) {
            return QStringLiteral("--shard-count %1 differs from the Slurm array's %2 tasks")
                .arg(countOption)
                .arg(tasks);
        }
        index = offset / step + 1;
        count = tasks;
        source = QStringLiteral("Slurm array task %1").arg(id);
        return {};
    }
    if (environment.contains(QStringLiteral("JOB_COMPLETION_INDEX"))) {
        if (!number(environment, "JOB_COMPLETION_INDEX", id) || id < 0) {
            return QStringLiteral("--shard auto: JOB_COMPLETION_INDEX must be a number from 0 "
                                  "(got '%1')")
                .arg(environment.value(QStringLiteral("JOB_COMPLETION_INDEX")));
        }
        if (countOption == 0) {
            return QStringLiteral("--shard auto with JOB_COMPLETION_INDEX (Kubernetes) needs "
                                  "--shard-count N, the Job's completions");
        }
        if (id >= countOption) {
            return QStringLiteral("--shard auto: JOB_COMPLETION_INDEX %1 is not below "
                                  "--shard-count %2")
                .arg(id)
                .arg(countOption);
        }
        index = id + 1;
        count = countOption;
        source = QStringLiteral("Kubernetes index %1").arg(id);
        return {};
    }
    return QStringLiteral("--shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor "
                          "JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; use --shard "
                          "K/N elsewhere");
}
