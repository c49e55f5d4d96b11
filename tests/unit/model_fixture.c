#include "model_fixture.h"

#include "check.h"

#include <stdio.h>
#include <string.h>

struct project *fixture_project(const char *codebook_yaml, const char *cases_csv)
{
    struct error err;
    struct import_report report;
    struct project *project = project_open_memory(&err);
    CHECK(project != NULL);
    if (!project)
        return NULL;
    CHECK(project_import_codebook(project, NULL, check_temp_text("cb.yaml", codebook_yaml), &report,
                                  &err));
    if (cases_csv)
        CHECK(project_import_cases_data(project, cases_csv, strlen(cases_csv), "cases.csv", &report,
                                        &err));
    return project;
}

void fixture_source(struct project *project, const char *name, const char *text,
                    const char *case_name)
{
    struct error err;
    struct import_report report;
    char file[256];
    snprintf(file, sizeof file, "%s.txt", name);
    const char *path = check_temp_text(file, text);
    CHECK(project_import_sources(project, &path, 1, case_name, SOURCE_INTERVIEW, &report, &err));
}
