/* GUIDs for codes: random (version 4) UUIDs, as REFI-QDA uses them. */
#ifndef MARGIN_CORE_GUID_H
#define MARGIN_CORE_GUID_H

#include <stdbool.h>
#include <stddef.h>

#define GUID_SIZE 37

/* Writes a new lowercase UUID such as "0b6f5c1e-8d2a-4c47-9e3b-2f1d7a6c5e40" into out.
 * Returns false when no randomness could be read. */
bool guid_generate(char out[GUID_SIZE]);

/* True for a well-formed UUID (8-4-4-4-12 hex digits, either case). */
bool guid_valid(const char *s);

/* Writes the name-based UUID of `name` (bytes[0..n)) within `space` (a label such as
 * "margin source", up to 64 bytes) into out: the first 128 bits of SHA-256 over the label, a
 * NUL and the SHA-256 of the bytes (in hex), marked as a version 8 UUID (RFC 9562). The same label
 * and bytes always give the same GUID, so that things margin keeps no GUID for (sources, coders,
 * cases) keep one across exports. */
void guid_derive(const char *space, const void *bytes, size_t n, char out[GUID_SIZE]);

#endif
