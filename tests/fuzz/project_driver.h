/* What the two project drivers share: a project held in memory, which the driver's
 * LLVMFuzzerInitialize() fills once, and each input imported inside an outer transaction that
 * is then rolled back, so that every input meets the same project and nothing accumulates.
 * Included by one driver each. */
#ifndef MARGIN_FUZZ_PROJECT_DRIVER_H
#define MARGIN_FUZZ_PROJECT_DRIVER_H

#include "model/project.h"
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static struct project *project;

/* Says what could not be done, in margin's words, and aborts. */
static void fail(const char *what, const struct error *err)
{
    fprintf(stderr, "%s: %s\n", what, err->message);
    abort();
}

/* An import from data in memory, as project_import_codings_data() and
 * project_import_cases_data(). */
typedef bool import_data_fn(struct project *project, const char *data, size_t n, const char *name,
                            struct import_report *report, struct error *err);

/* Imports the fuzzer's input with `import` and rolls it back; whether it was accepted does not
 * matter, only what the sanitizers see. */
static int import_rolled_back(import_data_fn *import, const uint8_t *data, size_t size)
{
    struct error err;
    struct import_report report;
    if (!store_begin(project_store(project), &err))
        fail("starting the outer transaction", &err);
    (void)import(project, (const char *)data, size, "fuzz.csv", &report, &err);
    store_rollback(project_store(project));
    return 0;
}

#endif
