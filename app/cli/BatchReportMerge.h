#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

/**
 * The CSV reports of a batch's shards (`batch --report`, one per cluster task or per attempt
 * of a requeued task) merged into one report and a summary. A photo found in several reports
 * keeps its best state (done, then skipped, failed, cancelled): a task killed half-way and run
 * again reports its first photos done the first time and skipped ("output exists") the second.
 */
class BatchReportMerge
{
public:
    /** Reads one report; the problem naming `path` when it cannot be read or merged. */
    QString add(const QString& path);

    int reports() const { return m_reports; }
    int photos() const { return int(m_rows.size()); }
    /** Photos whose merged state is `state` ("done", "skipped"...). */
    int count(const QString& state) const;
    /** Whether every photo is done or skipped. */
    bool complete() const;

    /** The merged CSV: the reports' header, then a row per photo sorted by input. */
    QString csv() const;
    /** Counts, seconds of work and the photos not done, as lines for a person. */
    QString summary() const;

    /** Splits CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
    static QList<QStringList> parseCsv(const QString& text);

private:
    QStringList m_header;
    int m_stateColumn = -1;
    int m_reasonColumn = -1;
    int m_secondsColumn = -1;
    int m_reports = 0;
    int m_duplicates = 0;
    QMap<QString, QStringList> m_rows; ///< by input
};

/**
 * `unblur-cli batch --merge-reports MERGED REPORT...`: REPORT may be a CSV file or a folder of
 * them. Writes MERGED atomically and prints the summary; 0 when every photo is done or
 * skipped, 1 when one failed or was not finished, or a report could not be read.
 */
int runMergeReports(const QString& merged, const QStringList& reports);
