#pragma once

#include <QString>

namespace unblur::io {

/**
 * A plausible upper bound on an output file's size: the uncompressed pixels
 * (width x height x channels x bytes per sample) and 1 MiB for headers and metadata.
 */
qint64 expectedOutputBytes(int width, int height, int channels, int bitsPerSample);

/**
 * Whether `outputFile` can be written, checked before any long work: its folder exists or
 * can be created (nothing is created), a file can be created in it (tried with a temporary
 * file, since permission bits lie for root and on network mounts), and its file system has
 * `expectedBytes` free. Returns an empty string when fine, else a sentence naming the path
 * and the reason: "cannot write /x/y.png: the folder /x is not writable (Permission denied)".
 */
QString checkOutput(const QString& outputFile, qint64 expectedBytes);

/**
 * The same for a folder that outputs will be written into (a batch's output folder): it
 * exists or can be created, is writable and has `expectedBytes` free (default: 1 MiB).
 */
QString checkOutputFolder(const QString& folder, qint64 expectedBytes = 1 << 20);

} // namespace unblur::io
