#pragma once

#include <QString>
#include <QStringList>
#include <vector>

/** One evaluated image (or one reference result stored next to it). */
struct EvalRow
{
    QString name;
    /// "model", "model+refine" (+ "+protect" with --protect-sharp), "unsharp", "input", or
    /// "reference:NAME"
    QString method;
    QString blurry; ///< path
    QString sharp;  ///< path
    double inputPsnr = 0;
    double inputSsim = 0;
    double outputPsnr = 0;
    double outputSsim = 0;
    double seconds = 0; ///< restoring only, not loading or scoring
    // With --align: the shifts chosen for input and output (see eval::alignedMetrics).
    int inputDy = 0;
    int inputDx = 0;
    int outputDy = 0;
    int outputDx = 0;
    QString error; ///< empty when the image was evaluated
    QString note;  ///< for "model+refine" rows: what the refinement did

    bool ok() const { return error.isEmpty(); }
};

/**
 * Formats the `eval` results: a fixed-width table (header, one row per image, a mean row) and
 * the CSV file of the per-image rows. PSNR in dB with 2 decimals (+infinity as "inf"), SSIM
 * with 4, seconds with 3.
 */
class EvalTable
{
public:
    /** `nameWidth`: the longest name the table will show. */
    explicit EvalTable(int nameWidth);

    QString header() const;
    QString row(const EvalRow& row) const;
    /** The mean of the rows that were evaluated; says so when none was. */
    QString meanRow(const std::vector<EvalRow>& rows) const;

    /**
     * The line under the header when the scores are aligned within ±`maxShift` px; empty
     * for 0.
     */
    static QString alignNote(int maxShift);

    /**
     * Header and the rows, RFC 4180 quoting, '\n' line ends. `shifts`: with the columns
     * input_dy, input_dx, output_dy, output_dx (for --align).
     */
    static QString csv(const std::vector<EvalRow>& rows, bool shifts = false);

    /**
     * For rows of reference results ("reference:NAME"): a small table of each method's mean
     * PSNR and SSIM, after a blank line; empty when there are none.
     */
    static QString referenceSummary(const std::vector<EvalRow>& rows);

    /**
     * For `eval --refine auto|on`: the network alone (`model` rows) against network +
     * refinement (`model+refine` rows) over the images both scored: mean PSNR and SSIM of
     * each, the mean and worst change, and how often the refinement was applied.
     */
    static QString refineSummary(const std::vector<EvalRow>& network,
                                 const std::vector<EvalRow>& refined);

    static QString psnrText(double psnr);

private:
    QString line(const QString& name, const QStringList& cells) const;

    int m_nameWidth;
};
