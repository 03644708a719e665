#pragma once

#include <QProcessEnvironment>
#include <QString>

/**
 * `batch --shard`: "K/N" (1-based) or "auto", which takes this run's share from the job
 * engine that started it: a Slurm job array (SLURM_ARRAY_TASK_ID, _MIN, _STEP, _COUNT; arrays
 * may start at 0, 1 or any number) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, 0-based,
 * with the count from `--shard-count`, which Kubernetes does not export).
 */
struct BatchShard
{
    int index = 1; ///< 1-based
    int count = 1;
    QString source; ///< "", "Slurm array task 4" or "Kubernetes index 3"

    /**
     * Reads `value` ("K/N" or "auto") with `countValue` (--shard-count, empty when not given)
     * against `environment`; the problem as a sentence naming the option or variable, empty
     * when the shard is valid.
     */
    QString read(const QString& value, const QString& countValue,
                 const QProcessEnvironment& environment);
};
