#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "core/index/sha256.h"

using namespace pindex;

namespace {

// Hashes with `compress` for the duration of one call, then restores the choice made at start-up.
std::string hexWith(index::detail::Sha256Compress compress, std::string_view data, std::size_t chunk)
{
    const auto chosen = index::detail::sha256Accelerated() != nullptr ? index::detail::sha256Accelerated()
                                                                      : index::detail::sha256Portable();
    index::detail::setSha256Compress(compress);
    index::Sha256 hash;
    for (std::size_t at = 0; at < data.size(); at += chunk)
        hash.update(data.substr(at, chunk));
    const auto hex = index::toHex(hash.digest());
    index::detail::setSha256Compress(chosen);
    return hex;
}

std::string randomBytes(std::size_t size, std::uint32_t seed)
{
    std::mt19937 generator(seed);
    std::string bytes(size, '\0');
    for (auto& byte : bytes)
        byte = static_cast<char>(generator() & 0xFF);
    return bytes;
}

} // namespace

// FIPS 180-4's examples (NIST's "SHA256.pdf", "SHA2_Additional") and the empty message.
TEST_CASE("sha256: the standard's test vectors, through each implementation and in any chunking", "[index]")
{
    const std::string million(1'000'000, 'a');
    const std::vector<std::pair<std::string, std::string>> vectors = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
         "mnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
        {million, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
        {std::string(55, 'a'), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {std::string(56, 'a'), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {std::string(64, 'a'), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
    };
    std::vector<index::detail::Sha256Compress> implementations = {index::detail::sha256Portable()};
    if (index::detail::sha256Accelerated() != nullptr)
        implementations.push_back(index::detail::sha256Accelerated());
    else
        WARN("this processor has no SHA extensions: only the portable implementation is checked");
    for (const auto& [message, expected] : vectors) {
        CHECK(index::sha256Hex(message) == expected);
        for (const auto compress : implementations) {
            for (const std::size_t chunk :
                 {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{1'000'000}}) {
                if (chunk == 1 && message.size() > 10'000)
                    continue;
                INFO("message of " << message.size() << " bytes in chunks of " << chunk);
                CHECK(hexWith(compress, message, chunk) == expected);
            }
        }
    }
}

TEST_CASE("sha256: the accelerated and the portable implementation agree on every length up to 1 KiB",
          "[index]")
{
    const auto accelerated = index::detail::sha256Accelerated();
    if (accelerated == nullptr) {
        WARN("this processor has no SHA extensions: nothing to compare");
        return;
    }
    for (std::size_t size = 0; size <= 1024; ++size) {
        const auto data = randomBytes(size, static_cast<std::uint32_t>(size));
        INFO(size << " bytes");
        REQUIRE(hexWith(accelerated, data, 1024) == hexWith(index::detail::sha256Portable(), data, 1024));
    }
    // A digest differs when one bit of the input does.
    auto data = randomBytes(300, 7);
    const auto before = index::sha256Hex(data);
    data[150] = static_cast<char>(data[150] ^ 0x10);
    CHECK(index::sha256Hex(data) != before);
}
