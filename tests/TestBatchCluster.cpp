// unblur-cli batch on a cluster engine, through the built executable: --shard auto from a Slurm
// job array's or a Kubernetes Indexed Job's environment, --merge-reports, and SIGTERM (what
// scancel and a requeue send) stopping a batch cleanly. The real Slurm runs are SlurmCluster
// and SlurmRequeue (CheckSlurm.sh).
#include "BatchTestSupport.h"
#include "CliRunner.h"
#include "io/PhotoReader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace batchtest;

namespace {

/** The CLI with `arguments` and `variables` set, every SLURM_* and JOB_* variable removed. */
Result cli(const QStringList& arguments, const QMap<QString, QString>& variables = {})
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : environment.keys()) {
        if (name.startsWith("SLURM_") || name.startsWith("JOB_") || name == "UNBLUR_MODEL_DIR") {
            environment.remove(name);
        }
    }
    for (auto it = variables.begin(); it != variables.end(); ++it) {
        environment.insert(it.key(), it.value());
    }
    return runCliIn(environment, arguments);
}

/** `batch --shard auto` over `in` with the tiny model, in a Slurm array task. */
Result slurmTask(const QString& in, const QString& out, int id, int min, int count, int step = 1,
                 int max = -1)
{
    return cli(
        {"batch", in, "-o", out, "--model", kTiny, "--threads", "1", "--json", "--shard", "auto"},
        {{"SLURM_ARRAY_TASK_ID", QString::number(id)},
         {"SLURM_ARRAY_TASK_MIN", QString::number(min)},
         {"SLURM_ARRAY_TASK_MAX", QString::number(max >= 0 ? max : min + (count - 1) * step)},
         {"SLURM_ARRAY_TASK_STEP", QString::number(step)},
         {"SLURM_ARRAY_TASK_COUNT", QString::number(count)}});
}

/** The inputs of a --json run whose state is `state`. */
QStringList inputsIn(const QString& out, const QString& state)
{
    QStringList inputs;
    for (const QString& line : out.split('\n', Qt::SkipEmptyParts)) {
        const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
        if (object.value("state").toString() == state) {
            inputs << object.value("input").toString();
        }
    }
    return inputs;
}

const QString kHeader = QStringLiteral("input,output,state,reason,seconds,refinement,blur\r\n");

} // namespace

class TestBatchCluster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    /** An array from 1 (Slurm's --array=1-3) covers every photo once, task K as shard K. */
    void shardAutoFromASlurmArray()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        QStringList all;
        for (int i = 0; i < 9; ++i) {
            writePhotoFile(in, QStringLiteral("photo%1.png").arg(i), 48, 40, i);
            all << in + QStringLiteral("/photo%1.png").arg(i);
        }
        QSet<QString> seen;
        for (int id = 1; id <= 3; ++id) {
            const Result r = slurmTask(in, dir.filePath("out"), id, 1, 3);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("(shard %1/3, Slurm array task %1)").arg(id)),
                     qPrintable(r.err));
            QVERIFY(inputsIn(r.out, "skipped").isEmpty()); // nothing another task did
            for (const QString& input : inputsIn(r.out, "done")) {
                QVERIFY2(!seen.contains(input), qPrintable(input));
                seen.insert(input);
            }
        }
        QStringList done(seen.begin(), seen.end());
        done.sort();
        all.sort();
        QCOMPARE(done, all);
    }

    void shardAutoMapsEveryKindOfRange()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        writePhotoFile(in, "photo.png");
        const QString out = dir.filePath("out");
        // --array=0-18:2, task 4: the third share of ten.
        Result r = slurmTask(in, out, 4, 0, 10, 2);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("(shard 3/10, Slurm array task 4)"), qPrintable(r.err));
        // --array=1,5,7: not evenly spaced, refused before any work.
        r = slurmTask(in, out, 5, 1, 3, 1, 7);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("evenly spaced") && r.err.contains("--array=0-2"),
                 qPrintable(r.err));
        // Kubernetes: JOB_COMPLETION_INDEX is 0-based and needs --shard-count.
        const QStringList kubernetes{"batch", in,        "-o",   out,         "--model",
                                     kTiny,   "--shard", "auto", "--threads", "1"};
        r = cli(kubernetes + QStringList{"--shard-count", "4"}, {{"JOB_COMPLETION_INDEX", "3"}});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("(shard 4/4, Kubernetes index 3)"), qPrintable(r.err));
        r = cli(kubernetes, {{"JOB_COMPLETION_INDEX", "0"}});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--shard-count"), qPrintable(r.err));
        r = cli(kubernetes + QStringList{"--shard-count", "4"}, {{"JOB_COMPLETION_INDEX", "4"}});
        QCOMPARE(r.exitCode, 2);
        // Neither engine, or --shard-count without auto.
        r = cli(kubernetes);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("SLURM_ARRAY_TASK_ID") && r.err.contains("JOB_COMPLETION_INDEX"),
                 qPrintable(r.err));
        r = cli({"batch", in, "-o", out, "--shard", "1/2", "--shard-count", "2"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--shard-count goes with --shard auto"), qPrintable(r.err));
    }

    /**
     * The reports of three tasks, one of them run twice (cancelled, then requeued): one row
     * per photo with its best state, sorted, quoted fields kept; a failure makes exit 1.
     */
    void mergeReportsKeepsEachPhotosBestState()
    {
        QTemporaryDir dir;
        const QString reports = dir.filePath("reports");
        QVERIFY(writeBytes(
            reports + "/task-0-0.csv",
            (kHeader + "/in/c.jpg,/out/c_unblur.jpg,done,,2.00,off,0.500\r\n").toUtf8()));
        QVERIFY(writeBytes(reports + "/task-1-0.csv",
                           (kHeader + "/in/a.jpg,/out/a_unblur.jpg,done,,1.50,off,0.700\r\n"
                                      "/in/b.jpg,/out/b_unblur.jpg,cancelled,the batch was "
                                      "cancelled,0.00,,\r\n")
                               .toUtf8()));
        QVERIFY(writeBytes(reports + "/task-1-1.csv",
                           (kHeader + "/in/a.jpg,/out/a_unblur.jpg,skipped,output exists,0.00,,\r\n"
                                      "/in/b.jpg,/out/b_unblur.jpg,done,,3.00,\"applied (a, "
                                      "\"\"b\"\")\",0.900\r\n")
                               .toUtf8()));
        const QString merged = dir.filePath("report.csv");
        Result r = cli({"batch", "--merge-reports", merged, reports});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains("Reports: 3 merged, 3 photo(s)"), qPrintable(r.out));
        QVERIFY2(r.out.contains("done 3, skipped 0, failed 0, cancelled 0"), qPrintable(r.out));
        QVERIFY2(r.out.contains("6.5 s"), qPrintable(r.out));
        QFile file(merged);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()),
                 kHeader + "/in/a.jpg,/out/a_unblur.jpg,done,,1.50,off,0.700\r\n"
                           "/in/b.jpg,/out/b_unblur.jpg,done,,3.00,\"applied (a, \"\"b\"\")\","
                           "0.900\r\n"
                           "/in/c.jpg,/out/c_unblur.jpg,done,,2.00,off,0.500\r\n");

        // Run again over the folder the merged report now lies in: it is left out.
        QVERIFY(QFile::copy(merged, reports + "/report.csv"));
        r = cli({"batch", "--merge-reports", reports + "/report.csv", reports});
        QVERIFY2(r.out.contains("Reports: 3 merged"), qPrintable(r.out));

        QVERIFY(writeBytes(reports + "/task-2-0.csv",
                           (kHeader + "/in/d.jpg,,failed,d.jpg: not a photo,0.10,,\r\n").toUtf8()));
        r = cli({"batch", "--merge-reports", merged, reports});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("failed 1") && r.out.contains("/in/d.jpg: failed (d.jpg: not a"),
                 qPrintable(r.out));

        QVERIFY(writeBytes(dir.filePath("other.csv"), "input,state,extra\r\n/in/e.jpg,done,1\r\n"));
        r = cli({"batch", "--merge-reports", merged, reports + "/task-0-0.csv",
                 dir.filePath("other.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("other.csv") && r.err.contains("differ"), qPrintable(r.err));
        r = cli({"batch", "--merge-reports", merged, dir.filePath("missing.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("missing.csv"), qPrintable(r.err));
    }

    /** SIGTERM, what scancel and a requeue send first, stops as Ctrl-C does: no partial file. */
    void sigtermCancelsCleanly()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("in");
        for (int i = 0; i < 4; ++i) {
            writePhotoFile(in, QStringLiteral("big%1.png").arg(i), 1000, 750, i);
        }
        const QString out = dir.filePath("out");
        const QString report = dir.filePath("report.csv");
        QProcess process;
        process.start(QStringLiteral(UNBLUR_CLI),
                      {"batch", in, "-o", out, "--model", kTiny, "--threads", "1", "--tile", "128",
                       "--json", "--report", report});
        QVERIFY(process.waitForStarted());
        QByteArray err;
        while (!err.contains("Batch:") && process.state() == QProcess::Running) {
            process.waitForReadyRead(1000);
            err += process.readAllStandardError();
        }
        QTest::qWait(300);
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(60000));
        err += process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 130);
        QVERIFY2(err.contains("Cancelled\n"), err.constData());
        const QString json = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY(!inputsIn(json, "cancelled").isEmpty());
        QCOMPARE(filesBelow(out).size(), inputsIn(json, "done").size()); // nothing partial
        QVERIFY(QFileInfo(report).size() > 0); // the report of what was done
        for (const QString& name : filesBelow(out)) {
            try {
                unblur::io::readImage((out + '/' + name).toStdString()); // a whole file
            } catch (const unblur::io::ImageError& e) {
                QFAIL(e.what());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestBatchCluster)
#include "TestBatchCluster.moc"
