#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>

namespace unblur::train {

/**
 * Portable random numbers. std::mt19937_64 itself is fully specified by the standard, but
 * the std distributions are not, so every draw goes through these helpers: the same seed
 * gives the same numbers with any standard library.
 */
using Engine = std::mt19937_64;

/** SplitMix64 finaliser: a strong 64-bit mix, used to derive independent seeds. */
inline uint64_t splitmix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/** The seed of stream element `index` of a source seeded with `seed`. */
inline uint64_t mixSeed(uint64_t seed, uint64_t index)
{
    return splitmix64(splitmix64(seed) ^ splitmix64(index + 0x5851F42D4C957F2Dull));
}

/** Uniform in [0, 1) with 53 random bits. */
inline double uniform01(Engine& g)
{
    return static_cast<double>(g() >> 11) * 0x1.0p-53;
}

/** Uniform in [a, b). */
inline double uniform(Engine& g, double a, double b)
{
    return a + (b - a) * uniform01(g);
}

/** Uniform integer in [0, n), n > 0, without modulo bias. */
inline uint64_t uniformIndex(Engine& g, uint64_t n)
{
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t r = g();
    while (r >= limit)
        r = g();
    return r % n;
}

/** Uniform integer in [lo, hi] (inclusive). */
inline int uniformInt(Engine& g, int lo, int hi)
{
    return lo + static_cast<int>(uniformIndex(g, static_cast<uint64_t>(hi - lo) + 1));
}

/** True with probability p. */
inline bool chance(Engine& g, double p)
{
    return uniform01(g) < p;
}

/** Log-uniform in [a, b), a > 0. */
inline double logUniform(Engine& g, double a, double b)
{
    return std::exp(uniform(g, std::log(a), std::log(b)));
}

/** Two independent standard normal values (Marsaglia's polar method). */
inline void normalPair(Engine& g, double& z0, double& z1)
{
    double u, v, s;
    do {
        u = 2.0 * uniform01(g) - 1.0;
        v = 2.0 * uniform01(g) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    z0 = u * f;
    z1 = v * f;
}

/** One standard normal value (the pair's second value is dropped). */
inline double normal(Engine& g)
{
    double z0, z1;
    normalPair(g, z0, z1);
    return z0;
}

/** Fills `out` with `n` standard normal values. */
inline void fillNormal(Engine& g, float* out, size_t n)
{
    size_t i = 0;
    for (; i + 1 < n; i += 2) {
        double z0, z1;
        normalPair(g, z0, z1);
        out[i] = static_cast<float>(z0);
        out[i + 1] = static_cast<float>(z1);
    }
    if (i < n)
        out[i] = static_cast<float>(normal(g));
}

} // namespace unblur::train
