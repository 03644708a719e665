#include "EngineCommandOptions.h"

#include <QRegularExpression>
#include <exception>

EngineCommandOptions::EngineCommandOptions()
    : m_seed("seed", QStringLiteral("Seed of the diffusion noise (default %1).").arg(kDefaultSeed),
             "n", QString::number(kDefaultSeed)),
      m_threads({"t", "threads"}, "CPU threads (default: all cores).", "n", "0"),
      m_device("device", "auto (CUDA if available), cpu, cuda or cuda:N.", "device", "auto"),
      m_tile("tile",
             "Tile size in pixels, a multiple of 8 from 128, or auto "
             "(default: from the memory the device has).",
             "n|auto", "auto"),
      m_overlap("overlap", "Pixels shared by neighbouring tiles, blended (default 32).", "n", "32"),
      m_precision("precision",
                  "auto (default: bf16 on a CPU with bf16 instructions where it measures "
                  "faster, else fp32), fp32, fp16 (CUDA only) or bf16 (emulated, slow, on a "
                  "CPU without bf16 instructions).",
                  "auto|fp32|fp16|bf16", "auto"),
      m_ensemble("ensemble",
                 "Self-ensemble: restore every tile in N mirrored or turned views and average "
                 "them; 1 (default, off), 2, 4 or 8. N times slower; often slightly cleaner.",
                 "n", "1"),
      m_refine("refine",
               "Camera-shake refinement after the network: auto (default) estimates the shake "
               "kernel and sharpens past the network where the kernel holds; on applies it "
               "whenever a kernel is found; off gives the network's output alone.",
               "auto|on|off", "auto")
{
}

void EngineCommandOptions::addTo(QCommandLineParser& parser) const
{
    parser.addOptions(
        {m_seed, m_threads, m_device, m_tile, m_overlap, m_precision, m_ensemble, m_refine});
}

QString EngineCommandOptions::read(const QCommandLineParser& parser,
                                   unblur::restore::RestoreOptions& options, int& threads) const
{
    unblur::engine::EngineOptions& engine = options.engine;
    bool ok = false;
    engine.seed = parser.value(m_seed).toULongLong(&ok);
    if (!ok) {
        return "--seed must be a non-negative integer";
    }
    threads = parser.value(m_threads).toInt(&ok);
    if (!ok || threads < 0) {
        return "--threads must be a non-negative integer (0: all cores)";
    }
    const QString deviceName = parser.value(m_device).toLower();
    if (!QRegularExpression("^(auto|cpu|cuda(:\\d+)?)$").match(deviceName).hasMatch()) {
        return "--device must be auto, cpu, cuda or cuda:N";
    }
    engine.device = deviceName.toStdString();
    const QString tileText = parser.value(m_tile).toLower();
    engine.tileSize = 0;
    if (tileText != QLatin1String("auto")) {
        engine.tileSize = tileText.toInt(&ok);
        if (!ok || engine.tileSize < kMinTile || engine.tileSize % 8 != 0) {
            return QStringLiteral("--tile must be auto or a multiple of 8 of at least %1 "
                                  "(got '%2')")
                .arg(kMinTile)
                .arg(parser.value(m_tile));
        }
    }
    engine.overlap = parser.value(m_overlap).toInt(&ok);
    if (!ok || engine.overlap < 0) {
        return "--overlap must be a non-negative integer";
    }
    if (engine.tileSize > 0 && engine.overlap > engine.tileSize / 2) {
        return QStringLiteral("--overlap must be at most half the tile (%1)")
            .arg(engine.tileSize / 2);
    }
    engine.views = parser.value(m_ensemble).toInt(&ok);
    if (!ok || !unblur::engine::isEnsembleSize(engine.views)) {
        return QStringLiteral("--ensemble must be 1, 2, 4 or 8 (got '%1')")
            .arg(parser.value(m_ensemble));
    }
    try {
        engine.precision = unblur::engine::parsePrecision(parser.value(m_precision).toStdString());
    } catch (const std::exception&) {
        return "--precision must be auto, fp32, fp16 or bf16";
    }
    try {
        options.refine =
            unblur::refine::parseRefineMode(parser.value(m_refine).toLower().toStdString());
    } catch (const std::exception&) {
        return QStringLiteral("--refine must be auto, on or off (got '%1')")
            .arg(parser.value(m_refine));
    }
    return {};
}
