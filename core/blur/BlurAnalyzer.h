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
     * Local blur on the score's scale at the working resolution (1 channel), 0 where there is
     * too little texture to tell: the GUI's overlay.
     */
    io::FloatImage blurMap;
    /**
     * How much of the restored photo protect-sharp keeps, [0, 1] at the working resolution:
     * 0 on sharp and flat regions and, when the photo is sharp somewhere, on evenly (defocus)
     * blurred ones, which are taken as deliberate; 1 on blurred texture.
     */
    io::FloatImage restoreWeight;
};

/**
 * A no-reference blur measure after Crété-Roffet et al. (2007): the photo is re-blurred along
 * four directions, and what its local variation loses tells how sharp it was (a blurred region
 * loses little). Measured on a reduced grey copy with the noise's share taken off, in Gaussian
 * windows, so a 12 MP photo takes a fraction of a second. The photo's score is the blur of its
 * sharpest textured parts: a portrait with a sharp face and a soft background is not blurry.
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
