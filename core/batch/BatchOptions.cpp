#include "BatchOptions.h"

#include "OutputNamer.h"

#include <QDir>
#include <QRegularExpression>

namespace unblur::batch {

const char* collisionName(Collision collision)
{
    switch (collision) {
    case Collision::SkipExisting:
        return "skip-existing";
    case Collision::Suffix:
        return "suffix";
    case Collision::Overwrite:
        return "overwrite";
    }
    return "?";
}

QString BatchOptions::validate() const
{
    if (inputs.isEmpty()) {
        return QStringLiteral("no input files or folders");
    }
    if (outputFolder.isEmpty()) {
        return QStringLiteral("no output folder");
    }
    const QString templateError = OutputNamer::checkTemplate(nameTemplate);
    if (!templateError.isEmpty()) {
        return templateError;
    }
    if (shardCount < 1 || shardIndex < 1 || shardIndex > shardCount) {
        return QStringLiteral("the shard must be K/N with 1 <= K <= N");
    }
    if (queueCapacity < 1) {
        return QStringLiteral("the queue capacity must be at least 1");
    }
    return {};
}

bool BatchOptions::parseShard(const QString& text, int& index, int& count)
{
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("^(\\d{1,6})/(\\d{1,6})$")).match(text.trimmed());
    if (!match.hasMatch()) {
        return false;
    }
    const int k = match.captured(1).toInt();
    const int n = match.captured(2).toInt();
    if (n < 1 || k < 1 || k > n) {
        return false;
    }
    index = k;
    count = n;
    return true;
}

} // namespace unblur::batch
