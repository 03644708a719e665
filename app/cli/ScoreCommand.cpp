#include "ScoreCommand.h"

#include "BatchConsole.h"
#include "CommandLine.h"
#include "StatusLine.h"
#include "batch/BatchPlan.h"
#include "batch/BatchReport.h"
#include "blur/BlurAnalyzer.h"
#include "io/AtomicFile.h"
#include "io/PhotoReader.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QTextStream>
#include <cmath>
#include <exception>
#include <vector>

using namespace unblur;

namespace {

/** One photo's result: its assessment, or why it could not be read. */
struct Scored
{
    QString input;
    QString error; ///< empty when the photo was scored
    double score = 0;
    bool blurry = false;
    bool measurable = true;
    QString kind;
    QString note; ///< why it could not be measured
};

/** `message` without a leading "INPUT: " (the row names the file). */
QString withoutInput(const QString& message, const QString& input)
{
    const QString prefix = input + QStringLiteral(": ");
    return message.startsWith(prefix) ? message.mid(prefix.size()) : message;
}

Scored scorePhoto(const batch::BatchItem& item, const blur::BlurSettings& settings)
{
    Scored scored;
    scored.input = item.input;
    if (item.state == batch::ItemState::Failed) {
        scored.error = item.reason;
        return scored;
    }
    try {
        io::ReadOptions read;
        read.rawHalfSize = true; // plenty for a measure taken on a reduced copy
        const io::Photo photo = io::readPhoto(item.input.toStdString(), read);
        const blur::BlurAssessment blur = blur::BlurAnalyzer(settings).assess(photo.image);
        scored.score = blur.score;
        scored.blurry = blur.blurry;
        scored.measurable = blur.measurable;
        scored.kind = QLatin1String(blur::blurKindName(blur.kind));
        scored.note = QString::fromStdString(blur.note);
    } catch (const std::exception& e) {
        scored.error = withoutInput(QString::fromStdString(e.what()), item.input);
        if (scored.error.isEmpty()) {
            scored.error = QStringLiteral("cannot be read");
        }
    }
    return scored;
}

/** "blur 0.62  blurry  shake    PATH"; an unmeasured photo: "blur --    sharp ... (why)". */
QString textLine(const Scored& scored)
{
    const QString score =
        scored.measurable ? QString::number(scored.score, 'f', 2) : QStringLiteral("--  ");
    QString line = QStringLiteral("blur %1  %2  %3  %4")
                       .arg(score)
                       .arg(QLatin1String(scored.blurry ? "blurry" : "sharp "))
                       .arg(scored.kind, -7)
                       .arg(QDir::toNativeSeparators(scored.input));
    if (!scored.measurable) {
        line += QStringLiteral("  (not measured: %1)").arg(scored.note);
    }
    return line;
}

QString jsonLine(const Scored& scored)
{
    QJsonObject object;
    object.insert(QStringLiteral("input"), scored.input);
    if (!scored.error.isEmpty()) {
        object.insert(QStringLiteral("blur"), QJsonValue::Null);
        object.insert(QStringLiteral("blurry"), QJsonValue::Null);
        object.insert(QStringLiteral("error"), scored.error);
    } else {
        object.insert(QStringLiteral("blur"),
                      scored.measurable ? QJsonValue(std::round(scored.score * 1000) / 1000)
                                        : QJsonValue(QJsonValue::Null));
        object.insert(QStringLiteral("blurry"), scored.blurry);
        object.insert(QStringLiteral("kind"), scored.kind);
        if (!scored.measurable) {
            object.insert(QStringLiteral("note"), scored.note);
        }
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

/** "input,blur,blurry,kind,note" and a row per photo; note: why unmeasured, or the error. */
QByteArray csvOf(const std::vector<Scored>& rows)
{
    using batch::BatchReport;
    QString text = QStringLiteral("input,blur,blurry,kind,note\r\n");
    for (const Scored& row : rows) {
        const bool scored = row.error.isEmpty();
        text += BatchReport::csvField(row.input) + QLatin1Char(',') +
                (scored && row.measurable ? QString::number(row.score, 'f', 3) : QString()) +
                QLatin1Char(',') +
                (scored ? QLatin1String(row.blurry ? "true" : "false") : QLatin1String()) +
                QLatin1Char(',') + row.kind + QLatin1Char(',') +
                BatchReport::csvField(scored ? row.note : QStringLiteral("error: ") + row.error) +
                QStringLiteral("\r\n");
    }
    return text.toUtf8();
}

} // namespace

int runScoreCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Measures how blurred photos are, without restoring them: a score from 0 "
                       "(sharp) to 1 (very blurred), blurry or sharp by the threshold, and the "
                       "kind of blur (shake, defocus, none) where it can tell."));
    const QCommandLineOption help({"h", "help"}, "Displays this help.");
    const QCommandLineOption recursive({"r", "recursive"}, "Include sub-folders of folders.");
    const QCommandLineOption include(
        "include",
        "Only files whose name matches the glob (repeatable; default: JPEG, PNG, TIFF, WebP, "
        "BMP and camera RAW extensions).",
        "glob");
    const QCommandLineOption json("json", "One JSON object per photo on stdout.");
    const QCommandLineOption csv("csv", "Also save the scores as CSV.", "file");
    const QCommandLineOption threshold(
        "threshold",
        QStringLiteral("A photo whose score is at least this is blurry (default %1).")
            .arg(blur::BlurSettings().threshold),
        "t", QString::number(blur::BlurSettings().threshold));
    parser.addOptions({help, recursive, include, json, csv, threshold});
    parser.addPositionalArgument("score", "The command.", "score");
    parser.addPositionalArgument("input", "Photos and folders of photos.", "INPUT...");

    if (!parser.parse(arguments)) {
        return usageError("score", parser.errorText());
    }
    if (parser.isSet(help)) {
        return printCommandHelp(parser, "score INPUT... [options]");
    }
    batch::BatchOptions find;
    find.inputs = parser.positionalArguments().mid(1);
    find.recursive = parser.isSet(recursive);
    find.includes = parser.values(include);
    if (find.inputs.isEmpty()) {
        return usageError("score", "missing INPUT");
    }
    blur::BlurSettings settings;
    bool ok = false;
    settings.threshold = parser.value(threshold).toDouble(&ok);
    if (!ok || !(settings.threshold >= 0 && settings.threshold <= 1)) {
        return usageError("score", "--threshold must be a number from 0 to 1 (got '" +
                                       parser.value(threshold) + "')");
    }

    QTextStream& err = errStream();
    QTextStream out(stdout);
    const std::vector<batch::BatchItem> photos = batch::BatchPlan::findPhotos(find);
    if (photos.empty()) {
        err << "unblur-cli score: no photos found in " << find.inputs.join(", ") << "\n";
        err.flush();
        return 1;
    }

    StatusLine status(err);
    const bool showProgress = status.terminal() && photos.size() > 1;
    QElapsedTimer clock;
    clock.start();
    std::vector<Scored> rows;
    int failed = 0;
    int blurry = 0;
    for (const batch::BatchItem& photo : photos) {
        if (showProgress) {
            batch::BatchProgress progress;
            progress.total = int(photos.size());
            progress.finished = int(rows.size());
            if (!rows.empty()) {
                progress.etaSeconds = clock.elapsed() / 1000.0 / double(rows.size()) *
                                      double(photos.size() - rows.size());
            }
            status.show(BatchConsole::progressLine(progress));
        }
        rows.push_back(scorePhoto(photo, settings));
        const Scored& scored = rows.back();
        status.clear();
        if (!scored.error.isEmpty()) {
            ++failed;
            err << "unblur-cli score: error: " << QDir::toNativeSeparators(scored.input) << ": "
                << scored.error << "\n";
            err.flush();
        } else {
            blurry += scored.blurry ? 1 : 0;
        }
        if (parser.isSet(json)) {
            out << jsonLine(scored) << "\n";
        } else if (scored.error.isEmpty()) {
            out << textLine(scored) << "\n";
        }
        out.flush();
    }
    status.clear();
    err << "Scored " << rows.size() - size_t(failed) << " photo(s) in "
        << QString::number(clock.elapsed() / 1000.0, 'f', 1) << " s: " << blurry << " blurry, "
        << int(rows.size()) - failed - blurry << " sharp";
    if (failed > 0) {
        err << ", " << failed << " failed";
    }
    err << " (threshold " << QString::number(settings.threshold, 'f', 2) << ")\n";
    if (parser.isSet(csv)) {
        try {
            io::AtomicFile::write(parser.value(csv).toStdString(), csvOf(rows));
            err << "Scores: " << QDir::toNativeSeparators(parser.value(csv)) << "\n";
        } catch (const std::exception& e) {
            err << "unblur-cli score: error: " << e.what() << "\n";
            ++failed;
        }
    }
    err.flush();
    return failed > 0 ? 1 : 0;
}
