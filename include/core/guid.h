/* GUIDs for codes: random (version 4) UUIDs, as REFI-QDA uses them. */
#ifndef MARGIN_CORE_GUID_H
#define MARGIN_CORE_GUID_H

#include <stdbool.h>

#define GUID_SIZE 37

/* Writes a new lowercase UUID such as "0b6f5c1e-8d2a-4c47-9e3b-2f1d7a6c5e40" into out.
 * Returns false when no randomness could be read. */
bool guid_generate(char out[GUID_SIZE]);

/* True for a well-formed UUID (8-4-4-4-12 hex digits, either case). */
bool guid_valid(const char *s);

#endif
