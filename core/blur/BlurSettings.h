#pragma once

namespace unblur::blur {

/**
 * The blur measure's settings, chosen on our own sharp photos, their synthetic blur and real
 * blurred photos (core/blur/unblur_blur_calibrate); see docs/blur-aware.md.
 */
struct BlurSettings
{
    int workingSide = 2048;         ///< the photo is measured on a grey copy at most this long
    int edgeRadius = 6;             ///< the window (radius, working px) of an edge's contrast
    double edgeContrast = 0.15;     ///< least contrast (encoded values) of a measured edge
    double edgeSlope = 0.01;        ///< least slope (per working px) of a measured edge
    double edgeNoise = 8.0;         ///< ...and at least this many noise sigmas
    int leastEdges = 20;            ///< an orientation with fewer edges is not measured
    double sharpestShare = 0.1;     ///< the score: the width of the sharpest share of the edges
    double scoreLow = 1.2;          ///< edge width (working px) mapped to score 0...
    double scoreHigh = 3.33;        ///< ...and to 1, log-linear in between (2 px: 0.5)
    double threshold = 0.6;         ///< a score from this on is "blurry"
    double shakeAnisotropy = 0.3;   ///< edge widths differing this much across orientations: shake
    double sharpWidth = 1.5;        ///< a sharp edge's rise (working px), the overlay's reference
    int mapCells = 32;              ///< the blur map's cells along the photo's long side
    double cellShare = 0.2;         ///< a cell's blur: the width of its sharpest share of edges
    int leastCellEdges = 8;         ///< an orientation with fewer edges in a cell is not measured
    double orientationShare = 0.15; ///< ...nor one with less than this share of the cell's edges
    double fillReach = 2.0;         ///< cells without edges: the weight around them (cells)
    /// protect-sharp, in a blurry photo: cell blur (score scale) from which it is restored...
    double protectLow = 0.35;
    double protectHigh = 0.6; ///< ...and from which it is restored in full
    /// ...in a photo sharp somewhere: cell width over the photo's, from which it is blurred...
    double relativeLow = 1.5;
    double relativeHigh = 2.2;   ///< ...and restored in full
    double protectFeather = 0.7; ///< the weight's smoothing, cells
};

} // namespace unblur::blur
