#pragma once
// PASS/FAIL lines for the LibTorch-only check programs (unblur-modelcheck, unblur-enginecheck),
// which run on machines without Qt Test.

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>

namespace unblur::checks {

/** Runs named checks, prints one line each and counts the failures. */
class CheckReport
{
public:
    /** `body` returns its detail; a detail that starts with "FAIL" (or a throw) fails it. */
    void check(const std::string& name, const std::function<std::string()>& body)
    {
        std::string detail;
        bool ok = false;
        try {
            detail = body();
            ok = detail.rfind("FAIL", 0) != 0;
        } catch (const std::exception& error) {
            detail = std::string("FAIL exception: ") + error.what();
        }
        std::printf("%-4s %-48s %s\n", ok ? "PASS" : "FAIL", name.c_str(), detail.c_str());
        std::fflush(stdout);
        m_failures += ok ? 0 : 1;
    }

    /** Prints the summary; the process exit status. */
    int finish() const
    {
        std::printf("%s: %d check(s) failed\n", m_failures ? "FAILED" : "OK", m_failures);
        return m_failures ? 1 : 0;
    }

    static std::string within(double error, double tolerance)
    {
        char text[96];
        std::snprintf(text, sizeof text, "%smax abs diff %.3g (tolerance %.0e)",
                      error <= tolerance ? "" : "FAIL ", error, tolerance);
        return text;
    }

private:
    int m_failures = 0;
};

/**
 * "--name value" command-line pairs. An option not in `known`, or one without a value, is
 * reported as "tool: reason" and ends the program with status 2.
 */
class CheckOptions
{
public:
    CheckOptions(const char* tool, int argc, char** argv, std::initializer_list<std::string> known)
    {
        for (int i = 1; i < argc; i += 2) {
            const std::string name = argv[i];
            bool isKnown = false;
            for (const std::string& k : known) {
                isKnown = isKnown || k == name;
            }
            if (!isKnown || i + 1 == argc) {
                std::fprintf(stderr, "%s: %s %s\n", tool,
                             isKnown ? "no value after option" : "unknown option", name.c_str());
                std::exit(2);
            }
            m_values[name] = argv[i + 1];
        }
    }

    std::string value(const std::string& name, const std::string& fallback) const
    {
        const auto found = m_values.find(name);
        return found == m_values.end() ? fallback : found->second;
    }

private:
    std::map<std::string, std::string> m_values;
};

} // namespace unblur::checks
