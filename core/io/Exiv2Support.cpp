#include "Exiv2Support.h"

#include <exiv2/exiv2.hpp>
#include <mutex>

namespace unblur::io {

namespace {

thread_local Exiv2Messages* t_collector = nullptr;
thread_local std::vector<std::string>* t_sink = nullptr;

void onExiv2Message(int level, const char* message)
{
    if (t_sink == nullptr || message == nullptr || level < Exiv2::LogMsg::warn) {
        return;
    }
    std::string text(message);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    t_sink->push_back(text);
}

} // namespace

void initExiv2()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Exiv2::XmpParser::initialize();
        Exiv2::enableBMFF(true);
        Exiv2::LogMsg::setLevel(Exiv2::LogMsg::warn);
        Exiv2::LogMsg::setHandler(onExiv2Message);
    });
}

Exiv2Messages::Exiv2Messages() : m_previous(t_collector)
{
    initExiv2();
    t_collector = this;
    t_sink = &m_messages;
}

Exiv2Messages::~Exiv2Messages()
{
    t_collector = m_previous;
    t_sink = m_previous != nullptr ? &m_previous->m_messages : nullptr;
}

} // namespace unblur::io
