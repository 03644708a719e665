#include "ProtectSharpOptions.h"

ProtectSharpOptions::ProtectSharpOptions()
    : m_on("protect-sharp", "Keep sharp areas and smooth out-of-focus backgrounds as they were: "
                            "the result is blended with the photo through its blur map "
                            "(the default)."),
      m_off("no-protect-sharp",
            "Restore the whole photo, sharp areas included: the result is taken as it is.")
{
}

void ProtectSharpOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOptions({m_on, m_off});
}

QString ProtectSharpOptions::read(const QCommandLineParser& parser, bool& protect) const
{
    if (parser.isSet(m_on) && parser.isSet(m_off)) {
        return "choose one of --protect-sharp and --no-protect-sharp";
    }
    protect = !parser.isSet(m_off);
    return {};
}
