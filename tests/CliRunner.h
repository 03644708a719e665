#pragma once
// Runs the unblur-cli built with the tests and collects what it printed.

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <functional>

struct Result
{
    int exitCode = -1; ///< -1 when it crashed or ran past the timeout
    QString out;
    QString err;
};

/**
 * The CLI with `arguments` in `environment`. `inChild` runs in the child before the program
 * starts (e.g. to drop root).
 */
inline Result runCliIn(const QProcessEnvironment& environment, const QStringList& arguments,
                       const std::function<void()>& inChild = {})
{
    QProcess process;
    if (inChild) {
        process.setChildProcessModifier(inChild);
    }
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(UNBLUR_CLI), arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

/** The CLI with `arguments`; UNBLUR_MODEL_DIR is `modelDir` (unset when empty). */
inline Result runCli(const QStringList& arguments, const QString& modelDir = {},
                     const std::function<void()>& inChild = {})
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove("UNBLUR_MODEL_DIR");
    if (!modelDir.isEmpty()) {
        environment.insert("UNBLUR_MODEL_DIR", modelDir);
    }
    return runCliIn(environment, arguments, inChild);
}
