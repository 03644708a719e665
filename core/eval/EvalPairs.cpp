#include "EvalPairs.h"

#include "text/AsciiLower.h"
#include "text/StartsWith.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <system_error>

namespace fs = std::filesystem;

namespace unblur::eval {

namespace {

bool isImageFile(const fs::directory_entry& entry)
{
    std::error_code error;
    if (!entry.is_regular_file(error)) {
        return false;
    }
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.front() == '.') {
        return false;
    }
    static const char* const kExtensions[] = {".png",  ".jpg",  ".jpeg", ".tif",
                                              ".tiff", ".webp", ".bmp"};
    const std::string extension = asciiLower(entry.path().extension().string());
    return std::any_of(std::begin(kExtensions), std::end(kExtensions),
                       [&](const char* known) { return extension == known; });
}

/** Image files directly in `dir`, sorted by file name. */
std::vector<fs::path> imagesIn(const fs::path& dir)
{
    std::vector<fs::path> result;
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
        if (isImageFile(entry)) {
            result.push_back(entry.path());
        }
    }
    std::sort(result.begin(), result.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
    return result;
}

/** Subfolder names of `dir` (hidden ones left out), sorted. */
std::vector<std::string> foldersIn(const fs::path& dir)
{
    std::vector<std::string> result;
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
        std::error_code kindError;
        const std::string name = entry.path().filename().string();
        if (entry.is_directory(kindError) && !name.empty() && name.front() != '.') {
            result.push_back(name);
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

/**
 * The folder among `folders` that `accepts` (given its lower-case name), preferring the
 * shortest name (`blur/` over `blur_gamma/`); a warning lists the others.
 */
std::optional<std::string> pickFolder(const std::vector<std::string>& folders,
                                      bool (*accepts)(const std::string&), const fs::path& dir,
                                      std::vector<std::string>& warnings)
{
    std::vector<std::string> matching;
    for (const std::string& name : folders) {
        if (accepts(asciiLower(name))) {
            matching.push_back(name);
        }
    }
    if (matching.empty()) {
        return std::nullopt;
    }
    std::stable_sort(
        matching.begin(), matching.end(),
        [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
    for (size_t i = 1; i < matching.size(); ++i) {
        warnings.push_back((dir / matching[i]).string() + ": ignored, using " +
                           (dir / matching[0]).string());
    }
    return matching.front();
}

bool isBlurFolder(const std::string& name)
{
    return startsWith(name, "blur");
}

bool isSharpFolder(const std::string& name)
{
    return startsWith(name, "sharp") || startsWith(name, "gt");
}

/**
 * Pairs the files of two folders: same file name, else same stem, else (when `byPrefix`) the
 * sharp stem that is the longest prefix of the blurry stem ending at an `_`.
 */
void pairFolders(const fs::path& blurryDir, const fs::path& sharpDir, bool byPrefix,
                 const std::string& namePrefix, PairScan& scan)
{
    std::map<std::string, fs::path> byName;
    std::map<std::string, fs::path> byStem;
    for (const fs::path& sharp : imagesIn(sharpDir)) {
        byName.emplace(sharp.filename().string(), sharp);
        byStem.emplace(sharp.stem().string(), sharp); // first in name order wins
    }
    for (const fs::path& blurry : imagesIn(blurryDir)) {
        const std::string stem = blurry.stem().string();
        std::optional<fs::path> sharp;
        if (auto it = byName.find(blurry.filename().string()); it != byName.end()) {
            sharp = it->second;
        } else if (auto it = byStem.find(stem); it != byStem.end()) {
            sharp = it->second;
        } else if (byPrefix) {
            for (size_t cut = stem.rfind('_'); cut != std::string::npos && cut > 0;
                 cut = stem.rfind('_', cut - 1)) {
                if (auto it = byStem.find(stem.substr(0, cut)); it != byStem.end()) {
                    sharp = it->second;
                    break;
                }
            }
        }
        if (!sharp) {
            scan.warnings.push_back(blurry.string() + ": no sharp partner in " + sharpDir.string() +
                                    " (looked for the same name" +
                                    (byPrefix ? ", the same stem or a stem that is a prefix "
                                                "ending at '_')"
                                              : ")"));
            continue;
        }
        scan.pairs.push_back({namePrefix + stem, blurry.string(), sharp->string(), {}});
    }
}

/** Layouts (a) and (b) in `dir`; false when neither is there. */
bool scanFolderLayouts(const fs::path& dir, const std::string& namePrefix, PairScan& scan)
{
    const std::vector<std::string> folders = foldersIn(dir);
    std::optional<std::string> input;
    std::optional<std::string> target;
    for (const std::string& name : folders) {
        if (asciiLower(name) == "input") {
            input = name;
        } else if (asciiLower(name) == "target") {
            target = name;
        }
    }
    if (input && target) {
        pairFolders(dir / *input, dir / *target, false, namePrefix, scan);
        scan.layout = *input + "/ + " + *target + "/";
        return true;
    }
    std::vector<std::string> notes;
    const std::optional<std::string> blurry = pickFolder(folders, isBlurFolder, dir, notes);
    const std::optional<std::string> sharp = pickFolder(folders, isSharpFolder, dir, notes);
    if (!blurry || !sharp) {
        return false;
    }
    scan.warnings.insert(scan.warnings.end(), notes.begin(), notes.end());
    pairFolders(dir / *blurry, dir / *sharp, true, namePrefix, scan);
    scan.layout = *blurry + "/ + " + *sharp + "/";
    return true;
}

/** The `_`-separated parts of a stem. */
std::vector<std::string> tokens(const std::string& stem)
{
    std::vector<std::string> result;
    size_t start = 0;
    for (size_t end = stem.find('_'); end != std::string::npos; end = stem.find('_', start)) {
        result.push_back(stem.substr(start, end - start));
        start = end + 1;
    }
    result.push_back(stem.substr(start));
    return result;
}

std::string joined(const std::vector<std::string>& parts, size_t from, size_t to)
{
    std::string result;
    for (size_t i = from; i < to; ++i) {
        result += (i > from ? "_" : "") + parts[i];
    }
    return result;
}

/** Layout (c) in `dir`; false when no file there has a `Blur` token. */
bool scanFlatLayout(const fs::path& dir, PairScan& scan)
{
    const std::vector<fs::path> files = imagesIn(dir);
    std::map<std::string, fs::path> byLowerStem;
    for (const fs::path& file : files) {
        byLowerStem.emplace(asciiLower(file.stem().string()), file);
    }
    bool any = false;
    for (const fs::path& blurry : files) {
        const std::string stem = blurry.stem().string();
        const std::vector<std::string> parts = tokens(stem);
        const auto token = std::find_if(parts.begin(), parts.end(), [](const std::string& part) {
            return asciiLower(part) == "blur";
        });
        if (token == parts.end()) {
            continue;
        }
        any = true;
        const size_t at = size_t(token - parts.begin());
        const std::string before = at > 0 ? joined(parts, 0, at) + "_" : "";
        const std::string after =
            at + 1 < parts.size() ? "_" + joined(parts, at + 1, parts.size()) : "";
        const auto sharp = byLowerStem.find(asciiLower(before + "GT" + after));
        if (sharp == byLowerStem.end()) {
            scan.warnings.push_back(blurry.string() + ": no sharp partner " + before + "GT" +
                                    after + ".* in " + dir.string());
            continue;
        }
        EvalPair pair{stem, blurry.string(), sharp->second.string(), {}};
        // Other methods' results: the same name with another single token in its place.
        for (const fs::path& other : files) {
            const std::string otherStem = other.stem().string();
            if (otherStem.size() <= before.size() + after.size() ||
                !startsWith(otherStem, before) ||
                otherStem.compare(otherStem.size() - after.size(), after.size(), after) != 0) {
                continue;
            }
            const std::string method =
                otherStem.substr(before.size(), otherStem.size() - before.size() - after.size());
            const std::string key = asciiLower(method);
            if (method.find('_') == std::string::npos && key != "blur" && key != "gt") {
                pair.references.push_back({method, other.string()});
            }
        }
        std::sort(
            pair.references.begin(), pair.references.end(),
            [](const ReferenceImage& a, const ReferenceImage& b) { return a.method < b.method; });
        scan.pairs.push_back(std::move(pair));
    }
    if (any) {
        scan.layout = "*_Blur_* + *_GT_* files";
    }
    return any;
}

} // namespace

PairScan findEvalPairs(const std::string& dir)
{
    const fs::path root(dir);
    std::error_code error;
    if (!fs::is_directory(root, error)) {
        throw EvalError(dir + ": " + (fs::exists(root, error) ? "not a folder" : "no such folder"));
    }
    PairScan scan;
    if (!scanFolderLayouts(root, "", scan) && !scanFlatLayout(root, scan)) {
        // One level down, as the GoPro test set keeps one blur/ + sharp/ per scene.
        std::vector<std::string> layouts;
        for (const std::string& scene : foldersIn(root)) {
            PairScan sceneScan;
            if (scanFolderLayouts(root / scene, scene + "/", sceneScan)) {
                scan.pairs.insert(scan.pairs.end(), sceneScan.pairs.begin(), sceneScan.pairs.end());
                scan.warnings.insert(scan.warnings.end(), sceneScan.warnings.begin(),
                                     sceneScan.warnings.end());
                if (std::find(layouts.begin(), layouts.end(), sceneScan.layout) == layouts.end()) {
                    layouts.push_back(sceneScan.layout);
                }
            }
        }
        for (const std::string& layout : layouts) {
            scan.layout += (scan.layout.empty() ? "*/" : ", */") + layout;
        }
    }
    if (scan.pairs.empty()) {
        const std::string looked =
            scan.layout.empty()
                ? "looked for input/ + target/, blur*/ + sharp*/ or gt*/, *_Blur_* + *_GT_* "
                  "files, and those folders one level down"
                : "found " + scan.layout + " but no blurry image with a sharp partner";
        throw EvalError(dir + ": no evaluation pairs found (" + looked + ")");
    }
    std::sort(scan.pairs.begin(), scan.pairs.end(), [](const EvalPair& a, const EvalPair& b) {
        return a.name != b.name ? a.name < b.name : a.blurry < b.blurry;
    });
    return scan;
}

void requireSameSize(const EvalPair& pair, int blurryWidth, int blurryHeight, int sharpWidth,
                     int sharpHeight)
{
    if (blurryWidth != sharpWidth || blurryHeight != sharpHeight) {
        throw EvalError(pair.blurry + " (" + std::to_string(blurryWidth) + "x" +
                        std::to_string(blurryHeight) + ") and " + pair.sharp + " (" +
                        std::to_string(sharpWidth) + "x" + std::to_string(sharpHeight) +
                        ") differ in size");
    }
}

} // namespace unblur::eval
