/* Fuzzes the cases CSV import, project_import_cases_data(), against a project held in memory
 * (project_driver.h). The project is made once and holds a few cases with typed attributes
 * (site, age:integer, joined:date, lead:boolean), so that inputs meet existing cases and
 * attributes as well as new ones. */
#include "project_driver.h"

#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] = "case,site,age:integer,joined:date,lead:boolean,score\r\n"
                           "P01,Site A,41,2019-07-01,yes,3.5\r\n"
                           "P02,Site B,,2020-02-29,no,4\r\n"
                           "P03,\"Site C, north\",58,,true,\r\n";

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
    return import_rolled_back(project_import_cases_data, data, size);
}
