#include "XmpRepair.h"

#include <QSet>
#include <QString>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace unblur::io {

namespace {

const QString kRdf = QStringLiteral("http://www.w3.org/1999/02/22-rdf-syntax-ns#");

/** Copies the current start element (namespaces, attributes) to `out`. */
void copyStart(const QXmlStreamReader& in, QXmlStreamWriter& out,
               const QSet<QString>* skipAttributes = nullptr)
{
    out.writeStartElement(in.qualifiedName().toString());
    for (const QXmlStreamNamespaceDeclaration& ns : in.namespaceDeclarations()) {
        const QString prefix = ns.prefix().toString();
        out.writeAttribute(prefix.isEmpty() ? QStringLiteral("xmlns") : "xmlns:" + prefix,
                           ns.namespaceUri().toString());
    }
    for (const QXmlStreamAttribute& a : in.attributes()) {
        if (skipAttributes == nullptr || !skipAttributes->contains(a.qualifiedName().toString())) {
            out.writeAttribute(a.qualifiedName().toString(), a.value().toString());
        }
    }
}

/** Copies the current element's whole subtree to `out`. */
bool copySubtree(QXmlStreamReader& in, QXmlStreamWriter& out)
{
    copyStart(in, out);
    int depth = 1;
    while (depth > 0 && !in.atEnd()) {
        switch (in.readNext()) {
        case QXmlStreamReader::StartElement:
            copyStart(in, out);
            ++depth;
            break;
        case QXmlStreamReader::EndElement:
            out.writeEndElement();
            --depth;
            break;
        case QXmlStreamReader::Characters:
            out.writeCharacters(in.text().toString());
            break;
        default:
            break;
        }
    }
    return depth == 0;
}

} // namespace

std::string XmpRepair::withoutDuplicates(const std::string& packet)
{
    QXmlStreamReader in(QString::fromStdString(packet));
    QString result;
    QXmlStreamWriter out(&result);
    QHash<QString, QString> seen; // property (namespace + name) -> its serialised value
    bool removed = false;
    while (!in.atEnd()) {
        switch (in.readNext()) {
        case QXmlStreamReader::ProcessingInstruction:
            out.writeProcessingInstruction(in.processingInstructionTarget().toString(),
                                           in.processingInstructionData().toString());
            break;
        case QXmlStreamReader::StartElement: {
            if (in.namespaceUri() != kRdf || in.name() != QLatin1String("Description")) {
                copyStart(in, out);
                break;
            }
            // Attribute-form properties repeated from an earlier description.
            QSet<QString> skip;
            for (const QXmlStreamAttribute& a : in.attributes()) {
                if (a.namespaceUri() == kRdf || a.namespaceUri().isEmpty()) {
                    continue;
                }
                const QString key = a.namespaceUri().toString() + a.name().toString();
                const QString value = a.value().toString();
                if (seen.contains(key) && seen.value(key) != value) {
                    return {};
                }
                if (seen.contains(key)) {
                    skip.insert(a.qualifiedName().toString());
                    removed = true;
                }
                seen.insert(key, value);
            }
            copyStart(in, out, &skip);
            // Element-form properties: each child subtree, serialised, compared.
            while (in.readNext() != QXmlStreamReader::EndElement && !in.atEnd()) {
                if (in.tokenType() == QXmlStreamReader::Characters) {
                    out.writeCharacters(in.text().toString());
                    continue;
                }
                if (in.tokenType() != QXmlStreamReader::StartElement) {
                    continue;
                }
                const QString key = in.namespaceUri().toString() + in.name().toString();
                QString subtree;
                QXmlStreamWriter child(&subtree);
                if (!copySubtree(in, child)) {
                    return {};
                }
                if (seen.contains(key)) {
                    if (seen.value(key) != subtree) {
                        return {};
                    }
                    removed = true;
                    continue;
                }
                seen.insert(key, subtree);
                out.writeCharacters(QString()); // closes the start tag before the raw copy
                result += subtree;
            }
            out.writeEndElement();
            break;
        }
        case QXmlStreamReader::EndElement:
            out.writeEndElement();
            break;
        case QXmlStreamReader::Characters:
            out.writeCharacters(in.text().toString());
            break;
        default:
            break;
        }
    }
    if (in.hasError() || !removed) {
        return {};
    }
    return result.toStdString();
}

} // namespace unblur::io
