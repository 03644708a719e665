#include "StatusLine.h"

#include <unistd.h>

StatusLine::StatusLine(QTextStream& stream) : StatusLine(stream, isatty(STDERR_FILENO) != 0) {}

StatusLine::StatusLine(QTextStream& stream, bool terminal) : m_stream(stream), m_terminal(terminal)
{
}

void StatusLine::show(const QString& text)
{
    if (m_terminal) {
        // Padded to the previous length, so that a shorter line leaves nothing behind.
        m_stream << '\r' << text.leftJustified(m_length);
        m_length = int(text.size());
    } else {
        m_stream << text << '\n';
    }
    m_stream.flush();
}

void StatusLine::clear()
{
    if (m_terminal && m_length > 0) {
        m_stream << '\r' << QString(m_length, ' ') << '\r';
        m_stream.flush();
        m_length = 0;
    }
}
