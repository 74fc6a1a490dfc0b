#include "core/index/sha256.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define PINDEX_SHA256_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace pindex::index {

namespace {

constexpr std::array<std::uint32_t, 64> kRound = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

constexpr std::array<std::uint32_t, 8> kInitial = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr std::uint32_t rotr(std::uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

std::uint32_t loadBigEndian(const unsigned char* p)
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

void compressPortable(std::uint32_t* state, const unsigned char* blocks, std::size_t count)
{
    for (; count > 0; --count, blocks += 64) {
        std::array<std::uint32_t, 64> w; // NOLINT(cppcoreguidelines-pro-type-member-init): filled below
        for (std::size_t t = 0; t < 16; ++t)
            w[t] = loadBigEndian(blocks + 4 * t);
        for (std::size_t t = 16; t < 64; ++t) {
            const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
            const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (std::size_t t = 0; t < 64; ++t) {
            const std::uint32_t t1 =
                h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kRound[t] + w[t];
            const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}

#ifdef PINDEX_SHA256_X86

// The SHA extensions keep the working variables as two vectors, ABEF and CDGH (A in the highest
// lane). SHA256RNDS2 runs two rounds on them with two message words plus round constants; after
// it, the old ABEF is the new CDGH. SHA256MSG1 and SHA256MSG2 compute four words of the message
// schedule from the sixteen before them.
__attribute__((target("sha,sse4.1"))) void
compressShaExtensions(std::uint32_t* state, const unsigned char* blocks, std::size_t count)
{
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    // Lanes are listed from 0 up. state[0..3] loads as A B C D, state[4..7] as E F G H; the
    // rounds want F E B A (ABEF) and H G D C (CDGH).
    __m128i abcd = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
    __m128i efgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
    const __m128i badc = _mm_shuffle_epi32(abcd, 0xB1);
    const __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);
    __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);    // F E B A
    __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0); // H G D C

    for (; count > 0; --count, blocks += 64) {
        const __m128i abefSaved = abef;
        const __m128i cdghSaved = cdgh;
        __m128i words[4]; // NOLINT(*-avoid-c-arrays): W[4k .. 4k+3] of group k, in a ring
        for (std::size_t group = 0; group < 16; ++group) {
            __m128i& w = words[group % 4];
            if (group < 4) {
                w = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks + 16 * group)),
                                     byteSwap);
            } else {
                const __m128i& previous = words[(group + 3) % 4]; // W[4k-4 .. 4k-1]
                const __m128i& before = words[(group + 2) % 4];   // W[4k-8 .. 4k-5]
                // w holds W[4k-16 .. 4k-13]; words[(group + 1) % 4] holds W[4k-12 .. 4k-9].
                __m128i next = _mm_sha256msg1_epu32(w, words[(group + 1) % 4]);
                next = _mm_add_epi32(next, _mm_alignr_epi8(previous, before, 4)); // + W[4k-7 .. 4k-4]
                w = _mm_sha256msg2_epu32(next, previous);
            }
            __m128i wk =
                _mm_add_epi32(w, _mm_loadu_si128(reinterpret_cast<const __m128i*>(&kRound[4 * group])));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk); // now ABEF after two rounds
            wk = _mm_shuffle_epi32(wk, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, wk); // now ABEF after four; cdgh holds CDGH
        }
        abef = _mm_add_epi32(abef, abefSaved);
        cdgh = _mm_add_epi32(cdgh, cdghSaved);
    }

    const __m128i abef0 = _mm_shuffle_epi32(abef, 0x1B); // A B E F
    const __m128i ghcd = _mm_shuffle_epi32(cdgh, 0xB1);  // G H C D
    abcd = _mm_blend_epi16(abef0, ghcd, 0xF0);
    efgh = _mm_alignr_epi8(ghcd, abef0, 8);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), abcd);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), efgh);
}

bool hasShaExtensions()
{
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0 || (ecx & bit_SSE4_1) == 0)
        return false;
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0)
        return false;
    return (ebx & bit_SHA) != 0;
}

#endif

detail::Sha256Compress chooseCompress()
{
#ifdef PINDEX_SHA256_X86
    if (hasShaExtensions())
        return compressShaExtensions;
#endif
    return compressPortable;
}

// Chosen on first use (not during static initialisation, which another translation unit's
// initialiser hashing something could precede).
std::atomic<detail::Sha256Compress>& compressFunction()
{
    static std::atomic<detail::Sha256Compress> chosen{chooseCompress()};
    return chosen;
}

} // namespace

Sha256::Sha256()
    : m_state(kInitial)
{}

void Sha256::update(std::string_view data)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t size = data.size();
    m_length += size;
    const auto compress = compressFunction().load(std::memory_order_relaxed);
    if (m_buffered > 0) {
        const std::size_t taken = std::min(size, m_buffer.size() - m_buffered);
        std::memcpy(m_buffer.data() + m_buffered, bytes, taken);
        m_buffered += taken;
        bytes += taken;
        size -= taken;
        if (m_buffered < m_buffer.size())
            return;
        compress(m_state.data(), m_buffer.data(), 1);
        m_buffered = 0;
    }
    const std::size_t blocks = size / 64;
    if (blocks > 0)
        compress(m_state.data(), bytes, blocks);
    bytes += blocks * 64;
    size -= blocks * 64;
    std::memcpy(m_buffer.data(), bytes, size);
    m_buffered = size;
}

Sha256Digest Sha256::digest()
{
    const std::uint64_t bits = m_length * 8;
    std::array<unsigned char, 72> padding{};
    padding[0] = 0x80;
    // Pad to 56 bytes past a block boundary, then the length in bits, big-endian.
    const std::size_t zeros = (m_buffered < 56 ? 56 - m_buffered : 120 - m_buffered);
    for (int i = 0; i < 8; ++i)
        padding[zeros + static_cast<std::size_t>(i)] = static_cast<unsigned char>(bits >> (56 - 8 * i));
    update(std::string_view(reinterpret_cast<const char*>(padding.data()), zeros + 8));
    Sha256Digest digest{};
    for (std::size_t i = 0; i < 8; ++i) {
        digest[4 * i] = static_cast<std::uint8_t>(m_state[i] >> 24);
        digest[4 * i + 1] = static_cast<std::uint8_t>(m_state[i] >> 16);
        digest[4 * i + 2] = static_cast<std::uint8_t>(m_state[i] >> 8);
        digest[4 * i + 3] = static_cast<std::uint8_t>(m_state[i]);
    }
    return digest;
}

Sha256Digest sha256(std::string_view data)
{
    Sha256 hash;
    hash.update(data);
    return hash.digest();
}

std::string toHex(const Sha256Digest& digest)
{
    static constexpr std::string_view kHex = "0123456789abcdef";
    std::string hex(digest.size() * 2, '\0');
    for (std::size_t i = 0; i < digest.size(); ++i) {
        hex[2 * i] = kHex[digest[i] >> 4];
        hex[2 * i + 1] = kHex[digest[i] & 0x0F];
    }
    return hex;
}

std::string sha256Hex(std::string_view data)
{
    return toHex(sha256(data));
}

namespace detail {

Sha256Compress sha256Portable()
{
    return compressPortable;
}

Sha256Compress sha256Accelerated()
{
#ifdef PINDEX_SHA256_X86
    if (hasShaExtensions())
        return compressShaExtensions;
#endif
    return nullptr;
}

void setSha256Compress(Sha256Compress compress)
{
    compressFunction().store(compress, std::memory_order_relaxed);
}

} // namespace detail

} // namespace pindex::index
