#pragma once

#include "restore/RestoreOptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

/** The default --seed: the reference code's seed, so results match it. */
constexpr unsigned long long kDefaultSeed = 1234;

/**
 * The options of every command that runs the engine (--seed, --threads, --device, --tile,
 * --overlap, --precision, --ensemble, --refine): declared, described and validated once, so that
 * `deblur` and `eval` accept exactly the same values with the same messages.
 */
class EngineCommandOptions
{
public:
    EngineCommandOptions();

    /** Adds the options to `parser`. */
    void addTo(QCommandLineParser& parser) const;

    /**
     * Reads the parsed values into `options` (its engine options) and `threads` (0: all
     * cores). Returns the usage error to report (e.g. "--tile must be ..."), empty when every
     * value is valid.
     */
    QString read(const QCommandLineParser& parser, unblur::restore::RestoreOptions& options,
                 int& threads) const;

    /** The smallest --tile: smaller tiles give the latent prior too little to go on. */
    static constexpr int kMinTile = 128;

private:
    QCommandLineOption m_seed;
    QCommandLineOption m_threads;
    QCommandLineOption m_device;
    QCommandLineOption m_tile;
    QCommandLineOption m_overlap;
    QCommandLineOption m_precision;
    QCommandLineOption m_ensemble;
    QCommandLineOption m_refine;
};
