/* What a project holds, counted and listed (model/report.h), and the project file looked after
 * (model/upkeep.h). */
#include "check.h"
#include "model/project.h"
#include "model/report.h"
#include "model/upkeep.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const codebook_yaml = "codes:\n"
                                         "  - name: Challenges\n"
                                         "    codable: false\n"
                                         "    codes:\n"
                                         "      - name: Staff\n"
                                         "      - name: Money\n"
                                         "  - name: Quotes\n";

static const char *const cases_csv = "case,site,age:integer\n"
                                     "P01,Fernhill,41\n"
                                     "P02,,\n";

static const char *const codings_csv = "coder,source,code,start,end,memo\n"
                                       "A,int01,01.01,0,5,\n"
                                       "A,int01,01.02,6,10,a memo\n"
                                       "B,int01,01.01,0,4,\n"
                                       "B,note,01.01,0,3,\n";

/* Fills `project` with the codebook, cases, two sources and the codings above. */
static void fill(struct project *project)
{
    struct error err;
    struct import_report report;
    CHECK(project_import_codebook(project, NULL, check_temp_text("cb.yaml", codebook_yaml), &report,
                                  &err));
    CHECK(project_import_cases_data(project, cases_csv, strlen(cases_csv), "cases.csv", &report,
                                    &err));
    const char *path = check_temp_text("int01.txt", "I: Hello there.\nR: Hi.\n");
    CHECK(project_import_sources(project, &path, 1, "P01", SOURCE_INTERVIEW, &report, &err));
    path = check_temp_text("note.txt", "Rain.\n");
    CHECK(project_import_sources(project, &path, 1, NULL, SOURCE_OBSERVATION, &report, &err));
    CHECK(project_import_codings_data(project, codings_csv, strlen(codings_csv), "codings.csv",
                                      CODE_MATCH_BOTH, &report, &err));
}

/* The table's cells joined as "a|b;c|d". */
static const char *joined(const struct report_table *t)
{
    static char out[1024];
    out[0] = '\0';
    for (size_t r = 0; r < t->rows; r++) {
        for (size_t c = 0; c < t->columns; c++) {
            strcat(out, c ? "|" : r ? ";" : "");
            strcat(out, t->cells[r * t->columns + c]);
        }
    }
    return out;
}

static void counts_what_a_project_holds(void)
{
    struct error err;
    struct project *project = project_open_memory(&err);
    struct report_summary summary;
    CHECK(report_summarise(project, &summary, &err));
    CHECK_INT(summary.sources, 0);
    CHECK_INT(summary.coder_names.count, 0);
    report_summary_finish(&summary);
    fill(project);
    CHECK(report_summarise(project, &summary, &err));
    CHECK_INT(summary.sources, 2);
    CHECK_INT(summary.kinds[SOURCE_INTERVIEW], 1);
    CHECK_INT(summary.kinds[SOURCE_OBSERVATION], 1);
    CHECK_INT(summary.kinds[SOURCE_DOCUMENT], 0);
    CHECK_INT(summary.cases, 2);
    CHECK_INT(summary.codes, 4);
    CHECK_INT(summary.headings, 1);
    CHECK_INT(summary.coders, 2);
    CHECK_INT(summary.coder_names.count, 2);
    CHECK_STR(summary.coder_names.items[1].name, "B");
    CHECK_INT(summary.codings, 4);
    CHECK_INT(summary.memos, 1);
    report_summary_finish(&summary);
    project_close(project);
}

static void lists_sources_codes_coders_and_cases(void)
{
    struct error err;
    struct project *project = project_open_memory(&err);
    fill(project);
    struct report_table t;
    CHECK(report_list(project, REPORT_SOURCES, &t, &err));
    CHECK_STR(joined(&t), "source|kind|case|characters;int01|interview|P01|23;"
                          "note|observation||6");
    report_table_finish(&t);
    CHECK(report_list(project, REPORT_CODES, &t, &err));
    CHECK_STR(joined(&t), "number|name|sources|references|;01|Challenges|0|0|heading;"
                          "01.01|Staff|2|3|;01.02|Money|1|1|;02|Quotes|0|0|");
    report_table_finish(&t);
    CHECK(report_list(project, REPORT_CODERS, &t, &err));
    CHECK_STR(joined(&t), "coder|codings;A|2;B|2");
    report_table_finish(&t);
    CHECK(report_list(project, REPORT_CASES, &t, &err));
    CHECK_STR(joined(&t), "case|site|age;P01|Fernhill|41;P02||");
    report_table_finish(&t);
    enum report_listing listing;
    CHECK(report_listing_parse("coders", &listing) && listing == REPORT_CODERS);
    CHECK(!report_listing_parse("memos", &listing));
    project_close(project);
}

static void checks_and_backs_up_a_project_file(void)
{
    struct error err;
    char path[4096];
    char copy[4096];
    snprintf(path, sizeof path, "%s", check_temp_path("p.margin"));
    snprintf(copy, sizeof copy, "%s", check_temp_path("copy.margin"));
    struct project *project = project_create(path, &err);
    CHECK(project != NULL);
    fill(project);
    project_close(project);
    struct strbuf problems = STRBUF_INIT;
    CHECK_INT(upkeep_check(path, &problems, &err), 0);
    CHECK_STR(strbuf_str(&problems), "");
    CHECK(upkeep_backup(path, copy, &err));
    CHECK_INT(upkeep_check(copy, &problems, &err), 0);
    CHECK(!upkeep_backup(path, copy, &err));
    CHECK(strstr(err.message, "already exists") != NULL);
    CHECK_INT(upkeep_check(check_temp_path("none.margin"), &problems, &err), -1);
    CHECK(!upkeep_backup(check_temp_path("none.margin"), check_temp_path("x.margin"), &err));
    CHECK(access(check_temp_path("x.margin"), F_OK) != 0);
    strbuf_finish(&problems);
}

int main(int argc, char **argv)
{
    static const struct test tests[] = {
        {"counts_what_a_project_holds", counts_what_a_project_holds},
        {"lists_sources_codes_coders_and_cases", lists_sources_codes_coders_and_cases},
        {"checks_and_backs_up_a_project_file", checks_and_backs_up_a_project_file},
    };
    return check_main(tests, TEST_COUNT(tests), argc, argv);
}
