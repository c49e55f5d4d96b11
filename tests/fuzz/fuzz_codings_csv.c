/* Fuzzes the codings CSV import, project_import_codings_data(), against a project held in
 * memory (project_driver.h). The project is made once, at start-up: a small codebook (with a
 * heading, nested codes and a GUID) and two sources, int01 and obs01, read from files written
 * to a temporary directory and removed again. */
#include "project_driver.h"

#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char codebook[] = "format: margin-codebook 1\n"
                               "codes:\n"
                               "  - name: Context\n"
                               "    codable: false\n"
                               "    codes:\n"
                               "      - name: Role and background\n"
                               "        guid: 3f2504e0-4f89-41d3-9a0c-0305e82c3301\n"
                               "      - name: Setting\n"
                               "  - number: \"07\"\n"
                               "    name: Relationships\n"
                               "    codes:\n"
                               "      - name: Trust\n"
                               "        codes:\n"
                               "          - name: Distrust\n"
                               "      - name: Trust\n"
                               "        number: \"07.03\"\n";

static const char interview[] = "Interview 1\r\n"
                                "Interviewer: What is your role?\r\n"
                                "Respondent: I'm a GP partner — and the clinical director.\r\n"
                                "Interviewer: Zoë said the same.\r\n"
                                "Respondent: Quite.\r\n";

static const char observation[] = "Observation note, network board meeting.\n"
                                  "Twelve people attended; the agenda ran late.\n";

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) == EOF || fclose(f) != 0) {
        fprintf(stderr, "fuzz_codings_csv: cannot write %s\n", path);
        abort();
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    struct error err;
    struct import_report report;
    char dir[] = "/tmp/margin-fuzz-XXXXXX";
    char yaml[64], int01[64], obs01[64];
    if (!mkdtemp(dir))
        abort();
    snprintf(yaml, sizeof yaml, "%s/codebook.yaml", dir);
    snprintf(int01, sizeof int01, "%s/int01.txt", dir);
    snprintf(obs01, sizeof obs01, "%s/obs01.txt", dir);
    write_file(yaml, codebook);
    write_file(int01, interview);
    write_file(obs01, observation);

    project = project_open_memory(&err);
    if (!project)
        fail("opening a project in memory", &err);
    const char *interviews[] = {int01};
    const char *observations[] = {obs01};
    if (!project_import_codebook(project, NULL, yaml, &report, &err))
        fail("importing the codebook", &err);
    if (!project_import_sources(project, interviews, 1, "P01", SOURCE_INTERVIEW, &report, &err) ||
        !project_import_sources(project, observations, 1, NULL, SOURCE_OBSERVATION, &report, &err))
        fail("importing the sources", &err);
    unlink(yaml);
    unlink(int01);
    unlink(obs01);
    rmdir(dir);
    return 0;
}

/* The import as project_import_codings_data() makes it when a row's number and name disagree
 * and nothing says which to trust. */
static bool import_codings(struct project *p, const char *data, size_t n, const char *name,
                           struct import_report *report, struct error *err)
{
    return project_import_codings_data(p, data, n, name, CODE_MATCH_BOTH, report, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return import_rolled_back(import_codings, data, size);
}
