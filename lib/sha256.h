/* sha256.h — SHA-256 (FIPS 180-4), for the benchmark's pseudonyms. */
#ifndef TP_SHA256_H
#define TP_SHA256_H

#include <stddef.h>

/* SHA-256 of data as 64 lowercase hex digits. */
void tp_sha256_hex(const void *data, size_t len, char out[65]);

#endif
