#include "BatchReportMerge.h"

#include "CommandLine.h"
#include "batch/BatchReport.h"
#include "io/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <algorithm>
#include <exception>

namespace {

/** done 4, skipped 3, failed 2, cancelled 1, anything else 0. */
int rank(const QString& state)
{
    static const QStringList order{"cancelled", "failed", "skipped", "done"};
    return int(order.indexOf(state)) + 1;
}

} // namespace

QList<QStringList> BatchReportMerge::parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool any = false; // the current row has begun
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == c) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
            any = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            any = true;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == '\n') {
                ++i;
            }
            if (any || !field.isEmpty()) {
                rows << (row << field);
            }
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.isEmpty()) {
        rows << (row << field);
    }
    return rows;
}

QString BatchReportMerge::add(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    }
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(file.readAll()));
    if (rows.isEmpty() || rows.first().value(0) != QLatin1String("input") ||
        !rows.first().contains(QLatin1String("state"))) {
        return QStringLiteral("%1: not a batch report (no input,...,state header)")
            .arg(QDir::toNativeSeparators(path));
    }
    if (m_header.isEmpty()) {
        m_header = rows.first();
        m_stateColumn = int(m_header.indexOf(QLatin1String("state")));
        m_reasonColumn = int(m_header.indexOf(QLatin1String("reason")));
        m_secondsColumn = int(m_header.indexOf(QLatin1String("seconds")));
    } else if (rows.first() != m_header) {
        return QStringLiteral("%1: its columns (%2) differ from the first report's (%3)")
            .arg(QDir::toNativeSeparators(path), rows.first().join(','), m_header.join(','));
    }
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QStringList& row = rows.at(r);
        if (row.size() != m_header.size()) {
            return QStringLiteral("%1: line %2 has %3 fields, the header %4")
                .arg(QDir::toNativeSeparators(path))
                .arg(r + 1)
                .arg(row.size())
                .arg(m_header.size());
        }
        const auto existing = m_rows.constFind(row.first());
        if (existing == m_rows.constEnd()) {
            m_rows.insert(row.first(), row);
            continue;
        }
        ++m_duplicates;
        if (rank(row.at(m_stateColumn)) > rank(existing->at(m_stateColumn))) {
            m_rows.insert(row.first(), row);
        }
    }
    ++m_reports;
    return {};
}

int BatchReportMerge::count(const QString& state) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [&](const QStringList& row) {
        return row.at(m_stateColumn) == state;
    }));
}

bool BatchReportMerge::complete() const
{
    return count(QStringLiteral("done")) + count(QStringLiteral("skipped")) == photos();
}

QString BatchReportMerge::csv() const
{
    if (m_header.isEmpty()) {
        return unblur::batch::BatchReport().csv(); // the header alone
    }
    QString text;
    const auto line = [&text](const QStringList& fields) {
        for (qsizetype i = 0; i < fields.size(); ++i) {
            text += (i > 0 ? QStringLiteral(",") : QString()) +
                    unblur::batch::BatchReport::csvField(fields.at(i));
        }
        text += QStringLiteral("\r\n");
    };
    line(m_header);
    for (const QStringList& row : m_rows) {
        line(row);
    }
    return text;
}

QString BatchReportMerge::summary() const
{
    double seconds = 0;
    QStringList unfinished;
    for (const QStringList& row : m_rows) {
        if (m_secondsColumn >= 0) {
            seconds += row.at(m_secondsColumn).toDouble();
        }
        if (rank(row.at(m_stateColumn)) < rank(QStringLiteral("skipped"))) {
            unfinished << QStringLiteral("  %1: %2%3")
                              .arg(QDir::toNativeSeparators(row.first()), row.at(m_stateColumn),
                                   m_reasonColumn >= 0 && !row.at(m_reasonColumn).isEmpty()
                                       ? QStringLiteral(" (%1)").arg(row.at(m_reasonColumn))
                                       : QString());
        }
    }
    QString text = QStringLiteral("Reports: %1 merged, %2 photo(s)").arg(m_reports).arg(photos());
    if (m_duplicates > 0) {
        text += QStringLiteral(", %1 row(s) of a photo reported again (the best state kept)")
                    .arg(m_duplicates);
    }
    text += QStringLiteral("\nPhotos:  done %1, skipped %2, failed %3, cancelled %4\n")
                .arg(count(QStringLiteral("done")))
                .arg(count(QStringLiteral("skipped")))
                .arg(count(QStringLiteral("failed")))
                .arg(count(QStringLiteral("cancelled")));
    text += QStringLiteral("Work:    %1 s reading, restoring and writing\n")
                .arg(QString::number(seconds, 'f', 1));
    if (!unfinished.isEmpty()) {
        text += QStringLiteral("Not done:\n") + unfinished.join('\n') + QLatin1Char('\n');
    }
    return text;
}

int runMergeReports(const QString& merged, const QStringList& reports)
{
    QTextStream& err = errStream();
    QStringList files;
    for (const QString& report : reports) {
        const QFileInfo info(report);
        if (!info.isDir()) {
            files << report;
            continue;
        }
        const QDir folder(report);
        for (const QString& name : folder.entryList({"*.csv"}, QDir::Files, QDir::Name)) {
            if (QFileInfo(folder.filePath(name)) != QFileInfo(merged)) {
                files << folder.filePath(name);
            }
        }
    }
    if (files.isEmpty()) {
        err << "unblur-cli batch: error: --merge-reports: no reports in "
            << reports.join(QStringLiteral(", ")) << "\n";
        err.flush();
        return 1;
    }
    BatchReportMerge merge;
    for (const QString& file : files) {
        const QString problem = merge.add(file);
        if (!problem.isEmpty()) {
            err << "unblur-cli batch: error: " << problem << "\n";
            err.flush();
            return 1;
        }
    }
    try {
        unblur::io::AtomicFile::write(merged.toStdString(), merge.csv().toUtf8());
    } catch (const std::exception& e) {
        err << "unblur-cli batch: error: " << e.what() << "\n";
        err.flush();
        return 1;
    }
    QTextStream out(stdout);
    out << merge.summary() << "Report:  " << QDir::toNativeSeparators(merged) << "\n";
    out.flush();
    return merge.complete() ? 0 : 1;
}
