/* Drives the model's REFI-QDA functions from the command line, as `margin refi import/export`
 * and `margin codebook import/export` with a .qdc will, for tests/cli/refi.sh:
 *
 *   refi_driver import PROJECT FILE.qdpx         exchange_import_qdpx()
 *   refi_driver export PROJECT FILE.qdpx         exchange_export_qdpx()
 *   refi_driver codebook-import PROJECT FILE     project_import_codebook()
 *   refi_driver codebook-export PROJECT FILE.qdc project_export_codebook(CODEBOOK_OUTPUT_QDC)
 *
 * Prints what happened on standard output, warnings as "warning: ..." lines, and errors as
 * "refi_driver: MESSAGE" on standard error with status 1. */
#include "io/file.h"
#include "model/exchange.h"
#include "model/project.h"

#include <stdio.h>
#include <string.h>

static int fail(const struct error *err)
{
    fprintf(stderr, "refi_driver: %s\n", err->message);
    return 1;
}

/* Writes the archive (or the codebook in `format`) to path, replacing it only when the whole
 * file was written. */
static bool write_file(const char *path, struct project *project, enum codebook_output format,
                       bool archive, struct error *err)
{
    struct file_output out;
    if (!file_output_open(&out, path, err))
        return false;
    bool ok = archive ? exchange_export_qdpx(project, out.stream, err)
                      : project_export_codebook(project, format, out.stream, err);
    if (!ok) {
        file_output_abort(&out);
        return false;
    }
    return file_output_commit(&out, err);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: refi_driver import|export|codebook-import|codebook-export "
                        "PROJECT FILE\n");
        return 2;
    }
    const char *command = argv[1];
    const char *file = argv[3];
    bool reads = strcmp(command, "export") == 0 || strcmp(command, "codebook-export") == 0;
    struct error err;
    struct project *project =
        project_open(argv[2], reads ? PROJECT_READ_ONLY : PROJECT_READ_WRITE, &err);
    if (!project)
        return fail(&err);
    int status = 0;
    if (strcmp(command, "import") == 0) {
        struct exchange_report r;
        if (exchange_import_qdpx(project, file, SOURCE_INTERVIEW, &r, &err)) {
            printf("sources: %zu added, %zu already there\n", r.sources_added, r.sources_unchanged);
            printf("codes: %zu added, %zu updated, %zu unchanged\n", r.codes_added, r.codes_updated,
                   r.codes_unchanged);
            printf("coders: %zu added; cases: %zu added; memos: %zu written\n", r.coders_added,
                   r.cases_added, r.memos_written);
            printf("codings: %zu added, %zu already there\n", r.codings_added, r.codings_unchanged);
            for (size_t i = 0; i < r.warnings.count; i++) {
                char line[700];
                warnings_describe(&r.warnings.items[i], line, sizeof line);
                printf("warning: %s\n", line);
            }
        } else {
            status = fail(&err);
        }
        exchange_report_finish(&r);
    } else if (strcmp(command, "codebook-import") == 0) {
        struct import_report r;
        if (project_import_codebook(project, NULL, file, &r, &err)) {
            printf("codes: %zu added, %zu updated, %zu unchanged\n", r.added, r.updated,
                   r.unchanged);
            if (r.skipped[0])
                printf("warning: %s\n", r.skipped);
        } else {
            status = fail(&err);
        }
    } else if (strcmp(command, "export") == 0 || strcmp(command, "codebook-export") == 0) {
        if (!write_file(file, project, CODEBOOK_OUTPUT_QDC, strcmp(command, "export") == 0, &err))
            status = fail(&err);
    } else {
        fprintf(stderr, "refi_driver: unknown command '%s'\n", command);
        status = 2;
    }
    project_close(project);
    return status;
}
