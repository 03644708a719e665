#include "EvalTable.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace {

constexpr int kCellWidth = 10;

QString ssimText(double ssim)
{
    return QString::number(ssim, 'f', 4);
}

QString signedText(double value, int decimals)
{
    if (std::isinf(value) || std::isnan(value)) {
        return QStringLiteral("-");
    }
    return (value >= 0 ? "+" : "") + QString::number(value, 'f', decimals);
}

QString quoted(const QString& field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) &&
        !field.contains(QLatin1Char('\n'))) {
        return field;
    }
    QString escaped = field;
    escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
    return '"' + escaped + '"';
}

/** A number for the CSV: full precision, "inf" for +infinity. */
QString csvNumber(double value)
{
    return std::isinf(value) ? QStringLiteral("inf") : QString::number(value, 'g', 10);
}

} // namespace

EvalTable::EvalTable(int nameWidth) : m_nameWidth(std::max(nameWidth, 18)) {}

QString EvalTable::psnrText(double psnr)
{
    return std::isinf(psnr) ? QStringLiteral("inf") : QString::number(psnr, 'f', 2);
}

QString EvalTable::line(const QString& name, const QStringList& cells) const
{
    QString text = name.leftJustified(m_nameWidth);
    for (const QString& cell : cells) {
        text += ' ' + cell.rightJustified(kCellWidth);
    }
    return text + '\n';
}

QString EvalTable::header() const
{
    return line("name",
                {"in PSNR", "in SSIM", "out PSNR", "out SSIM", "gain dB", "gain SSIM", "s/image"});
}

QString EvalTable::row(const EvalRow& row) const
{
    if (!row.ok()) {
        return row.name.leftJustified(m_nameWidth) + "  failed (see the error above)\n";
    }
    return line(row.name,
                {psnrText(row.inputPsnr), ssimText(row.inputSsim), psnrText(row.outputPsnr),
                 ssimText(row.outputSsim), signedText(row.outputPsnr - row.inputPsnr, 2),
                 signedText(row.outputSsim - row.inputSsim, 4),
                 QString::number(row.seconds, 'f', 3)});
}

QString EvalTable::meanRow(const std::vector<EvalRow>& rows) const
{
    EvalRow mean;
    int count = 0;
    for (const EvalRow& row : rows) {
        if (row.ok()) {
            mean.inputPsnr += row.inputPsnr;
            mean.inputSsim += row.inputSsim;
            mean.outputPsnr += row.outputPsnr;
            mean.outputSsim += row.outputSsim;
            mean.seconds += row.seconds;
            ++count;
        }
    }
    if (count == 0) {
        return QStringLiteral("mean: no image was evaluated\n");
    }
    mean.name = QStringLiteral("mean (%1 image%2)").arg(count).arg(count == 1 ? "" : "s");
    for (double* value :
         {&mean.inputPsnr, &mean.inputSsim, &mean.outputPsnr, &mean.outputSsim, &mean.seconds}) {
        *value /= count;
    }
    return row(mean);
}

QString EvalTable::alignNote(int maxShift)
{
    if (maxShift <= 0) {
        return {};
    }
    return QStringLiteral("(aligned: each score at the best integer shift within \u00b1%1 px, "
                          "by PSNR, on the sharp image's interior, %1 px in from every edge)\n")
        .arg(maxShift);
}

QString EvalTable::csv(const std::vector<EvalRow>& rows, bool shifts)
{
    QString text = QStringLiteral("name,method,blurry,sharp,input_psnr,input_ssim,output_psnr,"
                                  "output_ssim,gain_psnr,gain_ssim,");
    if (shifts) {
        text += QStringLiteral("input_dy,input_dx,output_dy,output_dx,");
    }
    text += QStringLiteral("seconds,error\n");
    const int empty = shifts ? 11 : 7; // the number columns of a failed row
    for (const EvalRow& row : rows) {
        QStringList fields = {quoted(row.name), quoted(row.method), quoted(row.blurry),
                              quoted(row.sharp)};
        if (row.ok()) {
            fields << csvNumber(row.inputPsnr) << csvNumber(row.inputSsim)
                   << csvNumber(row.outputPsnr) << csvNumber(row.outputSsim)
                   << csvNumber(row.outputPsnr - row.inputPsnr)
                   << csvNumber(row.outputSsim - row.inputSsim);
            if (shifts) {
                fields << QString::number(row.inputDy) << QString::number(row.inputDx)
                       << QString::number(row.outputDy) << QString::number(row.outputDx);
            }
            fields << csvNumber(row.seconds) << "";
        } else {
            for (int i = 0; i < empty; ++i) {
                fields << "";
            }
            fields << quoted(row.error);
        }
        text += fields.join(',') + '\n';
    }
    return text;
}

QString EvalTable::referenceSummary(const std::vector<EvalRow>& rows)
{
    struct Sum
    {
        int count = 0;
        double psnr = 0;
        double ssim = 0;
    };
    const QString prefix = QStringLiteral("reference:");
    std::map<QString, Sum> sums;
    for (const EvalRow& row : rows) {
        if (row.ok() && row.method.startsWith(prefix)) {
            Sum& sum = sums[row.method.mid(prefix.size())];
            ++sum.count;
            sum.psnr += row.outputPsnr;
            sum.ssim += row.outputSsim;
        }
    }
    if (sums.empty()) {
        return {};
    }
    const QString format = QStringLiteral("%1 %2 %3 %4\n");
    QString text =
        QStringLiteral("\nResults of other methods stored next to the pairs (mean over their "
                       "images):\n") +
        format.arg("method", -18).arg("images", 8).arg("PSNR", kCellWidth).arg("SSIM", kCellWidth);
    for (const auto& [method, sum] : sums) {
        text += format.arg(method, -18)
                    .arg(sum.count, 8)
                    .arg(psnrText(sum.psnr / sum.count), kCellWidth)
                    .arg(ssimText(sum.ssim / sum.count), kCellWidth);
    }
    return text;
}

QString EvalTable::refineSummary(const std::vector<EvalRow>& network,
                                 const std::vector<EvalRow>& refined)
{
    int count = 0, applied = 0;
    double netPsnr = 0, netSsim = 0, refPsnr = 0, refSsim = 0;
    double worst = std::numeric_limits<double>::infinity();
    QString worstName;
    for (const EvalRow& row : refined) {
        const auto match = std::find_if(network.begin(), network.end(), [&](const EvalRow& n) {
            return n.ok() && n.name == row.name;
        });
        if (!row.ok() || match == network.end()) {
            continue;
        }
        ++count;
        applied += row.note.startsWith(QLatin1String("applied")) ? 1 : 0;
        netPsnr += match->outputPsnr;
        netSsim += match->outputSsim;
        refPsnr += row.outputPsnr;
        refSsim += row.outputSsim;
        if (row.outputPsnr - match->outputPsnr < worst) {
            worst = row.outputPsnr - match->outputPsnr;
            worstName = row.name;
        }
    }
    if (count == 0) {
        return {};
    }
    return QStringLiteral("\nShake refinement, over %1 image%2 (applied to %3):\n"
                          "  network alone        PSNR %4  SSIM %5\n"
                          "  network + refinement PSNR %6  SSIM %7\n"
                          "  change: mean %8 dB, worst %9 dB (%10)\n")
        .arg(count)
        .arg(count == 1 ? "" : "s")
        .arg(applied)
        .arg(psnrText(netPsnr / count))
        .arg(ssimText(netSsim / count))
        .arg(psnrText(refPsnr / count))
        .arg(ssimText(refSsim / count))
        .arg(signedText((refPsnr - netPsnr) / count, 2))
        .arg(signedText(worst, 2))
        .arg(worstName);
}
