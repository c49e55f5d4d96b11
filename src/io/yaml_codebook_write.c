/* Writing margin's YAML codebook. */
#include "io/yaml_codebook.h"

#include <yaml.h>

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
    return fwrite(buffer, 1, size, (FILE *)data) == size;
}

static bool emit(yaml_emitter_t *emitter, yaml_event_t *event)
{
    return yaml_emitter_emit(emitter, event) != 0;
}

static bool emit_scalar(yaml_emitter_t *emitter, const char *value, yaml_scalar_style_t style)
{
    yaml_event_t event;
    return yaml_scalar_event_initialize(&event, NULL, NULL, (yaml_char_t *)value, -1, 1, 1,
                                        style) &&
           emit(emitter, &event);
}

static bool emit_pair(yaml_emitter_t *emitter, const char *key, const char *value,
                      yaml_scalar_style_t style)
{
    return emit_scalar(emitter, key, YAML_PLAIN_SCALAR_STYLE) && emit_scalar(emitter, value, style);
}

static bool emit_mapping_start(yaml_emitter_t *emitter)
{
    yaml_event_t event;
    return yaml_mapping_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) &&
           emit(emitter, &event);
}

static bool emit_mapping_end(yaml_emitter_t *emitter)
{
    yaml_event_t event;
    return yaml_mapping_end_event_initialize(&event) && emit(emitter, &event);
}

static bool emit_sequence_start(yaml_emitter_t *emitter)
{
    yaml_event_t event;
    return yaml_sequence_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE) &&
           emit(emitter, &event);
}

static bool emit_sequence_end(yaml_emitter_t *emitter)
{
    yaml_event_t event;
    return yaml_sequence_end_event_initialize(&event) && emit(emitter, &event);
}

/* Emits the sibling codes that start at `from`, each with its subtree, up to index `to`. */
static bool emit_codes(yaml_emitter_t *emitter, const struct codetree *tree, int from, int to)
{
    if (!emit_sequence_start(emitter))
        return false;
    for (int i = from; i < to;) {
        const struct code *code = codetree_get(tree, (size_t)i);
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, i, number);
        bool multiline = code->description && strchr(code->description, '\n');
        if (!emit_mapping_start(emitter) ||
            !emit_pair(emitter, "number", number, YAML_DOUBLE_QUOTED_SCALAR_STYLE) ||
            !emit_pair(emitter, "name", code->name, YAML_ANY_SCALAR_STYLE) ||
            (!code->codable && !emit_pair(emitter, "codable", "false", YAML_PLAIN_SCALAR_STYLE)) ||
            (code->description &&
             !emit_pair(emitter, "description", code->description,
                        multiline ? YAML_LITERAL_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE)) ||
            (code->colour &&
             !emit_pair(emitter, "colour", code->colour, YAML_DOUBLE_QUOTED_SCALAR_STYLE)) ||
            (code->guid[0] && !emit_pair(emitter, "guid", code->guid, YAML_PLAIN_SCALAR_STYLE)))
            return false;
        if (code->end > i + 1) {
            if (!emit_scalar(emitter, "codes", YAML_PLAIN_SCALAR_STYLE) ||
                !emit_codes(emitter, tree, i + 1, code->end))
                return false;
        }
        if (!emit_mapping_end(emitter))
            return false;
        i = code->end;
    }
    return emit_sequence_end(emitter);
}

bool yaml_codebook_write(const struct codetree *tree, FILE *out, struct error *err)
{
    yaml_emitter_t emitter;
    yaml_event_t event;
    if (!yaml_emitter_initialize(&emitter))
        return error_internal(err, "out of memory writing a codebook");
    yaml_emitter_set_output(&emitter, write_handler, out);
    yaml_emitter_set_unicode(&emitter, 1);
    yaml_emitter_set_width(&emitter, 100);
    yaml_emitter_set_indent(&emitter, 2);
    bool ok = yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING) &&
              emit(&emitter, &event) &&
              yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1) &&
              emit(&emitter, &event) && emit_mapping_start(&emitter) &&
              emit_pair(&emitter, "format", YAML_CODEBOOK_FORMAT_LINE, YAML_PLAIN_SCALAR_STYLE) &&
              emit_scalar(&emitter, "codes", YAML_PLAIN_SCALAR_STYLE) &&
              emit_codes(&emitter, tree, 0, (int)codetree_count(tree)) &&
              emit_mapping_end(&emitter) && yaml_document_end_event_initialize(&event, 1) &&
              emit(&emitter, &event) && yaml_stream_end_event_initialize(&event) &&
              emit(&emitter, &event) && yaml_emitter_flush(&emitter);
    if (!ok) {
        error_user(err, "could not write the codebook: %s",
                   emitter.problem ? emitter.problem : "write error");
    }
    yaml_emitter_delete(&emitter);
    return ok;
}
