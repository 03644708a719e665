#pragma once

#include <QByteArray>
#include <string>

namespace unblur::io {

/**
 * The ICC profile of PNG files, written here rather than by Exiv2: Exiv2 0.27 gives the iCCP
 * chunk an empty profile name, which the PNG specification forbids and libpng warns about.
 */
class PngIcc
{
public:
    /**
     * `png` with `icc` in an iCCP chunk named "ICC profile" right after IHDR (replacing any
     * iCCP or sRGB chunk). Returns `png` unchanged when `icc` is empty.
     */
    static QByteArray embed(const QByteArray& png, const std::string& icc);
};

} // namespace unblur::io
