// io::checkOutput and io::checkOutputFolder: the checks made before any restoring.
#include "ScopedUnprivileged.h"
#include "io/OutputCheck.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace unblur::io;

class TestOutputCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writableFolderPasses();
    void creatableFolderPassesAndIsNotCreated();
    void folderThatIsAFileFails();
    void parentThatIsAFileFails();
    void outputThatIsAFolderFails();
    void unwritableFolderFails();
    void readOnlyFolderFailsForAUser();
    void absurdSizeFailsForSpace();
    void expectedBytesBoundsUncompressedPixels();
};

void TestOutputCheck::writableFolderPasses()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(checkOutput(dir.filePath("out.png"), 1 << 20), QString());
    QCOMPARE(checkOutputFolder(dir.path()), QString());
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList()); // the probe file is gone
}

void TestOutputCheck::creatableFolderPassesAndIsNotCreated()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath("new/deeper");
    QCOMPARE(checkOutput(folder + "/out.jpg", 1 << 20), QString());
    QCOMPARE(checkOutputFolder(folder), QString());
    QVERIFY(!QFileInfo::exists(dir.filePath("new")));
}

void TestOutputCheck::folderThatIsAFileFails()
{
    QElapsedTimer timer;
    timer.start();
    const QString problem = checkOutput("/dev/null/out.png", 1 << 20);
    QVERIFY(timer.elapsed() < 500);
    QCOMPARE(problem, QString("cannot write /dev/null/out.png: /dev/null is not a folder"));
}

void TestOutputCheck::parentThatIsAFileFails()
{
    QTemporaryDir dir;
    const QString file = dir.filePath("plain.txt");
    QFile plain(file);
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    const QString output = file + "/sub/out.png";
    const QString problem = checkOutput(output, 1 << 20);
    QVERIFY2(problem.startsWith("cannot write " + output + ": the folder " + file +
                                "/sub cannot be created: " + file + " is not a folder"),
             qPrintable(problem));
    const QString folderProblem = checkOutputFolder(file + "/batch");
    QVERIFY2(folderProblem.contains(file + "/batch") && folderProblem.contains("is not a folder"),
             qPrintable(folderProblem));
}

void TestOutputCheck::outputThatIsAFolderFails()
{
    QTemporaryDir dir;
    QCOMPARE(checkOutput(dir.path(), 1 << 20), "cannot write " + dir.path() + ": is a folder");
}

void TestOutputCheck::unwritableFolderFails()
{
    // Root writes into a chmod'ed folder regardless; /proc refuses every new file.
    const QString folder = QStringLiteral("/proc");
    QFile attempt(folder + "/unblur-write-test");
    QVERIFY(!attempt.open(QIODevice::WriteOnly)); // writing there really fails
    const QString problem = checkOutput(folder + "/out.png", 1 << 20);
    QVERIFY2(problem.startsWith("cannot write /proc/out.png: the folder /proc is not writable ("),
             qPrintable(problem));
    QVERIFY(!checkOutputFolder(folder).isEmpty());
    const QString below = checkOutputFolder(folder + "/unblur-new");
    QVERIFY2(below.contains("the folder /proc/unblur-new cannot be created: "), qPrintable(below));
}

void TestOutputCheck::readOnlyFolderFailsForAUser()
{
    QTemporaryDir dir;
    const QString locked = dir.filePath("locked");
    QVERIFY(QDir().mkpath(locked));
    const auto open = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                      QFileDevice::ReadOther | QFileDevice::ExeOther;
    QVERIFY(QFile::setPermissions(dir.path(), open));
    QVERIFY(QFile::setPermissions(locked, open & ~QFileDevice::WriteOwner));
    const phototest::ScopedUnprivileged nobody; // root would write into it
    QVERIFY(nobody.ok());
    QFile attempt(locked + "/attempt.png");
    QVERIFY(!attempt.open(QIODevice::WriteOnly)); // writing there really fails
    QCOMPARE(checkOutput(locked + "/out.png", 1 << 20), "cannot write " + locked +
                                                            "/out.png: the folder " + locked +
                                                            " is not writable (Permission denied)");
    QVERIFY(checkOutputFolder(locked + "/new").contains("cannot be created: Permission denied"));
}

void TestOutputCheck::absurdSizeFailsForSpace()
{
    QTemporaryDir dir;
    const qint64 petabyte = qint64(1000) * 1000 * 1000 * 1000 * 1000;
    QVERIFY(QStorageInfo(dir.path()).bytesAvailable() < petabyte);
    const QString output = dir.filePath("out.tif");
    const QString problem = checkOutput(output, petabyte);
    QVERIFY2(problem.startsWith("cannot write " + output + ": only "), qPrintable(problem));
    QVERIFY2(problem.endsWith("about 1000000.0 GB needed"), qPrintable(problem));
    QVERIFY(!checkOutputFolder(dir.path(), petabyte).isEmpty());
}

void TestOutputCheck::expectedBytesBoundsUncompressedPixels()
{
    const qint64 headers = 1 << 20;
    QCOMPARE(expectedOutputBytes(4000, 3000, 3, 8), qint64(36000000) + headers);
    QCOMPARE(expectedOutputBytes(4000, 3000, 4, 16), qint64(96000000) + headers);
    QCOMPARE(expectedOutputBytes(0, 0, 3, 8), headers);
}

QTEST_GUILESS_MAIN(TestOutputCheck)
#include "TestOutputCheck.moc"
