/* SHA-256 (FIPS 180-4), used to recognise a source's text across project files. */
#ifndef MARGIN_CORE_SHA256_H
#define MARGIN_CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX_SIZE 65

/* Writes the lowercase hex digest of data[0..n) and its terminator into hex. */
void sha256_hex(const void *data, size_t n, char hex[SHA256_HEX_SIZE]);

#endif
