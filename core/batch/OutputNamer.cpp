#include "OutputNamer.h"

#include "BatchOptions.h"
#include "io/ImageFormat.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>

namespace unblur::batch {

namespace {

const QStringList kFields = {QStringLiteral("{name}"), QStringLiteral("{ext}"),
                             QStringLiteral("{model}"), QStringLiteral("{date}")};

/** A value fit for a file name: separators and control characters become '_'. */
QString fileNameSafe(QString text)
{
    for (QChar& c : text) {
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c.unicode() < 0x20) {
            c = QLatin1Char('_');
        }
    }
    return text;
}

} // namespace

OutputNamer::OutputNamer(const BatchOptions& options, const QDate& date)
    : m_template(options.nameTemplate), m_model(fileNameSafe(options.modelName)),
      m_date(date.toString(Qt::ISODate))
{
    if (options.write.encode.format != io::ImageFormat::Unknown) {
        m_formatExtension = QString::fromStdString(io::extensionFor(options.write.encode.format));
    }
    if (m_model.isEmpty()) {
        m_model = QStringLiteral("model");
    }
}

QString OutputNamer::extension(const QString& input) const
{
    if (!m_formatExtension.isEmpty()) {
        return m_formatExtension;
    }
    const QString suffix = QFileInfo(input).suffix();
    if (io::canEncode(io::formatForExtension(input.toStdString()))) {
        return suffix;
    }
    const std::vector<std::string>& raw = io::rawExtensions();
    const bool isRaw =
        std::find(raw.begin(), raw.end(), suffix.toLower().toStdString()) != raw.end();
    return QString::fromStdString(
        io::extensionFor(isRaw ? io::ImageFormat::Tiff : io::ImageFormat::Png));
}

QString OutputNamer::fileName(const QString& input) const
{
    const QString ext = extension(input);
    QString name = m_template;
    if (!name.contains(QLatin1String("{ext}")) &&
        !io::canEncode(io::formatForExtension(name.toStdString()))) {
        name += QStringLiteral(".{ext}");
    }
    name.replace(QLatin1String("{name}"), fileNameSafe(QFileInfo(input).completeBaseName()));
    name.replace(QLatin1String("{ext}"), ext);
    name.replace(QLatin1String("{model}"), m_model);
    name.replace(QLatin1String("{date}"), m_date);
    return name;
}

QString OutputNamer::checkTemplate(const QString& nameTemplate)
{
    if (!nameTemplate.contains(QLatin1String("{name}"))) {
        return QStringLiteral("the name template '%1' must contain {name}").arg(nameTemplate);
    }
    if (nameTemplate.contains(QLatin1Char('/')) || nameTemplate.contains(QLatin1Char('\\'))) {
        return QStringLiteral("the name template '%1' must not contain a folder separator")
            .arg(nameTemplate);
    }
    QString rest = nameTemplate;
    for (const QString& field : kFields) {
        rest.remove(field);
    }
    const QRegularExpressionMatch unknown =
        QRegularExpression(QStringLiteral("\\{[^}]*\\}?")).match(rest);
    if (unknown.hasMatch()) {
        return QStringLiteral("the name template '%1' has an unknown field '%2' (known: {name}, "
                              "{ext}, {model}, {date})")
            .arg(nameTemplate, unknown.captured(0));
    }
    return {};
}

} // namespace unblur::batch
