/* What the two files of a change share: reading the ranges of ids a "coder.owns" change holds,
 * which decoding checks and applying walks. Nothing outside src/model includes this. */
#ifndef MARGIN_MODEL_CHANGE_DATA_H
#define MARGIN_MODEL_CHANGE_DATA_H

#include <stdbool.h>
#include <stdint.h>

/* Reads the next range of ids ("12" or "3-9", then "," or the end) from *p. */
bool change_next_range(const char **p, int64_t *first, int64_t *last);

#endif
