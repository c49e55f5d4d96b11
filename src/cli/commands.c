#include "cli/commands.h"

#include "cli/cmd_agreement.h"
#include "cli/cmd_analysis.h"
#include "cli/cmd_codebook.h"
#include "cli/cmd_compare.h"
#include "cli/cmd_help.h"
#include "cli/cmd_import.h"
#include "cli/cmd_log.h"
#include "cli/cmd_matrix.h"
#include "cli/cmd_memo.h"
#include "cli/cmd_merge.h"
#include "cli/cmd_quotes.h"
#include "cli/cmd_refi.h"
#include "cli/cmd_report.h"
#include "cli/cmd_sources.h"
#include "cli/cmd_upkeep.h"

/* The option of every command that writes CSV (cli_write_as() in cli/cli.h). */
#define SAFE_CSV_OPTION                                                                            \
    {                                                                                              \
        "safe-csv", NULL, "neutralise cells a spreadsheet would run as formulas", 0                \
    }

/* Each row's help is the manual's text: scdoc markup, one sentence per line, a blank line
 * between paragraphs. */
const struct cli_command commands_table[] = {
    {
        .name = "init",
        .summary = "create a new, empty project file",
        .arguments = "PROJECT",
        .help = "Create _PROJECT_, a new, empty project file (the suggested extension is "
                "*.margin*).\n"
                "margin will not overwrite an existing file.\n",
        .access = CLI_NO_PROJECT,
        .run = cmd_import_init,
    },
    {
        .name = "import",
        .summary = "import transcripts as sources",
        .arguments = "PROJECT FILE...",
        .help = "Import plain text files (UTF-8) as sources named after the files, without "
                "directory and extension.\n"
                "A byte order mark is dropped and line endings become LF.\n"
                "Speaker turns are found from labels at the start of lines (\"I:\", \"P3:\", "
                "\"Interviewer:\", \"Dr Smith:\"), also after a timestamp (\"[00:00:05] P1:\"), "
                "or by the project's own pattern (see margin turns).\n"
                "The files are imported all together or not at all: a file that is not UTF-8 "
                "text stops the import with its line and column, and nothing is written.\n"
                "A file whose text is already in the project under the same name is skipped.\n"
                "A REFI-QDA file (a .qdpx project, a .qdc codebook) is refused with the command "
                "that imports it, and another zip archive (a Word file, say) as one.\n",
        .options =
            (const struct option_spec[]){
                {"case", "NAME", "link the sources to this case, created when new", 0},
                {"kind", "interview|observation|document",
                 "what the sources are: *interview* (the default), *observation* or *document*", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_import_sources,
    },
    {
        .name = "source update",
        .summary = "replace a source's text; its codings move with their text",
        .arguments = "PROJECT SOURCE FILE",
        .help = "Replace the text of _SOURCE_ with the transcript in _FILE_ (a corrected "
                "transcript, say), read as *import* reads it.\n"
                "Every coding of the source, its memo with it, moves with the text it covers, "
                "found by comparing the old and new texts character by character.\n"
                "A coding whose text was partly deleted shrinks; text inserted inside it is "
                "covered; one whose words were replaced covers their replacement.\n"
                "A coding whose text was wholly deleted is kept, detached, at the place its text "
                "was: *detached* lists them, and attaches them again or drops them.\n"
                "So is a coding that would end on the same text as another of its coder's with "
                "its code.\n"
                "Decisions about disagreements move too; those whose text went are forgotten.\n"
                "Prints each coding that moved, shrank, grew or was detached.\n"
                "A file that is not UTF-8 text, is empty, or holds the text of this or another "
                "source changes nothing.\n"
                "One transaction: the change is undone as one on the screen by the coder named "
                "with *--coder*.\n",
        .options =
            (const struct option_spec[]){
                {"dry-run", NULL, "print what would move, shrink and detach; change nothing", 0},
                {"coder", "NAME",
                 "make the change as this coder (added when new), who can undo it on the screen",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_sources_update,
    },
    {
        .name = "source rename",
        .summary = "rename a source",
        .arguments = "PROJECT SOURCE NAME",
        .help = "Rename _SOURCE_ to _NAME_, which no other source may have.\n"
                "Its text, codings and memo stay; the change is journaled, and undone on the "
                "screen by the coder named with *--coder*.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME",
                 "make the change as this coder (added when new), who can undo it on the screen",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_sources_rename,
    },
    {
        .name = "source delete",
        .summary = "delete a source with its codings",
        .arguments = "PROJECT SOURCE",
        .help = "Delete _SOURCE_ with its text, speaker turns, codings, decisions and memo.\n"
                "A source with codings or decisions is deleted only with *--yes*; without it, "
                "margin counts them and deletes nothing.\n"
                "Journaled, and undone on the screen, all of it, by the coder named with "
                "*--coder*: the source comes back with its text, turns, codings (their quote "
                "marks and matrix links too), decisions and memo.\n",
        .options =
            (const struct option_spec[]){
                {"yes", NULL, "delete the source's codings and decisions with it", 0},
                {"coder", "NAME",
                 "make the change as this coder (added when new), who can undo it on the screen",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_sources_delete,
    },
    {
        .name = "source relink",
        .summary = "link a source to another case",
        .arguments = "PROJECT SOURCE",
        .help = "Link _SOURCE_ to the case *--case* names (added when new), or with *--no-case* "
                "to none.\n"
                "The change is journaled, and undone on the screen by the coder named with "
                "*--coder*.\n",
        .options =
            (const struct option_spec[]){
                {"case", "NAME", "the case the source belongs to", 0},
                {"no-case", NULL, "the source belongs to no case", 0},
                {"coder", "NAME",
                 "make the change as this coder (added when new), who can undo it on the screen",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_sources_relink,
    },
    {
        .name = "case rename",
        .summary = "rename a case",
        .arguments = "PROJECT CASE NAME",
        .help = "Rename _CASE_ to _NAME_, which no other case may have; journaled, and undone "
                "on the screen by the coder named with *--coder*.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME",
                 "make the change as this coder (added when new), who can undo it on the screen",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_cases_manage,
    },
    {
        .name = "case set",
        .summary = "set or clear one attribute value of a case",
        .arguments = "PROJECT CASE ATTRIBUTE VALUE",
        .help = "Set _CASE_'s value of _ATTRIBUTE_ to _VALUE_, or clear it when _VALUE_ is empty "
                "(\"\").\n"
                "The attribute must be there already (*cases import* adds attributes), and the "
                "value must be of its type (integer, real, date, boolean or text), as *cases "
                "import* checks.\n"
                "Journaled, and undone on the screen by the coder named with *--coder*.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME",
                 "make the change as this coder (added when new), who can undo it on the screen",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_cases_manage,
    },
    {
        .name = "case delete",
        .summary = "delete a case; its sources belong to no case",
        .arguments = "PROJECT CASE",
        .help = "Delete _CASE_ with its attribute values, memo and matrix summaries.\n"
                "Its sources are kept, with their codings, and belong to no case afterwards; "
                "margin says how many.\n"
                "Journaled, and undone on the screen, all of it, by the coder named with "
                "*--coder*.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME",
                 "make the change as this coder (added when new), who can undo it on the screen",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_cases_manage,
    },
    {
        .name = "case merge",
        .summary = "merge one case into another",
        .arguments = "PROJECT CASE INTO",
        .help = "Merge _CASE_ into _INTO_: its sources are linked to _INTO_, the attribute "
                "values _INTO_ lacks are copied, its memo is added to _INTO_'s, and _CASE_ is "
                "deleted.\n"
                "Where both have a value for an attribute, _INTO_'s is kept and margin says "
                "how many such values there were.\n"
                "_CASE_'s matrix summaries go with it.\n"
                "Journaled, and undone on the screen, all of it, by the coder named with "
                "*--coder*.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME",
                 "make the change as this coder (added when new), who can undo it on the screen",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_cases_manage,
    },
    {
        .name = "coder rename",
        .summary = "rename a coder",
        .arguments = "PROJECT CODER NAME",
        .help = "Rename _CODER_ to _NAME_, which no other coder may have.\n"
                "Codings, decisions and the journal follow the coder; journaled, and undone on "
                "the screen by the coder named with *--coder*.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME",
                 "make the change as this coder (added when new), who can undo it on the screen",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_coders_manage,
    },
    {
        .name = "coder delete",
        .summary = "delete a coder",
        .arguments = "PROJECT CODER",
        .help = "Delete _CODER_.\n"
                "A coder with codings is refused unless *--drop-codings* says to delete them "
                "too; to keep them under another name, use *coder merge*.\n"
                "The coder's journal entries and memos stay, for no coder.\n"
                "Journaled, and undone on the screen, all of it, by the coder named with "
                "*--coder*, who may not be _CODER_.\n",
        .options =
            (const struct option_spec[]){
                {"drop-codings", NULL, "delete the coder's codings and decisions too", 0},
                {"coder", "NAME",
                 "make the change as this coder (added when new), who can undo it on the screen",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_coders_manage,
    },
    {
        .name = "coder merge",
        .summary = "merge two names of one coder",
        .arguments = "PROJECT CODER INTO",
        .help = "Merge _CODER_ into _INTO_, when one person coded under two names: codings, "
                "decisions, memos and journal entries become _INTO_'s and _CODER_ is deleted.\n"
                "A coding both had (the same code on the same span of the same source) is kept "
                "once, with _CODER_'s memo when _INTO_'s had none.\n"
                "Journaled, and undone on the screen, all of it, by the coder named with "
                "*--coder*, who may not be _CODER_.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME",
                 "make the change as this coder (added when new), who can undo it on the screen",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_coders_manage,
    },
    {
        .name = "detached",
        .summary = "list, attach again or drop codings whose text was deleted",
        .arguments = "PROJECT",
        .help = "List the codings whose text a new version of their source deleted (see "
                "*source update*): their number, source, place, coder, code and memo.\n"
                "With *--id* and *--start* and *--end*, attach that coding again to characters "
                "_N_ to _M_ of its source; with *--id* and *--drop*, delete it.\n"
                "Both are undoable on the screen by the coder named with *--coder*.\n",
        .options =
            (const struct option_spec[]){
                {"source", "NAME", "only this source's; with *--id*, the coding must be its", 0},
                {"id", "N", "the detached coding to attach or drop", 0},
                {"start", "N", "attach it from this character", 0},
                {"end", "M", "to the character before this one", 0},
                {"drop", NULL, "delete the coding", 0},
                {"coder", "NAME", "make the change as this coder (added when new)", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_sources_detached,
    },
    {
        .name = "redact",
        .summary = "replace names and places across the project with placeholders",
        .arguments = "PROJECT",
        .help = "Replace every original that the map lists by its replacement, across the "
                "whole project, so that it can leave the secure server.\n"
                "The map is a CSV file with the columns *original* and *replacement* (\"Dr "
                "Okafor\",\"[GP 2]\"); it is never stored in the project.\n"
                "An original is replaced as a whole word: not where a letter or digit touches "
                "it (\"Ann\" in \"Ann's\" but not in \"Annual\"); where two overlap, the "
                "longer wins.\n"
                "Case matters unless *--ignore-case* is given, which matches A-Z and the "
                "letters of Latin-1 in either case.\n"
                "Sources' texts are redacted with their codings moving as *source update* moves "
                "them: a coding of a name covers its placeholder.\n"
                "So are memos, the names of sources, cases, coders, attributes and codes, code "
                "descriptions, case values and the journal's summaries.\n"
                "The journal's undo history, which holds old texts, is dropped: nothing before "
                "the redaction can be undone, and the journal says so.\n"
                "Then the project file is rewritten with deleted content zeroed, so that no "
                "free page keeps an original; *check --identifiers* confirms it.\n"
                "One transaction: an interruption leaves the project as it was before, or as "
                "after once the redaction was committed.\n",
        .options =
            (const struct option_spec[]){
                {"map", "FILE", "the CSV map of originals and replacements", OPTION_REQUIRED},
                {"keep-map", "FILE",
                 "also write the map, with how often each original was replaced, to _FILE_ "
                 "(outside the project)",
                 0},
                {"ignore-case", NULL, "match originals in any case", 0},
                {"dry-run", NULL, "print what would be replaced; change nothing", 0},
                {"coder", "NAME", "journal the redaction as this coder's (added when new)", 0},
                SAFE_CSV_OPTION,
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_sources_redact,
    },
    {
        .name = "codebook import",
        .summary = "import a codebook (margin YAML, an NVivo table or a REFI-QDA .qdc)",
        .arguments = "PROJECT FILE",
        .help = "Import a codebook: margin's YAML format (*margin-codebook*(5)), the \"Name / "
                "Files / References\" table NVivo exports, or a REFI-QDA 1.5 codebook (.qdc), "
                "told apart by content.\n"
                "Codes are matched to the project's by number (those of a .qdc by GUID): a match "
                "takes the file's name, description and colour, and new codes are added (those "
                "of a .qdc after their siblings).\n"
                "Codes the file does not mention are kept.\n"
                "In an NVivo table, a code with sub-codes that was never coded (0 files, 0 "
                "references) becomes a heading, which cannot be coded.\n"
                "What a .qdc holds that margin does not keep (sets of codes) is listed on a "
                "*warning:* line.\n"
                "When the project names its codebook's editors (*codebook editors*), *--coder* "
                "must name one of them.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME", "who imports it, when the project names its codebook's editors",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_import_codebook,
    },
    {
        .name = "codebook export",
        .summary = "write the codebook as YAML, CSV or a REFI-QDA .qdc",
        .arguments = "PROJECT",
        .help = "Write the codebook as margin YAML (*margin-codebook*(5)), which *codebook "
                "import* reads back to the same tree, as CSV with the header "
                "*number,name,parent,codable,description,colour,guid*, or as a REFI-QDA 1.5 "
                "codebook (.qdc) for other QDA programs, valid against the standard's "
                "Codebook.xsd.\n"
                "A .qdc keeps each code's GUID but not its number, which the order of siblings "
                "gives back.\n"
                "It goes to standard output unless *--output* names a file.\n",
        .options =
            (const struct option_spec[]){
                {"format", "yaml|csv|qdc", "*yaml* (the default), *csv* or *qdc*", 0},
                {"output", "FILE", "write to _FILE_, replaced only once it is complete", 0},
                SAFE_CSV_OPTION,
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_ONLY,
        .run = cmd_report_codebook,
    },
    {
        .name = "codebook add",
        .summary = "add a code with the next free number",
        .arguments = "PROJECT NAME",
        .help = "Add a code named _NAME_ at the top level, or under the code *--under* names, "
                "with the next free number at that level: no other code's number changes.\n"
                "Like every change to the codebook on the command line, it is one change in the "
                "history of the coder *--coder* names, which that coder's *u* on the screen "
                "undoes, and it is refused when the project names its codebook's editors (see "
                "*codebook editors*) and the coder is not one of them.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME", "who changes the codebook", OPTION_REQUIRED},
                {"under", "CODE", "the code to add it under", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_codebook_add,
    },
    {
        .name = "codebook rename",
        .summary = "rename a code, keeping its number",
        .arguments = "PROJECT CODE NAME",
        .help = "Give _CODE_ (as *code* takes it: a number, a number and its name, a path of "
                "names or a name only one code has) the name _NAME_; its number and codings "
                "stay.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME", "who changes the codebook", OPTION_REQUIRED},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_codebook_rename,
    },
    {
        .name = "codebook move",
        .summary = "move a code up, down, in or out, giving it a new number",
        .arguments = "PROJECT CODE up|down|in|out",
        .help = "Move _CODE_: *up* and *down* swap its number with its sibling's before or "
                "after it, *in* makes it the last sub-code of the sibling before it, and *out* "
                "moves it out of its parent to the next free number at the parent's level.\n"
                "Its sub-codes and their codings go with it.\n"
                "It says how many codes and codings get new numbers; *--dry-run* says only "
                "that.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME", "who changes the codebook", OPTION_REQUIRED},
                {"dry-run", NULL, "count what would get new numbers and change nothing", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_codebook_move,
    },
    {
        .name = "codebook merge",
        .summary = "merge a code into another",
        .arguments = "PROJECT CODE INTO",
        .help = "Merge _CODE_ into _INTO_: its codings, every coder's, move to _INTO_ (a coding "
                "_INTO_ already has on the same span is dropped), its sub-codes become the last "
                "sub-codes of _INTO_, its memo is added to _INTO_'s, and _CODE_ is removed, "
                "leaving a gap in the numbers.\n"
                "When _CODE_ or its sub-codes hold codings, it says how many and whose (coder "
                "and count) and changes nothing unless *--yes* is given.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME", "who changes the codebook", OPTION_REQUIRED},
                {"yes", NULL, "merge even when codings move", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_codebook_merge,
    },
    {
        .name = "codebook delete",
        .summary = "delete a code, its sub-codes and their codings",
        .arguments = "PROJECT CODE",
        .help = "Delete _CODE_ with its sub-codes, their codings (every coder's) and memos, "
                "leaving a gap in the numbers.\n"
                "When codings would go, it says how many and whose (coder and count) and "
                "changes nothing unless *--yes* is given.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME", "who changes the codebook", OPTION_REQUIRED},
                {"yes", NULL, "delete even when codings go with the code", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_codebook_delete,
    },
    {
        .name = "codebook renumber",
        .summary = "close the gaps in the codebook's numbers",
        .arguments = "PROJECT",
        .help = "Number every level's codes 1, 2, 3... in their order, closing the gaps that "
                "deleted, merged and moved codes left.\n"
                "Code numbers are a team's shared language, so this is the one command that "
                "changes numbers wholesale: it says how many codes and codings get new numbers, "
                "and *--dry-run* says only that.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME", "who changes the codebook (needed unless *--dry-run*)", 0},
                {"dry-run", NULL, "count what would get new numbers and change nothing", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_codebook_renumber,
    },
    {
        .name = "codebook editors",
        .summary = "name who may change the codebook",
        .arguments = "PROJECT [NAMES]",
        .help = "Name the coders who may change the codebook, as a comma-separated list "
                "(*A,Lead*; a name with a comma in double quotes), or with no list print it; "
                "*--clear* lets anyone change it again.\n"
                "Others' changes are refused, on the command line and on the screen.\n"
                "This guards against accidents, not against a hostile user: a coder's name is "
                "not a login, and anyone can give another name or change this list.\n",
        .options =
            (const struct option_spec[]){
                {"clear", NULL, "let anyone change the codebook", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_codebook_editors,
    },
    {
        .name = "cases import",
        .summary = "import cases and their attributes from CSV",
        .arguments = "PROJECT FILE",
        .help = "Import cases from CSV: one row per case, the first column its name, the other "
                "columns its attributes (site, staff group, ...).\n"
                "A column's type (integer, real, date, boolean or text) is inferred from its "
                "values unless the header gives it, as in *age:integer*.\n"
                "Existing cases are updated; an empty cell clears a value.\n"
                "_FILE_ *-* is standard input.\n",
        .access = CLI_READ_WRITE,
        .run = cmd_import_cases,
    },
    {
        .name = "code",
        .summary = "code one span of a source",
        .arguments = "PROJECT",
        .help = "Code characters _N_ to _M_ of a source: code points counted from 0, _M_ "
                "excluded.\n"
                "_CODE_ is a number (\"07.01.02\" or \"7.1.2\"), a number and its name, a path of "
                "names joined by \" > \", or a name only one code has.\n"
                "A new coder name adds the coder.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME", "who codes", OPTION_REQUIRED},
                {"source", "NAME", "the source, by name", OPTION_REQUIRED},
                {"code", "CODE", "the code", OPTION_REQUIRED},
                {"start", "N", "the first character coded", OPTION_REQUIRED},
                {"end", "M", "the character after the last one coded", OPTION_REQUIRED},
                {"memo", "TEXT", "a memo on the coding", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_import_code,
    },
    {
        .name = "codings import",
        .summary = "import codings from CSV",
        .arguments = "PROJECT FILE",
        .help = "Import codings from CSV with the columns *coder*, *source*, *code*, *start* and "
                "*end*, and optionally *memo*, in any order; other columns are ignored, so a file "
                "written by *export* imports back.\n"
                "Offsets are code points counted from 0, the end excluded.\n"
                "Every row is checked first: an unknown source or code, a span outside its text "
                "or an empty span stops the import, naming the row's line, and nothing is "
                "written.\n"
                "A coding already present keeps its place; with a *memo* column it takes the "
                "row's memo (an empty cell removes the memo), so that an exported file whose "
                "memos were edited can come back.\n"
                "_FILE_ *-* is standard input.\n"
                "\n"
                "A code named by number and name, in the *code* column (\"07.01.02 Management "
                "and governance\") or with a *code_name* column as *export* writes, must have "
                "that name in the project: a row whose name is not that of the project's code of "
                "that number (the code was renamed, or the codebook renumbered, since the file "
                "was written) stops the import with its line, the number and both names, unless "
                "*--match* says which to trust.\n",
        .options =
            (const struct option_spec[]){
                {"match", "number|name",
                 "when a row's code number and name disagree, take the code of that *number*, "
                 "or the code of that *name*",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_import_codings,
    },
    {
        .name = "export",
        .summary = "export coded segments as CSV",
        .arguments = "PROJECT",
        .help = "Write coded segments as CSV (RFC 4180, UTF-8) with the header "
                "*source,case,coder,code,code_name,start,end,speaker,text,memo*, one row per "
                "coding; *text* holds exactly the characters from *start* to *end*, and *speaker* "
                "names the speaker of the turn where the segment starts (empty before the first "
                "turn, or in a source without turns).\n"
                "*margin codings import* reads the file back, with or without the *speaker* "
                "column.\n"
                "_FILE_ *-* is standard output; a file is replaced only once it is complete.\n"
                "A _FILE_ named *.xlsx* gets a workbook of the same rows instead, the offsets as "
                "numbers and every other cell a string, so that a spreadsheet never runs a cell "
                "as a formula.\n"
                "\n"
                "*--safe-csv* puts an apostrophe before cells that start with *=*, *+*, *-*, *@*, "
                "a tab or a carriage return (numbers such as *-2* aside), so that a spreadsheet "
                "does not run them as formulas; see CSV for the setting that makes it the "
                "project's default.\n"
                "It is not the default because it changes the text: a quotation that starts with "
                "a dash would no longer match its source.\n"
                "\n"
                "*--case* and *--where* keep the segments of some cases, as for *retrieve*; "
                "*--attributes* adds a column per case attribute, so that a quote can be cited as "
                "\"(Int7, GP lead)\".\n",
        .options =
            (const struct option_spec[]){
                {"segments", "FILE", "where the segments go", OPTION_REQUIRED},
                {"coder", "NAME", "only this coder's codings", 0},
                {"code", "CODE", "only codings at this code and its sub-codes", 0},
                {"case", "NAME", "only the sources of this case", OPTION_REPEATABLE},
                {"where", "FILTER", "only the sources of cases that pass the filter", 0},
                {"attributes", NULL, "add a column per case attribute", 0},
                SAFE_CSV_OPTION,
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_ONLY,
        .run = cmd_report_export,
    },
    {
        .name = "refi import",
        .summary = "import a REFI-QDA project (.qdpx) from another QDA program",
        .arguments = "PROJECT FILE",
        .help = "Import a REFI-QDA 1.5 project archive (.qdpx) written by another QDA "
                "program: its users become coders (by name), its codebook merges into the "
                "project's (codes matched by GUID), and its text sources come with their "
                "codings, cases, attributes and notes (as memos).\n"
                "Sources are of the kind *--kind* gives, as REFI-QDA has no kinds.\n"
                "The whole archive is checked before anything is written: a file that is not a "
                "zip, one without project.qde, a position past the end of a text or a coding of "
                "a code the codebook lacks stops the import, naming the file and the place, and "
                "the project is left as it was.\n"
                "Prints a line of what came in, then a *warning:* line for each kind of thing "
                "margin does not keep (pictures, audio, video, PDF regions, sets, links, ...) "
                "and skipped.\n"
                "A coding the coder already has is not added again, so importing the same "
                "archive twice changes nothing.\n",
        .options =
            (const struct option_spec[]){
                {"kind", "interview|observation|document",
                 "what the sources are: *interview* (the default), *observation* or *document*", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_refi_import,
    },
    {
        .name = "refi export",
        .summary = "export the project as a REFI-QDA project (.qdpx)",
        .arguments = "PROJECT FILE",
        .help = "Write the project as a REFI-QDA 1.5 project archive (.qdpx), which other QDA "
                "programs import: every coder, the codebook, cases and their attributes, the "
                "sources' texts (as sources/GUID.txt), every coder's codings and the memos (as "
                "notes).\n"
                "A detached coding, which the standard has no place for, is a note on its source "
                "that says who coded which code where, with its memo; standard error counts "
                "them.\n"
                "Its project.qde validates against the standard's Project.xsd.\n"
                "GUIDs margin does not keep are derived from names, texts and spans, so that "
                "exporting twice gives the same file, and an archive margin wrote, imported into "
                "a new project, exports again to the same project.qde and texts.\n"
                "_FILE_ *-* is standard output; a file is replaced only once it is complete.\n",
        .access = CLI_READ_ONLY,
        .run = cmd_refi_export,
    },
    {
        .name = "retrieve",
        .summary = "list every segment coded at a code, with its context",
        .arguments = "PROJECT",
        .help = "List every segment coded at _CODE_ (with *--with-subcodes*, at its sub-codes "
                "too): its source, case, speaker (the turn it starts in), coder, code, start and "
                "end, its text and up to *--context* characters either side, and its case's "
                "attributes.\n"
                "Segments are ordered by source, position, code and coder.\n"
                "\n"
                "*--where* keeps the segments of cases whose attributes pass a filter: "
                "comparisons *NAME = VALUE* (also *!=*, *<*, *<=*, *>*, *>=*) and *NAME in "
                "(VALUE, ...)*, joined by *and*, *or* and *not* and grouped by parentheses, as "
                "in *site = B*, *staff_group in (GP, PM)* or *age >= 40 and not site = A*.\n"
                "A value is a quoted string or words (*site = Site B*).\n"
                "Values compare by the attribute's type: numbers as numbers, dates in calendar "
                "order, booleans (*yes*, *no*, *true*, *false*) with *=* and *!=* only, text "
                "with ASCII letters in any case.\n"
                "A case without a value for an attribute fails every comparison with it; "
                "sources without a case are left out by *--case* and *--where*.\n"
                "A filter that cannot be read is reported with the column where it went wrong.\n",
        .options =
            (const struct option_spec[]){
                {"code", "CODE", "the code", OPTION_REQUIRED},
                {"with-subcodes", NULL, "the code's sub-codes too", 0},
                {"coder", "A[,B...]", "only these coders' codings", OPTION_REPEATABLE},
                {"consensus", NULL,
                 "only the codings of consensus coders (those who settled disagreements)", 0},
                {"source", "NAME", "only this source", OPTION_REPEATABLE},
                {"case", "NAME", "only the sources of this case", OPTION_REPEATABLE},
                {"where", "FILTER", "only the sources of cases that pass the filter", 0},
                {"context", "N", "characters of context either side (default 60)", 0},
                {"format", "text|csv|json",
                 "*text* (the default), *csv* (with a column per case attribute) or *json*", 0},
                {"output", "FILE", "write to _FILE_, replaced only once it is complete", 0},
                SAFE_CSV_OPTION,
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_ONLY,
        .run = cmd_analysis_retrieve,
    },
    {
        .name = "query",
        .summary = "find where codes meet, miss or come near each other, or a phrase",
        .arguments = "PROJECT QUERY",
        .help =
            "List the stretches of text that _QUERY_ finds, in every source (or those of the "
            "cases *--case* and *--where* choose, as for *retrieve*), with their source, "
            "case, speaker, position, text and context.\n"
            "The query language is described under QUERIES below; a query that cannot be "
            "read is reported with the column where it went wrong.\n"
            "\n"
            "With *--code-hits*, every stretch found is coded instead, at _CODE_ for *--coder*, "
            "widened to its sentence, speaker turn or paragraph with *--as*, in one change "
            "that one undo takes back.\n",
        .options =
            (const struct option_spec[]){
                {"coders", "A[,B...]", "whose codings the codes stand for (default: everyone's)",
                 OPTION_REPEATABLE},
                {"case", "NAME", "only the sources of this case", OPTION_REPEATABLE},
                {"where", "FILTER", "only the sources of cases that pass the filter", 0},
                {"context", "N", "characters of context either side (default 60)", 0},
                {"format", "text|csv|json",
                 "*text* (the default), *csv* (with a column per case attribute) or *json*", 0},
                {"output", "FILE", "write to _FILE_, replaced only once it is complete", 0},
                {"code-hits", "CODE", "code every stretch found at _CODE_", 0},
                {"as", "match|sentence|turn|paragraph",
                 "with *--code-hits*: code the match (the default), or its sentence, turn or "
                 "paragraph",
                 0},
                {"coder", "NAME", "with *--code-hits*: who codes (added when new)", 0},
                SAFE_CSV_OPTION,
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_NO_PROJECT,
        .run = cmd_analysis_query,
    },
    {
        .name = "counts",
        .summary = "count codings by code, case, attribute value or co-occurrence",
        .arguments = "PROJECT",
        .help = "Count codings.\n"
                "*--by code* (the default) gives every code with, for each coder and for them all, "
                "its *sources* (those with a coding at the code) and *references* (codings at "
                "the code), as NVivo's Files and References columns do; a code's sub-codes are "
                "not added in.\n"
                "*--by case* gives the codings of each code in each case's sources, *--by "
                "attribute* with *--attribute* _NAME_ those in the sources of cases with each "
                "value of the attribute.\n"
                "*--by cooccurrence* gives each pair of codes that occur together: the stretches "
                "where both apply (as the query *X and Y* finds them) and the speaker turns "
                "that hold both.\n"
                "The numbers are those of the rows *export --segments* writes with the same "
                "*--case* and *--where*.\n",
        .options =
            (const struct option_spec[]){
                {"by", "code|case|attribute|cooccurrence", "what to count by (default *code*)", 0},
                {"attribute", "NAME", "with *--by attribute*: the case attribute", 0},
                {"coder", "A[,B...]", "only these coders' codings (default: everyone's)",
                 OPTION_REPEATABLE},
                {"case", "NAME", "only the sources of this case", OPTION_REPEATABLE},
                {"where", "FILTER", "only the sources of cases that pass the filter", 0},
                {"format", "text|csv|json|xlsx",
                 "*text* (the default), *csv*, *json* or *xlsx* (a workbook; the default for an "
                 "*--output* named *.xlsx*)",
                 0},
                {"output", "FILE", "write to _FILE_, replaced only once it is complete", 0},
                SAFE_CSV_OPTION,
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_ONLY,
        .run = cmd_analysis_counts,
    },
    {
        .name = "matrix",
        .summary = "the framework matrix: a summary per case and code",
        .arguments = "PROJECT [CASE CODE SUMMARY]",
        .help = "Show the framework matrix: a row per case, a column per code, and in each cell "
                "the summary written for that case and code with the number of segments coded "
                "there (at the code or a sub-code, by any coder, in the case's sources).\n"
                "The columns are the sub-codes of *--theme*, the codes *--codes* names, or by "
                "default the top-level codes; the rows are the cases *--cases* names (in that "
                "order) or every case, kept by *--where*.\n"
                "In text, a cell with segments and no summary yet is marked *to summarise*.\n"
                "*md* writes a Markdown table for a report: a row per case, a column per code, "
                "each cell its summary (or *to summarise*) and its number of segments, line feeds "
                "as <br> and bars escaped.\n"
                "In a workbook (*xlsx*), every text cell is a string, never a formula, so a "
                "summary that starts with *=* stays text.\n"
                "*--quotes* adds to each cell the illustrative quotes of the case at the code or "
                "a sub-code, each in quotation marks and cited by its label (see *quotes*): in "
                "CSV and a workbook as a third column per code, in text under the cell, in "
                "Markdown after "
                "the summary.\n"
                "\n"
                "With *--set*, write the summary of _CASE_ at _CODE_ instead (an empty _SUMMARY_ "
                "removes it), as a change of *--coder* that undo takes back.\n",
        .options =
            (const struct option_spec[]){
                {"theme", "CODE", "the columns are this code's sub-codes", 0},
                {"codes", "A[,B...]", "the columns are these codes", OPTION_REPEATABLE},
                {"cases", "A[,B...]", "the rows are these cases", OPTION_REPEATABLE},
                {"where", "FILTER", "only the cases that pass the filter", 0},
                {"format", "text|md|csv|json|xlsx",
                 "*text* (the default), *csv* (a summary and a segment column per code), *json* "
                 "or *xlsx* (a workbook, as *csv*; the default for an *--output* named *.xlsx*)",
                 0},
                {"output", "FILE", "write to _FILE_, replaced only once it is complete", 0},
                {"quotes", NULL,
                 "give each cell its quotes (see *quotes*), each with its citation label", 0},
                {"set", NULL, "write the summary of _CASE_ at _CODE_", 0},
                {"coder", "NAME", "with *--set*: who writes it (added when new)", 0},
                SAFE_CSV_OPTION,
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_NO_PROJECT,
        .run = cmd_matrix_show,
    },
    {
        .name = "quote",
        .summary = "mark a coding as a quote to cite, or take the mark off",
        .arguments = "PROJECT",
        .help = "Mark a coded segment as a quote, to be cited in the write-up (see *quotes*), or "
                "with *--remove* take the mark off.\n"
                "The coding is named by its number (*--coding*, as *quotes* lists it), or by "
                "its source and its exact span, *--start* to *--end* in code points counted "
                "from 0 as *export* writes them; when several codings share the span, *--code* "
                "and *--coded-by* say which.\n"
                "A quote is its coding: when its source is updated or redacted it moves with the "
                "coding, and when the coding is deleted it goes too (and comes back if the "
                "deletion is undone).\n"
                "To quote part of a segment, code that part and mark it.\n"
                "The mark is a change of *--coder*, whose undo on the screen takes it back.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME", "who marks the quote (added when new)", OPTION_REQUIRED},
                {"coding", "N", "the coding, by its number", 0},
                {"source", "NAME", "the coding's source", 0},
                {"start", "N", "the first character of the coding", 0},
                {"end", "M", "the character after its last one", 0},
                {"code", "CODE", "when several codings share the span: the one at this code", 0},
                {"coded-by", "NAME", "when several codings share the span: the one of this coder",
                 0},
                {"remove", NULL, "take the mark off", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_quotes_mark,
    },
    {
        .name = "quotes",
        .summary = "write the quotes with their citation labels",
        .arguments = "PROJECT",
        .help = "Write the coded segments marked as quotes (see *quote*), each with its text "
                "and a citation label such as \"(Int7, GP, site B)\", ordered by source and "
                "position; *--format md* writes them under a heading per code, in the "
                "codebook's order, as block quotes ending with their labels.\n"
                "*--code* keeps the quotes at a code and its sub-codes; *--coder*, *--source*, "
                "*--case* and *--where* keep those of some coders, sources and cases, as for "
                "*retrieve*.\n"
                "Quotes of detached codings (see *detached*) are left out.\n"
                "\n"
                "The label is written by the project's template, which *--set-label* sets "
                "(and *--set-label default* resets to *({source.name})*), or for one run by "
                "*--label*.\n"
                "A template is text with fields in braces, *{{* and *}}* standing for braces, "
                "as in *(Int{source.number}, {case.staff_group}, site {case.site})*.\n"
                "The fields are *source.name*; *source.number*, the last run of digits in the "
                "source's name without its leading zeros (*int07* gives *7*, *site2_int12b* "
                "gives *12*, a name without digits nothing); *source.kind* (interview, "
                "observation or document); *case.name*; *case.*_ATTRIBUTE_, the case's value "
                "of one of its attributes; *speaker*, of the turn where the quote starts; "
                "*coder*; *code.number* and *code.name*.\n"
                "A field with no value (a source without a case, a case without that "
                "attribute) is left empty.\n"
                "A template that names a field the project does not have is refused with the "
                "field, its column and the fields there are.\n"
                "\n"
                "In a workbook (*xlsx*), every text cell is a string, never a formula; "
                "*--safe-csv* does for CSV what it does for *export*.\n",
        .options =
            (const struct option_spec[]){
                {"code", "CODE", "only the quotes at this code and its sub-codes", 0},
                {"coder", "NAME", "only this coder's quotes", OPTION_REPEATABLE},
                {"source", "NAME", "only the quotes in this source", OPTION_REPEATABLE},
                {"case", "NAME", "only the quotes in the sources of this case", OPTION_REPEATABLE},
                {"where", "FILTER", "only the quotes in the sources of cases that pass the filter",
                 0},
                {"label", "TEMPLATE", "label the quotes by this template, this time", 0},
                {"set-label", "TEMPLATE",
                 "make _TEMPLATE_ the project's label template (*default* for the default) and "
                 "write nothing else",
                 0},
                {"format", "text|md|csv|json|xlsx",
                 "*text* (the default), *md* (Markdown; the default for an *--output* named "
                 "*.md*), *csv*, *json* or *xlsx* (a workbook; the default for an *--output* "
                 "named *.xlsx*)",
                 0},
                {"output", "FILE", "write to _FILE_, replaced only once it is complete", 0},
                {"safe-csv", NULL, "neutralise cells a spreadsheet would run as formulas", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_NO_PROJECT,
        .run = cmd_quotes_list,
    },
    {
        .name = "compare",
        .summary = "compare coders' codings: agreement code by code",
        .arguments = "PROJECT",
        .help =
            "Compare coders' codings, code by code.\n"
            "By default the unit is the character: for a code and a source of _L_ characters, "
            "_a_ counts the characters both coders coded with the code or one of its sub-codes, "
            "_b_ and _c_ those only the first or only the second coded, and _d_ = _L_ - _a_ - _b_ "
            "- _c_; a coder's overlapping codings count once.\n"
            "For two coders it reports percent agreement (a+d)/L, Cohen's kappa, positive "
            "agreement 2a/(2a+b+c) and Jaccard a/(a+b+c), per source and pooled over sources "
            "(the tables added up), which is the headline figure; with *--alpha*, and always for "
            "three or more coders, Krippendorff's alpha (binary, over characters), and for three "
            "or more every pair's table.\n"
            "The overall row pools the codes coded directly in any source that every coder coded "
            "(also with *--source*, so that a source's overall figures are its share of the "
            "project's), each counting only its own codings.\n"
            "Every code of the selection has a row and every source compared a cell, as in "
            "NVivo's coding comparison: where neither coder used the code, _a_ = _b_ = _c_ = 0, "
            "_d_ = _L_, agreement is 1 and kappa undefined; *--skip-empty* leaves out those "
            "cells and the codes nobody used (a code named with *--code* keeps its row).\n"
            "A figure that is undefined (kappa when neither coder used a code) is shown as n/a, "
            "or null in JSON, with the reason; *--nvivo-kappa* adds NVivo's column, which shows "
            "1 there instead, labelled as NVivo's convention.\n"
            "JSON and CSV also give, per code, the mean of the per-source kappas over its "
            "sources, unweighted and weighted by length (sources where kappa is undefined left "
            "out), a convention next to the pooled kappa; JSON gives kappa's p_o and p_e, "
            "alpha's D_o and D_e and, for three or more coders, Conger's kappa over all of them "
            "with its P and P_e.\n"
            "By default every source in which each coder coded something is compared; the "
            "output names the sources left out and why.\n"
            "\n"
            "*--mode segments* compares two coders' coded segments at each code as MAXQDA does: "
            "a segment matches when the other coder has one at the same code that overlaps it by "
            "at least *--threshold* percent of the extent of the two, with Brennan and "
            "Prediger's kappa (q = the number of codes some coder used, which the output lists; "
            "a code nobody used does not count) and code presence and frequency per source "
            "over those codes.\n"
            "\n"
            "*--unit turn*, *paragraph* or *sentence* compares units of the sources instead: a "
            "unit counts as coded at a code by a coder when the coder's codings with the code or "
            "a sub-code cover at least *--cover* of it (default: any character). For each code, "
            "and pooled over the codes coded directly (each counting only its own codings, as "
            "(unit, code) units), it reports percent agreement, Cohen's kappa and Scott's pi "
            "(two coders), Fleiss' and Conger's kappa, Krippendorff's alpha (nominal) and Brennan "
            "and Prediger's kappa (q = 2), each with its n; JSON adds each figure's observed and "
            "expected agreement (p_o, p_e, P, P_e) or disagreement (D_o, D_e).\n"
            "*--bootstrap* _N_ adds bootstrap intervals of each code's and the pooled alpha, "
            "resampling pairs of values as Hayes and Krippendorff's KALPHA does, and of Cohen's "
            "kappa, resampling units, with the probability that alpha falls below 0.8 and 0.667; "
            "the same *--seed* gives the same figures.\n"
            "\n"
            "*--unitizing* reports Krippendorff's unitizing alphas, the sources' characters "
            "being one continuum cut at their ends and a coder's codings with a code and its "
            "sub-codes merged where they overlap or touch: for each code the 2004 u-alpha "
            "(Content Analysis, 2nd ed., pp. 251-256) and the 2016 |u-alpha (Krippendorff, "
            "Mathet, Bouvry and Widlöcher), its units against everything else; for each "
            "domain, a code whose sub-codes are its values, the 2016 u-alpha, |u-alpha and, "
            "for two coders, cu-alpha and each value's (k)u-alpha (JSON and CSV); and Cu-alpha, "
            "cu-alpha of all the domains together (each domain's observed and expected "
            "disagreements added up before dividing).\n"
            "Every output states its unit and n.\n",
        .options =
            (const struct option_spec[]){
                {"coders", "A,B[,C...]",
                 "the coders to compare, two or more, separated by commas (a name with a comma "
                 "in double quotes)",
                 OPTION_REQUIRED},
                {"source", "NAME", "compare only this source", OPTION_REPEATABLE},
                {"code", "CODE", "compare only this code and its sub-codes", OPTION_REPEATABLE},
                {"mode", "characters|segments",
                 "*characters* (the default) or *segments*, MAXQDA-style agreement of two coders "
                 "over coded segments",
                 0},
                {"threshold", "PERCENT",
                 "segments: the overlap, in percent of the extent of two segments, at which they "
                 "match (default 90, inclusive)",
                 0},
                {"alpha", NULL, "characters: Krippendorff's alpha for two coders too", 0},
                {"nvivo-kappa", NULL,
                 "characters: also NVivo's kappa, which is 1 where kappa is undefined because "
                 "neither coder used the code (a convention, labelled as such)",
                 0},
                {"unit", "turn|paragraph|sentence",
                 "agreement over the speaker turns (what was said after the label), paragraphs or "
                 "sentences of the sources instead of characters",
                 0},
                {"cover", "PERCENT",
                 "with *--unit*: the share of a unit a coder's codings must cover for the unit to "
                 "count as coded (default: any character), such as 50%",
                 0},
                {"ratings-out", "FILE",
                 "with *--unit*: also write the pooled unit table to _FILE_ as ratings that "
                 "*margin agreement --ratings* reads",
                 0},
                {"bootstrap", "N",
                 "with *--unit*: bootstrap each code's and the pooled alpha and kappa with _N_ "
                 "resamples",
                 0},
                {"seed", "S", "the bootstrap's seed (default 1): the same seed, the same figures",
                 0},
                {"ci", "PERCENT", "the bootstrap interval's level (default 95%)", 0},
                {"unitizing", NULL,
                 "Krippendorff's unitizing alphas over the characters instead: each code's "
                 "u-alpha (2004) and |u-alpha, each domain's u-alpha, |u-alpha and cu-alpha, and "
                 "Cu-alpha over the domains",
                 0},
                {"skip-empty", NULL,
                 "leave out the cells of sources where no coder used a code, and the codes "
                 "nobody used",
                 0},
                {"sort", "code|kappa|disagreement",
                 "order the codes by number (the default), by kappa (lowest first) or by "
                 "disagreement (most first)",
                 0},
                {"format", "table|csv|json",
                 "*table* (the default, 80 columns), *csv* (a row per code, source and pair of "
                 "coders, with *(pooled)* and *(overall)* rows) or *json*",
                 0},
                {"output", "FILE", "write to _FILE_, replaced only once it is complete", 0},
                SAFE_CSV_OPTION,
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_ONLY,
        .run = cmd_compare_run,
    },
    {
        .name = "agreement",
        .summary = "agreement on unit-level ratings from a CSV file",
        .help = "Measure agreement on unit-level data: speaker turns, paragraphs or cases that "
                "each coder gave one value.\n"
                "_FILE_ is CSV with a header row naming the coders and one row per unit; an empty "
                "cell is a missing value; *-* is standard input.\n"
                "Values are categories, or numbers when every value is a number.\n"
                "\n"
                "Reports percent agreement (units with two or more values), Cohen's kappa and "
                "Scott's pi (two coders), Fleiss' and Conger's kappa (no missing values), "
                "Krippendorff's alpha (nominal, and ordinal, interval and ratio for numbers) and "
                "Brennan and Prediger's kappa, as a table, CSV or JSON; JSON adds each figure's "
                "observed and expected agreement (p_o, p_e, P, P_e) or disagreement (D_o, D_e).\n"
                "Each figure gives its n; one that is undefined says why.\n"
                "*--bootstrap* _N_ adds bootstrap intervals of the nominal alpha, resampling "
                "pairs of values as Hayes and Krippendorff's KALPHA does, and of Cohen's kappa "
                "(two coders), resampling units, with the probability that alpha falls below 0.8 "
                "and 0.667; the same *--seed* gives the same figures.\n",
        .options =
            (const struct option_spec[]){
                {"ratings", "FILE", "the ratings", OPTION_REQUIRED},
                {"categories", "N",
                 "the number of categories for Brennan and Prediger's kappa (default: the number "
                 "of distinct values)",
                 0},
                {"format", "table|csv|json",
                 "*table* (the default), *csv* (a header and one row: each figure's value, n and "
                 "reason, as *compare --unit* writes a code's) or *json*",
                 0},
                {"bootstrap", "N", "bootstrap alpha and kappa with _N_ resamples", 0},
                {"seed", "S", "the bootstrap's seed (default 1): the same seed, the same figures",
                 0},
                {"ci", "PERCENT", "the bootstrap interval's level (default 95%)", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_NO_PROJECT,
        .run = cmd_agreement_run,
    },
    {
        .name = "memos",
        .summary = "export every memo with what it is attached to",
        .arguments = "PROJECT",
        .help = "Write every memo: the project's, then those on sources, cases and codes, then "
                "those on codings by source and position, each with what it is attached to, "
                "who wrote it last (the coder, for a coding) and when, in UTC.\n"
                "*--format csv* writes the header "
                "*kind,source,case,code,code_name,start,end,author,modified,memo* (the memo of a "
                "source or a coding also names the source's case), and *--format json* an array of "
                "objects "
                "with those members, null where one does not apply.\n",
        .options =
            (const struct option_spec[]){
                {"format", "text|csv|json", "*text* (the default), *csv* or *json*", 0},
                {"output", "FILE", "write to _FILE_, replaced only once it is complete", 0},
                SAFE_CSV_OPTION,
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_ONLY,
        .run = cmd_memo_list,
    },
    {
        .name = "memo",
        .summary = "write the memo of the project, a source, a case or a code",
        .arguments = "PROJECT",
        .help = "Write the memo of the project, a source, a case or a code (one of *--project*, "
                "*--source*, *--case* and *--code*), replacing the memo it had, as one change in "
                "the history of the coder *--coder* names, which that coder's *u* on the screen "
                "undoes.\n"
                "The text comes from *--text*, from *--file* (*-* is standard input), or else "
                "from an editor, *$VISUAL* or *$EDITOR* (*vi* when neither is set), opened on the "
                "memo as it is; a memo may have many lines, and the line feed that ends a file "
                "is dropped.\n"
                "An empty text removes the memo.\n"
                "A coding's memo is written with *code --memo* or *codings import*.\n",
        .options =
            (const struct option_spec[]){
                {"coder", "NAME", "who writes it", OPTION_REQUIRED},
                {"project", NULL, "the project's memo", 0},
                {"source", "NAME", "the memo of this source", 0},
                {"case", "NAME", "the memo of this case", 0},
                {"code", "CODE", "the memo of this code", 0},
                {"text", "TEXT", "the memo's text", 0},
                {"file", "FILE", "read the memo's text from _FILE_", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_memo_set,
    },
    {
        .name = "merge",
        .summary = "merge the codings of another copy of a project",
        .arguments = "PROJECT OTHER",
        .help = "Copy the codings of _OTHER_, another project file (a copy another coder worked "
                "in), with their memos, into _PROJECT_ in one change.\n"
                "Sources are matched by their text, codes by GUID, then by number, then by a name "
                "only one code has, and coders by name (added when new).\n"
                "A detached coding stays detached at its place (*margin detached* lists it).\n"
                "Codings already in _PROJECT_ are not added again, so merging twice adds nothing; "
                "codings whose source or code has no match are skipped and listed.\n"
                "_OTHER_ is only read; a project is not merged into itself.\n",
        .access = CLI_READ_WRITE,
        .run = cmd_merge_run,
    },
    {
        .name = "turns",
        .summary = "show or set how speaker turns are found",
        .arguments = "PROJECT",
        .help = "Print the rule that finds speaker turns and, for every source, how many turns it "
                "has and who speaks them (each speaker with their number of turns).\n"
                "The default rule is described in the manual, margin(1), under SPEAKER TURNS.\n"
                "With *--pattern*, set the project's own rule first: a POSIX extended regular "
                "expression matched at the start of each line, whose first parenthesised group "
                "(or else the whole match) is the speaker; *--pattern default* goes back to the "
                "default rule.\n"
                "Setting or clearing the pattern finds the turns of every source again, in one "
                "transaction; the screen and every command use them, and codings do not change.\n"
                "A pattern that is not valid, or that matches an empty line, is refused with the "
                "reason.\n",
        .options =
            (const struct option_spec[]){
                {"pattern", "REGEX",
                 "find turns by this pattern, or by the default rule for "
                 "*default*",
                 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_WRITE,
        .run = cmd_report_turns,
    },
    {
        .name = "info",
        .summary = "count what a project holds",
        .arguments = "PROJECT",
        .help = "Count a project's sources (by kind), cases, codes (and how many are headings), "
                "coders (by name), codings and memos (those on codings included).\n",
        .access = CLI_READ_ONLY,
        .run = cmd_report_info,
    },
    {
        .name = "list",
        .summary = "list sources, codes, coders or cases",
        .arguments = "PROJECT sources|codes|coders|cases",
        .help = "List a project's sources (with kind, case and length in characters), codes "
                "(with the number of sources and references coded at each, as NVivo counts "
                "them), coders (with their number of codings) or cases (with their "
                "attributes).\n",
        .access = CLI_READ_ONLY,
        .run = cmd_report_list,
    },
    {
        .name = "log",
        .summary = "show who changed what, and when",
        .arguments = "PROJECT",
        .help = "Show the journal, where margin records every change to the project, as an "
                "audit trail, oldest first.\n"
                "As text, one line per action: when (UTC), the coder, the program (*screen* or "
                "*command line*) and what was done, marked *(undone)* when it was undone.\n"
                "As CSV or JSON, one record per change: *id*, *batch* (the changes of one "
                "action), *at*, *coder*, *program*, *operation* (*coding.insert*, "
                "*source.text*, *project.redact*, ...), *source*, *state* (*done*, *undone* or "
                "*final*), *summary* and *change*, the change itself as the journal keeps it "
                "for redo (empty when a redaction dropped it).\n",
        .options =
            (const struct option_spec[]){
                {"since", "DATE",
                 "only changes from _DATE_ on: 2026-03-01, or 2026-03-01T09:30 (UTC)", 0},
                {"coder", "NAME", "only this coder's changes", 0},
                {"source", "NAME", "only changes to this source's text, codings and decisions", 0},
                {"format", "text|csv|json", "*text* (the default), *csv* or *json*", 0},
                SAFE_CSV_OPTION,
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_READ_ONLY,
        .run = cmd_log,
    },
    {
        .name = "check",
        .summary = "check a project file for damage",
        .arguments = "PROJECT",
        .help = "Check a project file: SQLite's integrity and foreign key checks, every coding "
                "and speaker turn inside its source's text, the codebook's numbers and nesting "
                "(and the codebook read as every other command reads it), memos attached to what "
                "exists, and each source's text against its stored length and SHA-256.\n"
                "Prints each problem, at most ten of one kind and the number of the rest; the "
                "exit status is 1 when there is any.\n"
                "\n"
                "With *--identifiers*, look instead for the names a redaction should have "
                "removed: _FILE_ is a redaction map (a CSV whose header names the column "
                "*original*) or lists one identifier a line.\n"
                "Each is looked for as a whole word, in any case, in sources' texts and names, "
                "memos, codes, cases, coders, case values, the journal (its undo history "
                "included) and the raw bytes of the project file and of any rollback journal or "
                "WAL file beside it.\n"
                "Prints each place one is found; the exit status is 1 when there is any.\n",
        .options =
            (const struct option_spec[]){
                {"identifiers", "FILE",
                 "instead, look for the identifiers _FILE_ lists (see *redact*)", 0},
                {NULL, NULL, NULL, 0},
            },
        .access = CLI_NO_PROJECT,
        .run = cmd_upkeep_check,
    },
    {
        .name = "settings",
        .summary = "show or change the project's settings",
        .arguments = "PROJECT [NAME] [VALUE]",
        .help = "With _NAME_ and _VALUE_, change a setting of the project; with _NAME_ alone, "
                "print it; with neither, print every setting.\n"
                "The one setting is *safe-csv*: *on* makes every CSV file written from the "
                "project (by *export*, *codebook export*, *retrieve*, *query*, *counts*, "
                "*matrix*, *compare*, *memos*, *log* and *redact*) neutralise cells a "
                "spreadsheet would run as formulas, as *--safe-csv* does; *off*, the default, "
                "writes every cell exactly.\n"
                "A team that opens its exports in spreadsheets sets it once, and nobody has to "
                "remember *--safe-csv*; see CSV for what it changes and how one person or one "
                "command chooses otherwise.\n",
        .access = CLI_NO_PROJECT,
        .run = cmd_upkeep_settings,
    },
    {
        .name = "backup",
        .summary = "copy a project safely, even while it is in use",
        .arguments = "PROJECT DEST",
        .help = "Copy a project to _DEST_, which must not exist, with SQLite's online backup: "
                "safe while margin or anything else has the project open, and the copy is "
                "consistent.\n"
                "_DEST_ appears only once the copy is complete.\n",
        .access = CLI_NO_PROJECT,
        .run = cmd_upkeep_backup,
    },
    {
        .name = "help",
        .summary = "describe the commands, or one of them",
        .arguments = "[COMMAND [VERB]]",
        .help = "Describe every command, as *margin --help* does, or the command named, as its "
                "*--help* does: *margin help export*, *margin help codebook import*.\n",
        .access = CLI_NO_PROJECT,
        .run = cmd_help_run,
    },
};

const size_t commands_count = sizeof commands_table / sizeof commands_table[0];
