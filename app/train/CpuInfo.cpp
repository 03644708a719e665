#include "CpuInfo.h"

#include "model/FastPath.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace unblur::train {

std::string cpuModelName()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line, name = "unknown CPU";
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("model name", 0) == 0) {
            name = line.substr(line.find(':') + 2);
            break;
        }
    }
    for (const char* noise : {"(R)", "(TM)", " Processor"}) {
        for (size_t at; (at = name.find(noise)) != std::string::npos;) {
            name.erase(at, std::string(noise).size());
        }
    }
    return name;
}

bool cpuHasBFloat16Instructions()
{
    if (const char* forced = std::getenv("UNBLUR_CPU_BF16")) {
        if (std::string(forced) == "0" || std::string(forced) == "1") {
            return std::string(forced) == "1";
        }
    }
    return model::cpuHasNativeBFloat16();
}

} // namespace unblur::train
