/* Fuzzes the cases CSV import, project_import_cases_data(), against a project held in memory.
 * The project is made once and holds a few cases with typed attributes (site, age:integer,
 * joined:date, lead:boolean), so that inputs meet existing cases and attributes as well as new
 * ones. Each input is imported inside an outer transaction that is then rolled back, so every
 * input meets the same project and nothing accumulates. */
#include "model/project.h"
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] = "case,site,age:integer,joined:date,lead:boolean,score\r\n"
                           "P01,Site A,41,2019-07-01,yes,3.5\r\n"
                           "P02,Site B,,2020-02-29,no,4\r\n"
                           "P03,\"Site C, north\",58,,true,\r\n";

static struct project *project;

static void fail(const char *what, const struct error *err)
{
    fprintf(stderr, "fuzz_cases_csv: %s: %s\n", what, err->message);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct error err;
    struct import_report report;
    project = project_open_memory(&err);
    if (!project)
        fail("opening a project in memory", &err);
    if (!project_import_cases_data(project, base, strlen(base), "base.csv", &report, &err))
        fail("importing the base cases", &err);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct error err;
    struct import_report report;
    if (!store_begin(project_store(project), &err))
        fail("starting the outer transaction", &err);
    (void)project_import_cases_data(project, (const char *)data, size, "fuzz.csv", &report, &err);
    store_rollback(project_store(project));
    return 0;
}
