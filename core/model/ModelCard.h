#pragma once

#include "HiDiffConfig.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace unblur::model {

/** One measured figure: a set (or a speed test) and the input's and the output's value. */
struct EvaluationResult
{
    std::string set;
    std::string metric;          ///< e.g. "PSNR dB", "seconds"
    std::optional<double> input; ///< the unrestored input's figure, where it has one
    double output = 0;
    std::optional<double> gain; ///< output over input, as reported
};

/** A named data root: lineage commands write its folder as `<name>`. */
struct DataSource
{
    std::string name;
    std::string what;
    std::string licence;
};

/** One run of a model's history: training, an average, or a storage step noted on a run. */
struct LineageEntry
{
    std::string run;                  ///< unique within the lineage
    std::vector<std::string> parents; ///< run ids this one started from
    std::vector<double> weights;      ///< an average's weight per parent; empty otherwise
    std::string command; ///< unblur-train's command and options, data roots as `<name>`
    int64_t steps = 0;
    double seconds = 0;
    std::string hardware;
    std::string note;
};

/**
 * model.json: what a model is, for people and for loading. `config` holds the published
 * option-file names; the history is a flat lineage, parents before children. No absolute
 * paths: the writer replaces any with `<last folder name>`.
 */
struct ModelCard
{
    std::string name;
    std::string version;
    std::string description;
    std::string license;
    HiDiffConfig config;
    std::vector<EvaluationResult> evaluation;
    std::vector<DataSource> data;
    std::vector<LineageEntry> lineage;
    /** A model.json from before model cards: its nested "provenance" object, verbatim. */
    std::string legacyProvenance;

    /** "name version", or just the name. */
    std::string displayName() const;
    /** The last lineage entry's run id, or empty. */
    std::string lastRun() const;
};

/** An entry holding nothing but a run id: a start whose history is not recorded. */
LineageEntry lineageStart(const std::string& run);

/** model.json text for a card; throws ModelError when built without JSON support. */
std::string modelCardText(const ModelCard& card);

/**
 * The card in model.json text, all but its config (applyModelJson reads that against the
 * checkpoints' shapes). A legacy "provenance" object lands in legacyProvenance. Throws
 * ModelError.
 */
ModelCard parseModelCard(const std::string& text, const std::string& file);

/**
 * `folder`/model.json's card without loading the weights; a card named after the folder when
 * there is no model.json (or no JSON support). Throws ModelError on an unreadable file.
 */
ModelCard readModelCard(const std::string& folder);

/** Writes `folder`/model.json atomically; throws std::runtime_error or ModelError. */
void writeModelCard(const std::string& folder, const ModelCard& card);

/** The whole file as text; throws ModelError naming it when it cannot be read. */
std::string readTextFile(const std::string& path);

/** `text` with each absolute path ("/a/b", "~/b", "C:\b") replaced by `<b>`. */
std::string withoutAbsolutePaths(const std::string& text);

/** The last component of `folder` ("run29" for "/x/run29/"), for default names and run ids. */
std::string folderName(const std::string& folder);

/** Appends `from`'s entries whose run ids `to` lacks, in order. */
void mergeLineage(std::vector<LineageEntry>& to, const std::vector<LineageEntry>& from);

/** Appends `from`'s data sources whose names `to` lacks, in order. */
void mergeData(std::vector<DataSource>& to, const std::vector<DataSource>& from);

/** `wanted`, or `wanted-2`, `wanted-3`... whichever `taken` does not hold. */
std::string uniqueName(const std::string& wanted, const std::vector<std::string>& taken);

/** `wanted`, or `wanted-2`, `wanted-3`... whichever no entry of `lineage` uses. */
std::string uniqueRunId(const std::vector<LineageEntry>& lineage, const std::string& wanted);

} // namespace unblur::model
