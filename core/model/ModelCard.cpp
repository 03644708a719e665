// model.json as a model card: nlohmann/json conversions, layout, absolute-path rewriting.
#include "ModelCard.h"

#include "ModelError.h"

#ifdef UNBLUR_HAVE_JSON
#include <nlohmann/json.hpp>
#endif

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace unblur::model {

std::string ModelCard::displayName() const
{
    return version.empty() ? name : name + " " + version;
}

std::string ModelCard::lastRun() const
{
    return lineage.empty() ? std::string() : lineage.back().run;
}

LineageEntry lineageStart(const std::string& run)
{
    LineageEntry entry;
    entry.run = run;
    return entry;
}

namespace {

bool startsPath(const std::string& text, size_t i)
{
    const auto pathChar = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
               c == '~' || c == '+';
    };
    const size_t n = text.size();
    if (i > 0 && std::string(" \t\n=(,;[{<'\"").find(text[i - 1]) == std::string::npos) {
        return false;
    }
    if (text[i] == '/') {
        return i + 1 < n && pathChar(text[i + 1]);
    }
    if (text[i] == '~') {
        return i + 1 < n && text[i + 1] == '/';
    }
    return std::isalpha(static_cast<unsigned char>(text[i])) && i + 2 < n && text[i + 1] == ':' &&
           (text[i + 2] == '\\' || text[i + 2] == '/');
}

} // namespace

std::string withoutAbsolutePaths(const std::string& text)
{
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        if (!startsPath(text, i)) {
            out += text[i++];
            continue;
        }
        size_t end = i;
        while (end < text.size() &&
               std::string(" \t\n,;)]}>'\"").find(text[end]) == std::string::npos) {
            ++end;
        }
        std::string path = text.substr(i, end - i);
        while (path.size() > 1 && (path.back() == '/' || path.back() == '\\')) {
            path.pop_back();
        }
        const size_t slash = path.find_last_of("/\\");
        const std::string last = slash == std::string::npos ? path : path.substr(slash + 1);
        out += "<" + (last.empty() || last == "~" ? std::string("path") : last) + ">";
        i = end;
    }
    return out;
}

std::string folderName(const std::string& folder)
{
    namespace fs = std::filesystem;
    fs::path path = fs::absolute(folder).lexically_normal();
    if (!path.has_filename()) {
        path = path.parent_path();
    }
    const std::string name = path.filename().string();
    return name.empty() || name == "." || name == ".." ? std::string("model") : name;
}

void mergeLineage(std::vector<LineageEntry>& to, const std::vector<LineageEntry>& from)
{
    for (const LineageEntry& entry : from) {
        if (std::none_of(to.begin(), to.end(),
                         [&](const LineageEntry& have) { return have.run == entry.run; })) {
            to.push_back(entry);
        }
    }
}

void mergeData(std::vector<DataSource>& to, const std::vector<DataSource>& from)
{
    for (const DataSource& source : from) {
        if (std::none_of(to.begin(), to.end(),
                         [&](const DataSource& have) { return have.name == source.name; })) {
            to.push_back(source);
        }
    }
}

std::string uniqueName(const std::string& wanted, const std::vector<std::string>& taken)
{
    for (int n = 1;; ++n) {
        const std::string name = n == 1 ? wanted : wanted + "-" + std::to_string(n);
        if (std::find(taken.begin(), taken.end(), name) == taken.end()) {
            return name;
        }
    }
}

std::string uniqueRunId(const std::vector<LineageEntry>& lineage, const std::string& wanted)
{
    std::vector<std::string> taken;
    for (const LineageEntry& entry : lineage) {
        taken.push_back(entry.run);
    }
    return uniqueName(wanted.empty() ? std::string("run") : wanted, taken);
}

#ifdef UNBLUR_HAVE_JSON

using Json = nlohmann::ordered_json;

void to_json(Json& j, const EvaluationResult& r)
{
    j = Json{{"set", r.set}, {"metric", r.metric}};
    if (r.input) {
        j["input"] = *r.input;
    }
    j["output"] = r.output;
    if (r.gain) {
        j["gain"] = *r.gain;
    }
}

void from_json(const Json& j, EvaluationResult& r)
{
    r.set = j.value("set", std::string());
    r.metric = j.value("metric", std::string());
    if (j.contains("input")) {
        r.input = j.at("input").get<double>();
    }
    r.output = j.value("output", 0.0);
    if (j.contains("gain")) {
        r.gain = j.at("gain").get<double>();
    }
}

void to_json(Json& j, const DataSource& d)
{
    j = Json{{"name", d.name}, {"what", d.what}, {"licence", d.licence}};
}

void from_json(const Json& j, DataSource& d)
{
    d.name = j.value("name", std::string());
    d.what = j.value("what", std::string());
    d.licence = j.value("licence", std::string());
}

void to_json(Json& j, const LineageEntry& e)
{
    j = Json{{"run", e.run}};
    if (!e.parents.empty()) {
        j["parents"] = e.parents;
    }
    if (!e.weights.empty()) {
        j["weights"] = e.weights;
    }
    j["command"] = e.command;
    if (e.steps > 0) {
        j["steps"] = e.steps;
    }
    if (e.seconds > 0) {
        j["seconds"] = std::llround(e.seconds); // whole seconds are precise enough
    }
    if (!e.hardware.empty()) {
        j["hardware"] = e.hardware;
    }
    if (!e.note.empty()) {
        j["note"] = e.note;
    }
}

void from_json(const Json& j, LineageEntry& e)
{
    e.run = j.value("run", std::string());
    e.parents = j.value("parents", std::vector<std::string>());
    e.weights = j.value("weights", std::vector<double>());
    e.command = j.value("command", std::string());
    // nlohmann casts a float to the integer, undefined beyond int64_t's range.
    const double steps =
        j.contains("steps") && j.at("steps").is_number_float() ? j.at("steps").get<double>() : 0.0;
    if (!(steps >= -0x1p63 && steps < 0x1p63))
        throw std::out_of_range("a lineage entry's steps are out of range");
    e.steps = j.value("steps", int64_t(0));
    e.seconds = j.value("seconds", 0.0);
    e.hardware = j.value("hardware", std::string());
    e.note = j.value("note", std::string());
}

namespace {

Json configJson(const HiDiffConfig& c)
{
    Json config;
    config["g"] = {{"dim", c.g.dim},
                   {"num_blocks", c.g.numBlocks},
                   {"num_refinement_blocks", c.g.numRefinementBlocks},
                   {"heads", c.g.heads},
                   {"ffn_expansion_factor", c.g.ffnExpansionFactor},
                   {"bias", c.g.bias},
                   {"LayerNorm_type", c.g.layerNormType},
                   {"embed_dim", c.g.embedDim},
                   {"group", c.g.group}};
    config["le"] = {{"embed_dim", c.le.embedDim},
                    {"block_num", c.le.blockNum},
                    {"group", c.le.group},
                    {"patch_expansion", c.le.patchExpansion},
                    {"channel_expansion", c.le.channelExpansion}};
    config["d"] = {{"in_channel", c.d.inChannel},
                   {"out_channel", c.d.outChannel},
                   {"inner_channel", c.d.innerChannel},
                   {"block_num", c.d.blockNum},
                   {"group", c.d.group},
                   {"patch_expansion", c.d.patchExpansion},
                   {"channel_expansion", c.d.channelExpansion}};
    config["schedule"] = {{"schedule", c.schedule.schedule},
                          {"timesteps", c.schedule.timesteps},
                          {"linear_start", c.schedule.linearStart},
                          {"linear_end", c.schedule.linearEnd}};
    return config;
}

std::string compact(const Json& value)
{
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool holdsContainers(const Json& value)
{
    if (!value.is_structured() || value.empty()) {
        return false;
    }
    for (const Json& item : value) {
        if (!item.is_structured()) {
            return false;
        }
    }
    return true;
}

/** One member a line; a member holding objects or arrays gets one line for each of them. */
std::string layout(const Json& root)
{
    std::string text = "{\n";
    size_t k = 0;
    for (const auto& [key, value] : root.items()) {
        text += " " + compact(key) + ": ";
        if (holdsContainers(value)) {
            const bool object = value.is_object();
            text += object ? "{\n" : "[\n";
            size_t i = 0;
            for (const auto& [innerKey, item] : value.items()) {
                text += "  " + (object ? compact(innerKey) + ": " : std::string()) + compact(item);
                text += ++i < value.size() ? ",\n" : "\n";
            }
            text += object ? " }" : " ]";
        } else {
            text += compact(value);
        }
        text += ++k < root.size() ? ",\n" : "\n";
    }
    return text + "}\n";
}

} // namespace

std::string modelCardText(const ModelCard& card)
{
    ModelCard clean = card;
    const auto scrub = [](std::string& text) { text = withoutAbsolutePaths(text); };
    for (std::string* text : {&clean.name, &clean.version, &clean.description, &clean.license}) {
        scrub(*text);
    }
    for (EvaluationResult& r : clean.evaluation) {
        scrub(r.set);
        scrub(r.metric);
    }
    for (DataSource& d : clean.data) {
        scrub(d.name);
        scrub(d.what);
        scrub(d.licence);
    }
    for (LineageEntry& e : clean.lineage) {
        scrub(e.run);
        for (std::string& parent : e.parents) {
            scrub(parent);
        }
        scrub(e.command);
        scrub(e.hardware);
        scrub(e.note);
    }
    Json root;
    root["name"] = clean.name;
    root["version"] = clean.version;
    root["description"] = clean.description;
    root["license"] = clean.license;
    root["config"] = configJson(clean.config);
    root["evaluation"] = clean.evaluation;
    root["data"] = clean.data;
    root["lineage"] = clean.lineage;
    return layout(root);
}

ModelCard parseModelCard(const std::string& text, const std::string& file)
{
    Json root;
    try {
        root = Json::parse(text);
    } catch (const Json::exception& error) { // a syntax error, a number beyond a double
        throw ModelError(file + ": not valid JSON (" + error.what() + ")");
    }
    if (!root.is_object()) {
        throw ModelError(file + ": must hold a JSON object");
    }
    ModelCard card;
    try {
        card.name = root.value("name", std::string());
        card.version = root.value("version", std::string());
        card.description = root.value("description", std::string());
        card.license = root.value("license", std::string());
        card.evaluation = root.value("evaluation", std::vector<EvaluationResult>());
        card.data = root.value("data", std::vector<DataSource>());
        card.lineage = root.value("lineage", std::vector<LineageEntry>());
        if (root.contains("provenance")) {
            card.legacyProvenance = root.at("provenance").dump(1);
        }
    } catch (const std::exception& error) { // nlohmann's, and out-of-range numbers
        throw ModelError(file + ": a model card field has the wrong type (" + error.what() + ")");
    }
    return card;
}

#else

std::string modelCardText(const ModelCard&)
{
    throw ModelError("model.json cannot be written: built without JSON support");
}

ModelCard parseModelCard(const std::string&, const std::string& file)
{
    throw ModelError(file + ": cannot be read: built without JSON support");
}

#endif

ModelCard readModelCard(const std::string& folder)
{
    namespace fs = std::filesystem;
    const fs::path path = fs::path(folder) / "model.json";
    ModelCard card;
#ifdef UNBLUR_HAVE_JSON
    if (fs::exists(path)) {
        card = parseModelCard(readTextFile(path.string()), path.string());
    }
#endif
    if (card.name.empty()) {
        card.name = folderName(folder);
    }
    return card;
}

std::string readTextFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
        throw ModelError(path + ": cannot be read");
    }
    return text.str();
}

void writeModelCard(const std::string& folder, const ModelCard& card)
{
    const std::string json = modelCardText(card);
    const std::filesystem::path path = std::filesystem::path(folder) / "model.json";
    const std::string partial = path.string() + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << json;
        if (!out.flush()) {
            throw std::runtime_error(path.string() + ": cannot write");
        }
    }
    std::filesystem::rename(partial, path);
}

} // namespace unblur::model
