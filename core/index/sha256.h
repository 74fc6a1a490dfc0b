#pragma once

// SHA-256 (FIPS 180-4) for verifying index files (artifacts, PEP 658 metadata, RECORD) and for
// cache keys. Hex output is lower-case.
//
// Pindex computes it itself rather than through libcrypto: a cache key is a hash of a URL, taken
// for every cached page and metadata file a resolution reads, and libcrypto's EVP_Digest looks
// the algorithm up again on every call (more work than hashing the URL). Opening libcrypto would
// also wait for the dynamic loader's lock while libcurl loads on the transfer thread, so reading the
// cache could not overlap that load. On x86-64 processors with the SHA extensions the compression
// uses them (as fast as OpenSSL's); elsewhere a portable loop does.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pindex::index {

using Sha256Digest = std::array<std::uint8_t, 32>;

// Incremental hashing: update() any number of times, then digest() once.
class Sha256
{
public:
    Sha256();
    void update(std::string_view data);
    [[nodiscard]] Sha256Digest digest();

private:
    std::array<std::uint32_t, 8> m_state;
    std::array<unsigned char, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0; // bytes hashed so far
};

[[nodiscard]] Sha256Digest sha256(std::string_view data);
[[nodiscard]] std::string sha256Hex(std::string_view data);
[[nodiscard]] std::string toHex(const Sha256Digest& digest);

namespace detail {

// The compression function over `count` 64-byte blocks, for testing one implementation against
// the other. sha256Accelerated is null when the processor lacks the SHA extensions.
using Sha256Compress = void (*)(std::uint32_t* state, const unsigned char* blocks, std::size_t count);
[[nodiscard]] Sha256Compress sha256Portable();
[[nodiscard]] Sha256Compress sha256Accelerated();
// Which one Sha256 uses; tests swap it to hash the same input both ways.
void setSha256Compress(Sha256Compress compress);

} // namespace detail

} // namespace pindex::index
