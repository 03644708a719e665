#pragma once

#include "BatchOptions.h"
#include "BatchReport.h"

#include <QDate>
#include <vector>

namespace unblur::batch {

/**
 * The photos of a batch and where each goes, decided before any work: files found in the
 * inputs (folders recursively on request, filtered by extension or glob; hidden files, and the
 * output folder when it lies below an input folder, left out), in a stable order (by path below
 * their input folder); each output mirrors the photo's sub-folder below the output folder and is
 * named by the template; two photos that would get the same name get "-2", "-3"... in that order.
 * Then this run's shard is kept, an output that is an input photo is refused, and existing outputs
 * are handled by the collision policy. Reads folders, writes nothing.
 */
class BatchPlan
{
public:
    /** Plans `options` (assumed valid; see BatchOptions::validate). `date` fills {date}. */
    static BatchPlan make(const BatchOptions& options, const QDate& date = QDate::currentDate());

    /** Every photo of this shard: queued, or already skipped or failed with a reason. */
    const std::vector<BatchItem>& items() const { return m_items; }
    /** The photos left to work on. */
    int queued() const;

    /** The shard (0 to count-1) a photo belongs to: a stable hash of its relative path. */
    static int shardOf(const QString& relative, int count);

    /**
     * The photos `options` names (its inputs, recursive and includes; the output folder left
     * out when it lies below an input folder) in the plan's order, each once: input and relative
     * set, and an input that does not exist failed with the reason. What `make` plans and what
     * `unblur-cli score` measures.
     */
    static std::vector<BatchItem> findPhotos(const BatchOptions& options);

    /** Whether `fileName` is a photo by its extension (JPEG, PNG, TIFF, WebP, BMP, RAW). */
    static bool hasPhotoExtension(const QString& fileName);

private:
    std::vector<BatchItem> m_items;
};

} // namespace unblur::batch
