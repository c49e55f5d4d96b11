/* What the two files of the session share: its state and the helpers that reload parts of it.
 * Nothing outside src/model includes this. */
#ifndef MARGIN_MODEL_SESSION_DATA_H
#define MARGIN_MODEL_SESSION_DATA_H

#include "core/reach.h"
#include "core/row.h"
#include "core/text.h"
#include "model/session.h"

#include <stdbool.h>
#include <stdint.h>

struct session {
    struct project *project;
    int64_t coder_id;
    char *coder_name;
    struct coder_list coders;
    struct source_list sources;
    int source;
    struct text *text;
    struct turn_list turns;
    struct coding_list shown; /* the open source's codings on show: own, or every coder's */
    struct reach_index reach; /* over `shown`, when its count is shown.count */
    bool show_others;
    int64_t cursor;
    int64_t anchor;
    bool selecting;
    int64_t chosen; /* id of the chosen coding; when it is not under the cursor, the innermost */
    int64_t recent[SESSION_RECENT_MAX];
    size_t nrecent;
    struct code_usage_list usage_mine;
    struct code_usage_list usage_all;
    int64_t data_version;
};

/* Notes how far the codings on show reach. */
bool session_index_shown(struct session *session, struct error *err);

/* Reads how many codings each code has: the coder's own and everyone's. */
bool session_load_usage(struct session *session, struct error *err);

/* The offset moved into the open source's text: its last character at most, 0 at least. */
int64_t session_clamp(const struct session *session, int64_t offset);

#endif
