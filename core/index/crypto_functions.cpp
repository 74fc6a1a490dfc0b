// The libcrypto functions Pindex calls (sha256), opened on first use (core/util/lazy_library.h):
// a command that hashes nothing never loads OpenSSL.

#include <openssl/evp.h>

#include "core/util/lazy_library.h"

namespace {
pindex::util::LazyLibrary libcrypto{PINDEX_CRYPTO_SONAME};
} // namespace

int EVP_Digest(const void* data, size_t count, unsigned char* digest, unsigned int* size, const EVP_MD* type,
               ENGINE* engine)
{
    return PINDEX_LAZY_FUNCTION(libcrypto, EVP_Digest)(data, count, digest, size, type, engine);
}

const EVP_MD* EVP_sha256(void)
{
    return PINDEX_LAZY_FUNCTION(libcrypto, EVP_sha256)();
}
