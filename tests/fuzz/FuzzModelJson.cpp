// libFuzzer target for a model folder's model.json: the card (parseModelCard) and the config
// read against the shapes (applyModelJson), then validated, as loadModelFolder does.
// ModelError is the expected outcome; any other exception or a crash is a finding.
#include "model/HiDiffConfig.h"
#include "model/ModelError.h"
#include "model/ModelFolder.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

using namespace unblur::model;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        ModelInfo info;
        info.card.name = "fuzz";
        const HiDiffConfig config = applyModelJson(text, HiDiffConfig{}, "model.json", info);
        config.validate();
    } catch (const ModelError&) {
    } catch (const std::exception& e) {
        std::fprintf(stderr, "FINDING: not a ModelError: %s\n", e.what());
        std::abort();
    }
    return 0;
}
