// model.json's "config": the published option-file field names, checked against the shapes.
#include "ModelError.h"
#include "ModelFolder.h"

#ifdef UNBLUR_HAVE_JSON
#include <nlohmann/json.hpp>
#endif

#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace unblur::model {

#ifdef UNBLUR_HAVE_JSON
namespace {

using Json = nlohmann::json;

class FieldReader
{
public:
    FieldReader(const Json& object, std::string section, std::string file)
        : m_object(object), m_section(std::move(section)), m_file(std::move(file))
    {
    }

    /** Reads `key` when present; a value that contradicts the shapes is an error. */
    template <typename T> void exact(const char* key, T& field) const
    {
        if (!m_object.contains(key)) {
            return;
        }
        const T value = get<T>(key);
        if (value != field) {
            fail(key, "is " + text(value) + " but the checkpoints have " + text(field));
        }
    }

    /** An expansion factor only has to give the same integer widths as the shapes. */
    void factor(const char* key, double& field, const std::vector<int64_t>& bases) const
    {
        if (!m_object.contains(key)) {
            return;
        }
        const double value = get<double>(key);
        constexpr double kLargestFactor = 1024; // products stay far inside int64_t
        if (!(value > 0 && value <= kLargestFactor))
            fail(key, "is " + text(value) + ", out of range");
        for (int64_t base : bases) {
            if (int64_t(base * value) != int64_t(base * field)) {
                fail(key, "is " + text(value) + " but the checkpoints' layer widths need " +
                              text(field));
            }
        }
        field = value;
    }

    /** A field the shapes cannot tell (the schedule): taken as given. */
    template <typename T> void free(const char* key, T& field) const
    {
        if (m_object.contains(key)) {
            field = get<T>(key);
        }
    }

private:
    template <typename T> T get(const char* key) const
    {
        try {
            const Json& value = m_object.at(key);
            if (!fits<T>(value))
                fail(key, "is out of range");
            return value.get<T>();
        } catch (const ModelError&) {
            throw;
        } catch (const std::exception&) {
            fail(key, "has the wrong type");
        }
        return T();
    }

    /** nlohmann converts a number to an integer with a cast, undefined out of its range. */
    template <typename T> static bool fits(const Json& value)
    {
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
            static_assert(std::is_signed_v<T>);
            constexpr double bound = -double(std::numeric_limits<T>::min()); // 2^(bits-1)
            if (value.is_number_unsigned())
                return value.get<uint64_t>() <= uint64_t(std::numeric_limits<T>::max());
            if (value.is_number_integer())
                return value.get<int64_t>() >= int64_t(std::numeric_limits<T>::min()) &&
                       value.get<int64_t>() <= int64_t(std::numeric_limits<T>::max());
            if (value.is_number_float())
                return value.get<double>() >= -bound && value.get<double>() < bound;
            return true; // not a number: get() throws
        } else if constexpr (std::is_same_v<T, std::vector<int>>) {
            if (value.is_array())
                for (const Json& item : value)
                    if (!fits<int>(item))
                        return false;
            return true;
        } else {
            return true;
        }
    }
    template <typename T> static std::string text(const T& value) { return Json(value).dump(); }
    [[noreturn]] void fail(const char* key, const std::string& why) const
    {
        throw ModelError(m_file + ": field '" + m_section + "." + key + "' " + why);
    }

    const Json& m_object;
    std::string m_section;
    std::string m_file;
};

const Json& section(const Json& config, const char* name)
{
    static const Json empty = Json::object();
    return config.contains(name) ? config.at(name) : empty;
}

} // namespace

HiDiffConfig applyModelJson(const std::string& jsonText, const HiDiffConfig& inferred,
                            const std::string& file, ModelInfo& info)
{
    // parseModelCard has checked that the text is a JSON object.
    ModelCard card = parseModelCard(jsonText, file);
    const Json root = Json::parse(jsonText);
    if (card.name.empty()) {
        card.name = info.card.name;
    }
    info.card = std::move(card);

    HiDiffConfig config = inferred;
    const Json& all = section(root, "config");
    const FieldReader g(section(all, "g"), "g", file);
    TransformerConfig& t = config.g;
    g.exact("dim", t.dim);
    g.exact("num_blocks", t.numBlocks);
    g.exact("num_refinement_blocks", t.numRefinementBlocks);
    g.exact("heads", t.heads);
    g.factor("ffn_expansion_factor", t.ffnExpansionFactor,
             {t.dim, 2 * t.dim, 4 * t.dim, 8 * t.dim});
    g.exact("bias", t.bias);
    g.exact("LayerNorm_type", t.layerNormType);
    g.exact("embed_dim", t.embedDim);
    g.exact("group", t.group);

    const FieldReader le(section(all, "le"), "le", file);
    EncoderConfig& e = config.le;
    le.exact("embed_dim", e.embedDim);
    le.exact("block_num", e.blockNum);
    le.exact("group", e.group);
    le.factor("patch_expansion", e.patchExpansion, {int64_t(e.group) * e.group});
    le.factor("channel_expansion", e.channelExpansion, {e.embedDim});

    const FieldReader d(section(all, "d"), "d", file);
    DenoiserConfig& n = config.d;
    d.exact("in_channel", n.inChannel);
    d.exact("out_channel", n.outChannel);
    d.exact("inner_channel", n.innerChannel);
    d.exact("block_num", n.blockNum);
    d.exact("group", n.group);
    d.factor("patch_expansion", n.patchExpansion, {int64_t(n.group) * n.group});
    d.factor("channel_expansion", n.channelExpansion, {n.innerChannel});

    const FieldReader s(section(all, "schedule"), "schedule", file);
    s.free("schedule", config.schedule.schedule);
    s.free("timesteps", config.schedule.timesteps);
    s.free("linear_start", config.schedule.linearStart);
    s.free("linear_end", config.schedule.linearEnd);
    info.card.config = config;
    return config;
}

#else

HiDiffConfig applyModelJson(const std::string&, const HiDiffConfig& inferred,
                            const std::string& file, ModelInfo& info)
{
    info.notes.push_back(file + ": ignored (built without JSON support); configuration "
                                "inferred from the checkpoints");
    info.card.config = inferred;
    return inferred;
}

#endif

} // namespace unblur::model
