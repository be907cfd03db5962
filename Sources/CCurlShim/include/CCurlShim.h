#ifndef VMSVC_CCURL_SHIM_H
#define VMSVC_CCURL_SHIM_H

// Swift cannot call C variadic functions, and curl_easy_setopt / curl_easy_getinfo are
// variadic. These wrappers give each argument type its own non-variadic entry point.
#include <curl/curl.h>

CURLcode vmsvc_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode vmsvc_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode vmsvc_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode vmsvc_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode vmsvc_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode vmsvc_curl_easy_setopt_write_callback(CURL *handle, CURLoption option,
                                               size_t (*callback)(char *, size_t, size_t, void *));
/// Sets a CURLOPTTYPE_BLOB option (CA bundle, client certificate or key held in memory).
/// libcurl copies the bytes (CURL_BLOB_COPY), so `data` need only live for the call; this keeps
/// secrets out of temporary files.
CURLcode vmsvc_curl_easy_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length);
/// Sets CURLOPT_XFERINFOFUNCTION, which libcurl calls about once a second even on an idle
/// transfer: the hook for detecting a stalled stream.
CURLcode vmsvc_curl_easy_setopt_xferinfo_callback(
    CURL *handle, int (*callback)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t));
CURLMcode vmsvc_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value);

CURLcode vmsvc_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode vmsvc_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode vmsvc_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

/// The libcurl version string, e.g. "libcurl/7.88.1 OpenSSL/3.0.11 ...".
const char *vmsvc_curl_version(void);

#endif
