#pragma once

#include <QString>
#include <QTextStream>

/**
 * A one-line status on a stream (stderr) for commands that work through many files. On a
 * terminal the line is redrawn in place with '\r' and wiped by clear(), so that results
 * printed between updates stay clean; elsewhere (a log, a pipe) every show() is a line of its
 * own, so a log shows how far a long run got.
 */
class StatusLine
{
public:
    /** `terminal`: whether the stream is a terminal; by default, whether stderr is one. */
    explicit StatusLine(QTextStream& stream);
    StatusLine(QTextStream& stream, bool terminal);
    ~StatusLine() { clear(); }
    StatusLine(const StatusLine&) = delete;
    StatusLine& operator=(const StatusLine&) = delete;

    bool terminal() const { return m_terminal; }

    /** Replaces the line (terminal) or prints it (elsewhere). */
    void show(const QString& text);
    /** Wipes the line on a terminal; nothing elsewhere. */
    void clear();

private:
    QTextStream& m_stream;
    bool m_terminal;
    int m_length = 0; ///< of the line on screen (terminal mode)
};
