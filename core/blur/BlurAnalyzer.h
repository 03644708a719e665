#pragma once

#include "blur/BlurSettings.h"
#include "io/FloatImage.h"

#include <string>

namespace unblur::blur {

/** What kind of blur a photo shows, where it can tell. */
enum class BlurKind
{
    None,
    Shake,
    Defocus
};

/** "none", "shake", "defocus". */
const char* blurKindName(BlurKind kind);

/** How blurred a photo is, and where. */
struct BlurAssessment
{
    double score = 0;    ///< [0, 1], higher blurrier: the blur of the photo's sharpest parts
    bool blurry = false; ///< score >= the threshold
    BlurKind kind = BlurKind::None;
    double anisotropy = 0;  ///< how much the blur differs across directions, [0, 1]
    bool measurable = true; ///< false: too small or too flat to tell (score 0, not blurry)
    std::string note;       ///< why it could not be measured; empty otherwise
    /**
     * Local blur on the score's scale, a coarse grid (BlurSettings::mapCells on the long
     * side), 0 where there are too few edges to tell: the GUI's overlay. In a photo that is
     * sharp somewhere it is measured against the photo's own sharpest parts.
     */
    io::FloatImage blurMap;
    /**
     * How much of the restored photo protect-sharp keeps, [0, 1], on the blur map's grid:
     * 0 on sharp and flat regions and, when the photo is sharp somewhere, on evenly (defocus)
     * blurred ones, which are taken as deliberate; 1 on blurred texture.
     */
    io::FloatImage restoreWeight;
};

/**
 * A no-reference blur measure from the photo's strong edges: how far each one takes to rise
 * from 10 % to 90 % of its contrast (a pixel or two when sharp, the blur's extent when not),
 * per gradient orientation, on a grey copy at most BlurSettings::workingSide long (halved
 * while a heavily blurred photo shows too few edges). The score is the width of the sharpest
 * tenth of the edges in the widest orientation: a portrait with a sharp face and a soft
 * background is not blurry, and straight motion (wide across one orientation) is. A 12 MP
 * photo takes a few tenths of a second.
 */
class BlurAnalyzer
{
public:
    explicit BlurAnalyzer(const BlurSettings& settings = {}) : m_settings(settings) {}

    BlurAssessment assess(const io::FloatImage& photo) const;

    const BlurSettings& settings() const { return m_settings; }

private:
    BlurSettings m_settings;
};

/**
 * Protect-sharp: `restored` becomes original + w (restored - original), with `weight`
 * (1 channel, any size) resized to the photo's size. Both photos have the same shape; alpha
 * is taken from the original.
 */
void blendThroughWeight(const io::FloatImage& original, io::FloatImage& restored,
                        const io::FloatImage& weight);

} // namespace unblur::blur
