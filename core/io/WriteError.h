#pragma once

#include "ImageError.h"

namespace unblur::io {

/**
 * A write that failed in the file system, with the system's error number: ENOSPC (disk full),
 * ENOENT (the folder is gone), EROFS, EACCES... 0 when unknown. Lets a batch tell a full or
 * vanished output from a problem with one photo.
 */
class WriteError : public ImageError
{
public:
    WriteError(const std::string& message, int errorNumber)
        : ImageError(message), m_errorNumber(errorNumber)
    {
    }
    int errorNumber() const { return m_errorNumber; }

private:
    int m_errorNumber = 0;
};

} // namespace unblur::io
