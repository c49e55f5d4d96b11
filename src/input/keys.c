#include "input/keys.h"

#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int key;
} named[] = {
    {"Up", KEYS_UP},
    {"Down", KEYS_DOWN},
    {"Left", KEYS_LEFT},
    {"Right", KEYS_RIGHT},
    {"Home", KEYS_HOME},
    {"End", KEYS_END},
    {"PageUp", KEYS_PAGE_UP},
    {"PageDown", KEYS_PAGE_DOWN},
    {"Insert", KEYS_INSERT},
    {"Delete", KEYS_DELETE},
    {"BS", KEYS_BACKSPACE},
    {"Enter", KEYS_ENTER},
    {"Tab", KEYS_TAB},
    {"S-Tab", KEYS_BACK_TAB},
    {"Esc", KEYS_ESCAPE},
    {"Space", KEYS_SPACE},
    {"lt", '<'},
    {"Resize", KEYS_RESIZE},
};

void keys_name(int key, char *buf, size_t size)
{
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        if (named[i].key == key) {
            snprintf(buf, size, "<%s>", named[i].name);
            return;
        }
    }
    if (key >= KEYS_F1 && key <= KEYS_F12) {
        snprintf(buf, size, "<F%d>", key - KEYS_F1 + 1);
    } else if (key >= 1 && key <= 26) {
        snprintf(buf, size, "<C-%c>", 'a' + key - 1);
    } else if (key >= 0 && key < KEYS_NAMED) {
        char bytes[5] = {0};
        size_t n = utf8_encode((uint32_t)key, bytes);
        snprintf(buf, size, "%.*s", (int)n, bytes);
    } else {
        snprintf(buf, size, "<key %d>", key);
    }
}

int keys_parse_name(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        if (strlen(named[i].name) == n && strncmp(named[i].name, name, n) == 0)
            return named[i].key;
    }
    if (n == 3 && name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z')
        return KEYS_CTRL(name[2]);
    if ((n == 2 || n == 3) && name[0] == 'F') {
        int f = name[1] - '0';
        if (n == 3)
            f = f * 10 + (name[2] - '0');
        if (f >= 1 && f <= 12 && name[1] >= '0' && name[1] <= '9' &&
            (n == 2 || (name[2] >= '0' && name[2] <= '9')))
            return KEYS_F1 + f - 1;
    }
    return KEYS_NONE;
}

bool keys_is_text(int key)
{
    return key >= 0x20 && key != 0x7F && key < KEYS_NAMED && !(key >= 0x80 && key < 0xA0);
}
