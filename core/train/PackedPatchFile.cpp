#include "train/PackedPatchFile.h"

#include "train/Random.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace unblur::train {

namespace {

constexpr uint64_t kHeaderBytes = 36;
constexpr uint32_t kMaxDescription = 1u << 20;
constexpr int kMaxSide = 16384;

void putLe(std::string& out, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

uint64_t getLe(const unsigned char* p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v |= static_cast<uint64_t>(p[i]) << (8 * i);
    return v;
}

uint16_t quantise(float v)
{
    const float c = std::isnan(v) ? 0.0f : std::clamp(v, 0.0f, 1.0f);
    return static_cast<uint16_t>(std::lround(c * 65535.0f));
}

/** One pair as little-endian uint16 bytes: blurry values, then sharp values. */
void encodeRecord(const PatchPair& pair, uint64_t plane3, std::vector<unsigned char>& out)
{
    out.resize(4 * plane3);
    const std::vector<float>* parts[] = {&pair.blurry, &pair.sharp};
    size_t o = 0;
    for (const auto* part : parts) {
        for (uint64_t i = 0; i < plane3; ++i) {
            const uint16_t q = quantise((*part)[i]);
            out[o++] = static_cast<unsigned char>(q & 0xFF);
            out[o++] = static_cast<unsigned char>(q >> 8);
        }
    }
}

[[noreturn]] void fail(const std::string& path, const std::string& reason)
{
    throw std::runtime_error("packed patches " + path + ": " + reason);
}

} // namespace

void writePackedPatches(const std::string& path, const PairSource& source, uint64_t count, int size,
                        uint64_t firstIndex, int threads)
{
    if (count == 0 || size <= 0 || size > kMaxSide)
        throw std::invalid_argument("packed patches " + path +
                                    ": count must be >= 1 and size in 1.." +
                                    std::to_string(kMaxSide));
    std::string description = source.describe();
    if (description.size() > kMaxDescription)
        description.resize(kMaxDescription);

    std::string header(kPackedPatchMagic, sizeof kPackedPatchMagic);
    putLe(header, kPackedPatchVersion, 4);
    putLe(header, static_cast<uint64_t>(size), 4);
    putLe(header, count, 8);
    putLe(header, firstIndex, 8);
    putLe(header, description.size(), 4);
    header += description;

    const std::string temp = path + ".partial";
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out)
        fail(path, "cannot create " + temp);
    try {
        out.write(header.data(), static_cast<std::streamsize>(header.size()));

        // Sample a chunk in parallel, write it in order, repeat.
        const uint64_t plane3 = 3ull * size * size;
        const size_t workers = threads > 0 ? static_cast<size_t>(threads)
                                           : std::max(1u, std::thread::hardware_concurrency());
        const uint64_t chunk = std::max<uint64_t>(1, workers * 4);
        std::vector<std::vector<unsigned char>> records(chunk);
        for (uint64_t begin = 0; begin < count; begin += chunk) {
            const uint64_t n = std::min(chunk, count - begin);
            std::atomic<uint64_t> next{0};
            std::exception_ptr failure;
            std::mutex failureMutex;
            const auto work = [&] {
                for (uint64_t i; (i = next.fetch_add(1)) < n;) {
                    try {
                        const PatchPair pair = source.sample(firstIndex + begin + i, size);
                        if (pair.blurry.size() != plane3 || pair.sharp.size() != plane3)
                            throw std::runtime_error("the source gave a pair of the wrong size");
                        encodeRecord(pair, plane3, records[i]);
                    } catch (...) {
                        std::lock_guard<std::mutex> lock(failureMutex);
                        if (!failure)
                            failure = std::current_exception();
                    }
                }
            };
            std::vector<std::thread> pool;
            for (size_t t = 1; t < std::min<uint64_t>(workers, n); ++t)
                pool.emplace_back(work);
            work();
            for (auto& t : pool)
                t.join();
            if (failure)
                std::rethrow_exception(failure);
            for (uint64_t i = 0; i < n; ++i)
                out.write(reinterpret_cast<const char*>(records[i].data()),
                          static_cast<std::streamsize>(records[i].size()));
            if (!out)
                fail(path, "cannot write " + temp + " (disk full?)");
        }
        out.close();
        if (!out)
            fail(path, "cannot write " + temp);
        std::error_code ec;
        std::filesystem::rename(temp, path, ec);
        if (ec)
            fail(path, "cannot rename " + temp + ": " + ec.message());
    } catch (const std::exception& e) {
        out.close();
        std::remove(temp.c_str());
        if (std::string(e.what()).rfind("packed patches ", 0) == 0)
            throw;
        fail(path, e.what());
    }
}

PackedPatchSource::PackedPatchSource(const std::string& path, uint64_t seed)
    : m_path(path), m_seed(seed)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "cannot open the file");
    in.seekg(0, std::ios::end);
    const std::streamoff length = in.tellg();
    in.seekg(0, std::ios::beg);
    if (length < static_cast<std::streamoff>(kHeaderBytes))
        fail(path, "too short for a header (" + std::to_string(length) + " bytes)");

    unsigned char head[kHeaderBytes];
    in.read(reinterpret_cast<char*>(head), kHeaderBytes);
    if (!in)
        fail(path, "cannot read the header");
    if (std::memcmp(head, kPackedPatchMagic, sizeof kPackedPatchMagic) != 0)
        fail(path, "not an Unblur packed patch file (bad magic)");
    const uint64_t version = getLe(head + 8, 4);
    if (version != kPackedPatchVersion)
        fail(path, "unsupported version " + std::to_string(version));
    const uint64_t side = getLe(head + 12, 4);
    m_count = getLe(head + 16, 8);
    m_firstIndex = getLe(head + 24, 8);
    const uint64_t descriptionLength = getLe(head + 32, 4);
    if (side == 0 || side > kMaxSide)
        fail(path, "bad patch size " + std::to_string(side));
    if (m_count == 0)
        fail(path, "holds no pairs");
    if (descriptionLength > kMaxDescription)
        fail(path, "bad description length " + std::to_string(descriptionLength));
    m_size = static_cast<int>(side);

    // Expected length, with overflow checks: a garbage count must not wrap around.
    const uint64_t recordBytes = 4ull * 3 * side * side;
    const uint64_t available = static_cast<uint64_t>(length) - kHeaderBytes;
    if (descriptionLength > available || m_count > (available - descriptionLength) / recordBytes)
        fail(path, "truncated: the header promises " + std::to_string(m_count) + " pairs of " +
                       std::to_string(side) + " px, the file has " + std::to_string(length) +
                       " bytes");
    const uint64_t expected = kHeaderBytes + descriptionLength + m_count * recordBytes;
    if (static_cast<uint64_t>(length) != expected)
        fail(path, "wrong length: expected " + std::to_string(expected) + " bytes, found " +
                       std::to_string(length));

    m_description.resize(descriptionLength);
    in.read(m_description.data(), static_cast<std::streamsize>(descriptionLength));
    m_values.resize(m_count * recordBytes / 2);
    // Read in pieces, converting from little-endian whatever the host is.
    std::vector<unsigned char> buffer(std::min<uint64_t>(m_count * recordBytes, 1ull << 24));
    uint64_t done = 0;
    while (in && done < m_values.size()) {
        const uint64_t n = std::min<uint64_t>(buffer.size() / 2, m_values.size() - done);
        in.read(reinterpret_cast<char*>(buffer.data()), static_cast<std::streamsize>(2 * n));
        for (uint64_t i = 0; i < n && in; ++i)
            m_values[done + i] = static_cast<uint16_t>(buffer[2 * i] | (buffer[2 * i + 1] << 8));
        done += n;
    }
    if (!in)
        fail(path, "read error");
}

PatchPair PackedPatchSource::stored(uint64_t i) const
{
    if (i >= m_count)
        throw std::out_of_range("packed patches " + m_path + ": no pair " + std::to_string(i));
    const size_t plane3 = 3ull * m_size * m_size;
    const uint16_t* base = m_values.data() + i * 2 * plane3;
    PatchPair pair;
    pair.size = m_size;
    pair.blurry.resize(plane3);
    pair.sharp.resize(plane3);
    for (size_t k = 0; k < plane3; ++k) {
        pair.blurry[k] = base[k] / 65535.0f;
        pair.sharp[k] = base[plane3 + k] / 65535.0f;
    }
    return pair;
}

PatchPair PackedPatchSource::sample(uint64_t index, int size) const
{
    if (size <= 0 || size > m_size)
        throw std::invalid_argument("packed patches " + m_path + ": cannot cut " +
                                    std::to_string(size) + " px patches from stored " +
                                    std::to_string(m_size) + " px ones");
    uint64_t state = mixSeed(m_seed, index);
    const auto next = [&state] { return state = splitmix64(state); };
    const uint64_t range = static_cast<uint64_t>(m_size - size) + 1;
    const int x0 = static_cast<int>(next() % range);
    const int y0 = static_cast<int>(next() % range);
    const int turn = static_cast<int>(next() % 8);

    const size_t n = static_cast<size_t>(size);
    const size_t stride = static_cast<size_t>(m_size);
    const size_t storedPlane = stride * stride;
    const uint16_t* base = m_values.data() + (index % m_count) * 6 * storedPlane;
    PatchPair pair;
    pair.size = size;
    pair.blurry.resize(3 * n * n);
    pair.sharp.resize(3 * n * n);
    for (size_t r = 0; r < n; ++r) {
        for (size_t c = 0; c < n; ++c) {
            // Output (r, c) of R(F(crop)): F mirrors columns when bit 2 is set, R turns
            // clockwise by (turn & 3) quarters.
            size_t sr = r, sc = c;
            switch (turn & 3) {
            case 1:
                sr = n - 1 - c;
                sc = r;
                break;
            case 2:
                sr = n - 1 - r;
                sc = n - 1 - c;
                break;
            case 3:
                sr = c;
                sc = n - 1 - r;
                break;
            default:
                break;
            }
            if (turn & 4)
                sc = n - 1 - sc;
            const size_t from = (sr + y0) * stride + (sc + x0);
            const size_t to = r * n + c;
            for (size_t ch = 0; ch < 3; ++ch) {
                pair.blurry[ch * n * n + to] = base[ch * storedPlane + from] / 65535.0f;
                pair.sharp[ch * n * n + to] = base[(3 + ch) * storedPlane + from] / 65535.0f;
            }
        }
    }
    return pair;
}

std::string PackedPatchSource::describe() const
{
    return "packed patches " + m_path + ": " + std::to_string(m_count) + " pairs of " +
           std::to_string(m_size) + " px, from: " + m_description;
}

} // namespace unblur::train
