#include "core/guid.h"

#include "core/sha256.h"

#include <string.h>
#include <sys/random.h>

/* Writes 16 bytes as a UUID of the given version (4: random, 8: custom). */
static void format_uuid(unsigned char raw[16], int version, char out[GUID_SIZE])
{
    raw[6] = (unsigned char)((raw[6] & 0x0F) | (version << 4));
    raw[8] = (unsigned char)((raw[8] & 0x3F) | 0x80);
    static const char digits[] = "0123456789abcdef";
    size_t o = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = digits[raw[i] >> 4];
        out[o++] = digits[raw[i] & 0x0F];
    }
    out[o] = '\0';
}

bool guid_generate(char out[GUID_SIZE])
{
    /* getentropy() asks the kernel for just these bytes; reading /dev/urandom through stdio
     * opened a file and drew a buffer of 4 KB for each GUID. */
    unsigned char raw[16];
    if (getentropy(raw, sizeof raw) != 0)
        return false;
    format_uuid(raw, 4, out);
    return true;
}

void guid_derive(const char *space, const void *bytes, size_t n, char out[GUID_SIZE])
{
    /* The label (at most 64 bytes of it), a NUL and the digest of the bytes, hashed again. */
    char input[64 + 1 + SHA256_HEX_SIZE];
    size_t label = strnlen(space, 64);
    memcpy(input, space, label);
    input[label] = '\0';
    sha256_hex(bytes, n, input + label + 1);
    char hex[SHA256_HEX_SIZE];
    sha256_hex(input, label + 1 + SHA256_HEX_SIZE - 1, hex);
    unsigned char raw[16];
    for (int i = 0; i < 16; i++) {
        int hi = hex[2 * i] <= '9' ? hex[2 * i] - '0' : hex[2 * i] - 'a' + 10;
        int lo = hex[2 * i + 1] <= '9' ? hex[2 * i + 1] - '0' : hex[2 * i + 1] - 'a' + 10;
        raw[i] = (unsigned char)(hi << 4 | lo);
    }
    format_uuid(raw, 8, out);
}

bool guid_valid(const char *s)
{
    if (strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        char c = s[i];
        if (dash ? c != '-'
                 : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}
