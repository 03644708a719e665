#pragma once

#include "EvalTable.h"
#include "eval/EvalPairs.h"
#include "eval/UnsharpMask.h"
#include "restore/Restorer.h"

#include <opencv2/core.hpp>
#include <string>
#include <vector>

/** What `eval` restores the blurry images with. */
enum class EvalMethod
{
    Model,   ///< the HI-Diff model
    Unsharp, ///< the unsharp-mask baseline
    Input,   ///< nothing: the blurry image itself
};

/**
 * Evaluates one pair at a time: reads both images (unblur::io::readImage; grey becomes three
 * equal channels, alpha is left out), restores the blurry one with the chosen method and
 * scores input and output against the sharp image with psnr8 and ssim, or, with a largest
 * shift above 0, with eval::alignedMetrics (each at its own best shift, on the same interior).
 */
class PairEvaluator
{
public:
    /**
     * `restorer` is used (and required) for EvalMethod::Model only. `maxShift`: align within
     * ±maxShift px before scoring (0: no alignment).
     */
    PairEvaluator(EvalMethod method, unblur::restore::Restorer* restorer,
                  const unblur::restore::RestoreOptions& restoreOptions,
                  const unblur::eval::UnsharpParams& unsharp, int maxShift = 0);

    /**
     * The row of one pair; a failure (unreadable file, sizes differ, model error) comes back
     * as a row with `error` set, naming the file. `progress` sees the restore's reports.
     * With the model and a shake refinement asked for, the row scores the network alone and
     * `refined` (when given) the network + refinement, method "model+refine", the refinement's
     * summary in its note: one network run gives both, side by side. With the restore
     * options' protectSharp, both are protected before scoring, "+protect" added to the method.
     */
    EvalRow evaluate(const unblur::eval::EvalPair& pair,
                     const unblur::restore::RestoreObserver& progress = {},
                     EvalRow* refined = nullptr);

    /**
     * Scores the pair's stored reference results against its sharp image; those that cannot
     * be read are left out with a message in `warnings`. `maxShift` as in the constructor.
     */
    static std::vector<EvalRow> references(const unblur::eval::EvalPair& pair,
                                           std::vector<std::string>& warnings, int maxShift = 0);

    /** A photo as CV_32FC3 in [0,1]. Throws unblur::io::ImageError. */
    static cv::Mat readRgb(const std::string& path);
    /** Both images of a pair as CV_32FC3; throws ImageError or EvalError (sizes differ). */
    static unblur::eval::ImagePair readPair(const unblur::eval::EvalPair& pair);

    static QString methodName(EvalMethod method);

    /**
     * The precision the model ran in, for the method line: the one asked for until a restore
     * has told ("auto"), then what ran, e.g. "auto (float32: this CPU has no bf16 instructions)",
     * "auto (bf16: 1.40x as fast as float32 on a probe tile)" or "bf16".
     */
    QString precisionText() const;

private:
    /** The restored image; with the model and a refinement, `refined` and its summary too. */
    cv::Mat restore(const cv::Mat& blurry, const unblur::restore::RestoreObserver& progress,
                    cv::Mat* refined, QString* refinement);

    EvalMethod m_method;
    unblur::restore::Restorer* m_restorer;
    unblur::restore::RestoreOptions m_restoreOptions;
    unblur::eval::UnsharpParams m_unsharp;
    int m_maxShift;
    bool m_precisionKnown = false; ///< a restore has run: the two below are what it used
    unblur::engine::Precision m_precision = unblur::engine::Precision::Float32;
    std::string m_precisionNote;
};
