// The libcurl functions Pindex calls, opened on first use (core/util/lazy_library.h): a process
// that never makes an HTTP request never loads libcurl and the TLS, Kerberos, LDAP, SSH and IDN
// libraries behind it.

#include <cstdarg>

#include <curl/curl.h>

#include "core/util/lazy_library.h"

namespace {
pindex::util::LazyLibrary libcurl{PINDEX_CURL_SONAME};

// A variadic option's argument, read with the type libcurl itself reads it with: options below
// CURLOPTTYPE_OBJECTPOINT take a long, below CURLOPTTYPE_OFF_T a pointer (data or function),
// below CURLOPTTYPE_BLOB a curl_off_t, the rest a pointer.
enum class OptionType { Long, Pointer, OffT };

OptionType optionType(long option)
{
    if (option < CURLOPTTYPE_OBJECTPOINT)
        return OptionType::Long;
    if (option < CURLOPTTYPE_OFF_T)
        return OptionType::Pointer;
    if (option < CURLOPTTYPE_BLOB)
        return OptionType::OffT;
    return OptionType::Pointer;
}

} // namespace

CURLcode curl_global_init(long flags)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_global_init)(flags);
}

curl_version_info_data* curl_version_info(CURLversion version)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_version_info)(version);
}

CURL* curl_easy_init(void)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_easy_init)();
}

void curl_easy_cleanup(CURL* handle)
{
    PINDEX_LAZY_FUNCTION(libcurl, curl_easy_cleanup)(handle);
}

void curl_easy_reset(CURL* handle)
{
    PINDEX_LAZY_FUNCTION(libcurl, curl_easy_reset)(handle);
}

CURLcode curl_easy_pause(CURL* handle, int bitmask)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_easy_pause)(handle, bitmask);
}

const char* curl_easy_strerror(CURLcode code)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_easy_strerror)(code);
}

// curl's prototypes end their named parameters with an enum (CURLoption, CURLINFO, CURLMoption)
// before the `...`, and these forwarders must keep them. va_start after an enum parameter is what
// libcurl itself does and is sound on every ABI curl supports (the enum travels as an int); clang
// warns about it in general, so the warning is off in this file.
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wvarargs"
#endif

CURLcode curl_easy_setopt(CURL* handle, CURLoption option, ...)
{
    const auto real = PINDEX_LAZY_FUNCTION(libcurl, curl_easy_setopt);
    va_list arguments;
    va_start(arguments, option);
    CURLcode result = CURLE_OK;
    switch (optionType(option)) {
    case OptionType::Long: result = real(handle, option, va_arg(arguments, long)); break;
    case OptionType::Pointer: result = real(handle, option, va_arg(arguments, void*)); break;
    case OptionType::OffT: result = real(handle, option, va_arg(arguments, curl_off_t)); break;
    }
    va_end(arguments);
    return result;
}

CURLcode curl_easy_getinfo(CURL* handle, CURLINFO info, ...)
{
    // Every CURLINFO takes a pointer to where the answer goes.
    va_list arguments;
    va_start(arguments, info);
    void* where = va_arg(arguments, void*);
    va_end(arguments);
    return PINDEX_LAZY_FUNCTION(libcurl, curl_easy_getinfo)(handle, info, where);
}

CURLM* curl_multi_init(void)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_multi_init)();
}

CURLMcode curl_multi_cleanup(CURLM* multi)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_multi_cleanup)(multi);
}

CURLMcode curl_multi_setopt(CURLM* multi, CURLMoption option, ...)
{
    const auto real = PINDEX_LAZY_FUNCTION(libcurl, curl_multi_setopt);
    va_list arguments;
    va_start(arguments, option);
    CURLMcode result = CURLM_OK;
    switch (optionType(option)) {
    case OptionType::Long: result = real(multi, option, va_arg(arguments, long)); break;
    case OptionType::Pointer: result = real(multi, option, va_arg(arguments, void*)); break;
    case OptionType::OffT: result = real(multi, option, va_arg(arguments, curl_off_t)); break;
    }
    va_end(arguments);
    return result;
}

CURLMcode curl_multi_add_handle(CURLM* multi, CURL* handle)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_multi_add_handle)(multi, handle);
}

CURLMcode curl_multi_remove_handle(CURLM* multi, CURL* handle)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_multi_remove_handle)(multi, handle);
}

CURLMcode curl_multi_perform(CURLM* multi, int* running)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_multi_perform)(multi, running);
}

CURLMcode curl_multi_poll(CURLM* multi, struct curl_waitfd extraFds[], unsigned int extraCount, int timeoutMs,
                          int* ready)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_multi_poll)(multi, extraFds, extraCount, timeoutMs, ready);
}

CURLMcode curl_multi_wakeup(CURLM* multi)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_multi_wakeup)(multi);
}

CURLMsg* curl_multi_info_read(CURLM* multi, int* left)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_multi_info_read)(multi, left);
}

const char* curl_multi_strerror(CURLMcode code)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_multi_strerror)(code);
}

struct curl_slist* curl_slist_append(struct curl_slist* list, const char* text)
{
    return PINDEX_LAZY_FUNCTION(libcurl, curl_slist_append)(list, text);
}

void curl_slist_free_all(struct curl_slist* list)
{
    PINDEX_LAZY_FUNCTION(libcurl, curl_slist_free_all)(list);
}
