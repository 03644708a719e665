#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace unblur::eval {

/** Evaluation data that cannot be used; the message names the folder or files and why. */
class EvalError : public std::runtime_error
{
public:
    explicit EvalError(const std::string& message) : std::runtime_error(message) {}
};

/** Another method's result stored next to a pair (flat layout), e.g. "HI-Diff". */
struct ReferenceImage
{
    std::string method;
    std::string path;
};

/** One blurry photo and its sharp ground truth. */
struct EvalPair
{
    std::string name;   ///< the blurry file's name without extension, prefixed by its scene
    std::string blurry; ///< path
    std::string sharp;  ///< path
    std::vector<ReferenceImage> references; ///< sorted by method
};

/** What findEvalPairs found. */
struct PairScan
{
    std::vector<EvalPair> pairs;       ///< sorted by name
    std::vector<std::string> warnings; ///< blurry files without a partner, ignored folders
    std::string layout;                ///< e.g. "input/ + target/", for messages
};

/**
 * Finds the (blurry, sharp) pairs of an evaluation folder. Layouts, tried in this order:
 *  (a) `DIR/input/` and `DIR/target/`, files paired by name;
 *  (b) `DIR/blur*` (e.g. `blurred/`) and `DIR/sharp*` or `DIR/gt*` (any case): a blurry file
 *      pairs with the sharp file of the same name, else of the same stem, else with the one
 *      whose stem is the longest prefix of the blurry stem ending at an `_` (Levin et al.
 *      2009: `blurred/im1_kernel1_img.png` pairs with `sharp/im1.png`);
 *  (c) one flat folder of `*Blur*` and `*GT*` files, paired by replacing the `_`-separated
 *      token `Blur` with `GT` (any case, kept): `ComS_Blur_X.png` with `ComS_GT_X.png`.
 *      Files that differ from the blurry name only in that token (`ComS_HI-Diff_X.png`)
 *      become the pair's references; anything else is ignored.
 * When DIR itself has none of these, each of its subfolders is tried with (a) and (b) (the
 * GoPro test set: `DIR/GOPR0384_11_00/blur/`, `.../sharp/`); names are then `scene/stem`.
 * Image files: .png .jpg .jpeg .tif .tiff .webp .bmp, any case. Images are not opened here.
 * Throws EvalError naming DIR when it is not a folder or when no pair is found.
 */
PairScan findEvalPairs(const std::string& dir);

/**
 * Throws EvalError naming both files when the blurry and sharp images differ in size.
 */
void requireSameSize(const EvalPair& pair, int blurryWidth, int blurryHeight, int sharpWidth,
                     int sharpHeight);

} // namespace unblur::eval
