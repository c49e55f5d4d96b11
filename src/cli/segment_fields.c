#include "cli/segment_fields.h"

#include "core/codetree.h"

void segment_code_text(struct project *project, int code, char number[OUTLINE_TEXT_MAX],
                       const char **name)
{
    const struct codetree *codes = project_codes(project);
    number[0] = '\0';
    *name = "";
    if (code >= 0) {
        codetree_number_text(codes, code, number);
        *name = codetree_get(codes, (size_t)code)->name;
    }
}

void segment_json_fields(struct json_writer *j, struct project *project, const struct segment *s)
{
    char number[OUTLINE_TEXT_MAX];
    const char *name;
    segment_code_text(project, s->code, number, &name);
    json_string(j, "source", s->source);
    json_string(j, "case", s->case_name);
    json_string(j, "speaker", s->speaker);
    json_string(j, "coder", s->coder);
    json_string(j, "code", number);
    json_string(j, "code_name", name);
    json_int(j, "start", s->start);
    json_int(j, "end", s->end);
    json_string(j, "text", s->text);
}
