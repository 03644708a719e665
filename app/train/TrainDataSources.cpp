#include "TrainDataSources.h"

#include "train/MixedPairSource.h"
#include "train/PackedPatchFile.h"

#ifdef UNBLUR_TRAIN_WITH_OPENCV
#include "train/data/PairFolderSource.h"
#include "train/data/PairFolderWriter.h"
#include "train/data/SyntheticPairSource.h"

#include <opencv2/core/utility.hpp>
#endif

#include <cstdio>
#include <stdexcept>

namespace unblur::train {

namespace {

[[maybe_unused]] [[noreturn]] void needOpenCv(const char* option)
{
    throw std::invalid_argument(std::string(option) +
                                ": this unblur-train was built without OpenCV; pack the "
                                "patches on another machine with 'unblur-train pack'");
}

} // namespace

TrainDataSources openTrainDataSources(const TrainArguments& a, uint64_t seed)
{
    TrainDataSources result;
    std::vector<std::unique_ptr<PairSource>> sources;
#ifdef UNBLUR_TRAIN_WITH_OPENCV
    if (a.options.loaderThreads > 1) {
        // The loader threads already work in parallel; OpenCV's own would oversubscribe.
        cv::setNumThreads(1);
    }
    if (!a.photoFolders.empty()) {
        auto photos =
            std::make_unique<SyntheticPairSource>(a.photoFolders, seed, false, a.synthesis);
        for (const SkippedFile& skipped : photos->skipped()) {
            result.notes.push_back("skipped " + skipped.path + ": " + skipped.reason);
        }
        auto held = std::make_unique<SyntheticPairSource>(a.photoFolders, seed, true, a.synthesis);
        std::string names;
        for (const std::string& file : held->photos()) {
            names += (names.empty() ? "" : ", ") + file;
        }
        result.notes.push_back(std::to_string(photos->photos().size()) +
                               " training photos; held out for validation: " + names);
        sources.push_back(std::move(photos));
        result.validation = std::move(held);
    }
    for (const std::string& folder : a.pairFolders) {
        auto pairs = std::make_unique<PairFolderSource>(folder, seed);
        for (const SkippedFile& skipped : pairs->skipped()) {
            result.notes.push_back("skipped " + skipped.path + ": " + skipped.reason);
        }
        sources.push_back(std::move(pairs));
    }
#else
    if (!a.photoFolders.empty()) {
        needOpenCv("--photos");
    }
    if (!a.pairFolders.empty()) {
        needOpenCv("--pairs");
    }
#endif
    for (const std::string& file : a.packedFiles) {
        sources.push_back(std::make_unique<PackedPatchSource>(file, seed));
    }
    result.training = std::make_unique<MixedPairSource>(std::move(sources));
    return result;
}

int runDataCommand(const TrainArguments& a)
{
    if (a.count <= 0) {
        throw std::invalid_argument("--count: how many patches or pairs to write");
    }
#ifdef UNBLUR_TRAIN_WITH_OPENCV
    std::unique_ptr<PairSource> source;
    if (a.validationSplit) {
        if (a.photoFolders.empty()) {
            throw std::invalid_argument("--validation: needs --photos");
        }
        source = std::make_unique<SyntheticPairSource>(a.photoFolders, a.options.seed, true,
                                                       a.synthesis);
    } else {
        source = std::move(openTrainDataSources(a, a.options.seed).training);
    }
    if (a.command == "pack") {
        writePackedPatches(a.output, *source, uint64_t(a.count), a.size);
    } else {
        writePairFolder(a.output, *source, a.count, a.size);
    }
    std::printf("wrote %d %s of %dx%d to %s (%s)\n", a.count,
                a.command == "pack" ? "patches" : "pairs", a.size, a.size, a.output.c_str(),
                source->describe().c_str());
    return 0;
#else
    needOpenCv(a.command.c_str());
#endif
}

} // namespace unblur::train
