#include "io/warnings.h"

#include "core/list.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool warnings_add(struct warning_list *list, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].text, text) == 0) {
            list->items[i].count++;
            return true;
        }
    }
    struct warning warning = {strdup(text), 1};
    if (!warning.text || !LIST_PUSH(list, warning)) {
        free(warning.text);
        return false;
    }
    return true;
}

void warnings_describe(const struct warning *warning, char *buf, size_t size)
{
    if (warning->count > 1)
        snprintf(buf, size, "%s (%zu times)", warning->text, warning->count);
    else
        snprintf(buf, size, "%s", warning->text);
}

void warnings_summary(const struct warning_list *list, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < list->count; i++) {
        char one[600];
        warnings_describe(&list->items[i], one, sizeof one);
        int n = snprintf(buf + used, size - used, "%s%s", i ? "; " : "", one);
        if (n < 0 || (size_t)n >= size - used) {
            if (size >= 4)
                memcpy(buf + size - 4, "...", 4);
            return;
        }
        used += (size_t)n;
    }
}

void warnings_finish(struct warning_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].text);
    free(list->items);
    memset(list, 0, sizeof *list);
}
