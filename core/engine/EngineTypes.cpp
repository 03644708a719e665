#include "EngineTypes.h"

#include "model/ModelError.h"

namespace unblur::engine {

Precision parsePrecision(const std::string& text)
{
    if (text == "fp32" || text == "float32") {
        return Precision::Float32;
    }
    if (text == "fp16" || text == "float16") {
        return Precision::Float16;
    }
    if (text == "bf16" || text == "bfloat16") {
        return Precision::BFloat16;
    }
    if (text == "auto") {
        return Precision::Auto;
    }
    throw model::ModelError("unknown precision '" + text + "'; use auto, fp32, fp16 or bf16");
}

std::string precisionName(Precision precision)
{
    switch (precision) {
    case Precision::Float16:
        return "fp16";
    case Precision::BFloat16:
        return "bf16";
    case Precision::Auto:
        return "auto";
    case Precision::Float32:
        break;
    }
    return "fp32";
}

} // namespace unblur::engine
