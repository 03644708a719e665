#pragma once

#include "io/PhotoWriter.h"
#include "restore/RestoreOptions.h"

#include <QString>
#include <QStringList>

namespace unblur::batch {

/** What to do when an output file already exists before the batch writes it. */
enum class Collision
{
    SkipExisting, ///< leave it and mark the photo skipped: a re-run resumes a batch
    Suffix,       ///< write "name-2.ext" (the first free number) beside it
    Overwrite,    ///< replace it (never an input: that is always refused)
};

/** "skip-existing", "suffix", "overwrite". */
const char* collisionName(Collision collision);

/** Everything a batch export needs to know; shared by the GUI and `unblur-cli batch`. */
struct BatchOptions
{
    /** Files and folders. A file is always taken; a folder contributes its photos. */
    QStringList inputs;
    /** Descend into sub-folders of folder inputs (mirrored under `outputFolder`). */
    bool recursive = false;
    /**
     * File-name globs (e.g. "*.jpg", "IMG_*") that a file found in a folder must match, case
     * insensitive; empty: every file with a photo extension (JPEG, PNG, TIFF, WebP, BMP, RAW).
     */
    QStringList includes;
    QString outputFolder;
    /**
     * The output file name: {name} (the input's name without extension), {ext} (the output
     * format's extension), {model}, {date} (yyyy-MM-dd of the run). ".{ext}" is appended when
     * the template names no extension.
     */
    QString nameTemplate = QStringLiteral("{name}_unblur.{ext}");
    QString modelName;           ///< for {model} and the XMP history
    io::PhotoWriteOptions write; ///< format, quality, bit depth, metadata policy
    io::Provenance provenance;   ///< written as Software / CreatorTool
    Collision collision = Collision::SkipExisting;
    restore::RestoreOptions restore; ///< device, precision, tiles, seed, protect-sharp...
    /**
     * Skip photos whose blur score is below the threshold (restore.blur.threshold), with the
     * state skipped and the reason "sharp (blur 0.12)".
     */
    bool onlyBlurry = false;
    /** This run's share of the files: shard `shardIndex` (1-based) of `shardCount`. */
    int shardIndex = 1;
    int shardCount = 1;
    /** Load, process and save on three threads; false runs them one after the other. */
    bool pipelined = true;
    /** Photos decoded ahead of, and restored behind, the engine (each queue's capacity). */
    int queueCapacity = 2;

    /** The first problem with these options as a sentence; empty when they can be used. */
    QString validate() const;

    /** Parses "K/N" (1 <= K <= N); false for anything else. */
    static bool parseShard(const QString& text, int& index, int& count);
};

} // namespace unblur::batch
