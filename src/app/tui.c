#include "app/tui.h"

#include "cli/cli.h"
#include "core/names.h"
#include "core/strbuf.h"
#include "input/script.h"
#include "io/file.h"
#include "ui/screen.h"
#include "ui/ui.h"

#include <inttypes.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How often the loop wakes up without input, to notice signals and other programs' changes. */
#define POLL_MS 500

/* The largest script margin reads. */
#define SCRIPT_MAX_BYTES (4u * 1024 * 1024)

static volatile sig_atomic_t stop_requested;

static void on_stop(int signal_number)
{
    stop_requested = signal_number;
}

/* A crash: give the terminal back, then die of the same signal. */
static void on_crash(int signal_number)
{
    screen_emergency_restore();
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

static void install_signals(void)
{
    struct sigaction stop = {.sa_handler = on_stop};
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTERM, &stop, NULL);
    sigaction(SIGHUP, &stop, NULL);
    sigaction(SIGINT, &stop, NULL);
    struct sigaction crash = {.sa_handler = on_crash, .sa_flags = SA_RESETHAND};
    sigemptyset(&crash.sa_mask);
    int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        sigaction(fatal[i], &crash, NULL);
    /* A terminal that went away (SSH dropped) must not kill margin while it saves. */
    signal(SIGPIPE, SIG_IGN);
}

/* The project setting that remembers who this user codes as. */
static void coder_key(char *key, size_t size)
{
    const char *user = getenv("USER");
    struct passwd *pw = user ? NULL : getpwuid(getuid());
    snprintf(key, size, "coder.%s", user ? user : pw ? pw->pw_name : "unknown");
}

/* Makes the C library read and write UTF-8, which is what transcripts hold: in a locale of
 * another character set (LANG=C on many servers) every letter beyond ASCII would be drawn as a
 * blank. Takes a UTF-8 locale the system has for character types only, so that messages and
 * numbers stay as the user's locale has them. False when the system has none. */
static bool use_utf8(void)
{
    static const char *const utf8_locales[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8", "en_GB.UTF-8"};
    if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
        return true;
    for (size_t i = 0; i < sizeof utf8_locales / sizeof utf8_locales[0]; i++)
        if (setlocale(LC_CTYPE, utf8_locales[i]) && strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
            return true;
    setlocale(LC_CTYPE, "");
    return false;
}

/* Asks on the terminal, before the screen is taken over, who is coding. */
static bool ask_coder(char *name, size_t size)
{
    printf("Who is coding? Type your name or initials (margin remembers it): ");
    fflush(stdout);
    if (!fgets(name, (int)size, stdin))
        return false;
    name[strcspn(name, "\r\n")] = '\0';
    return name[0] != '\0';
}

/* Settles the coder's name into `name`: the option, the remembered one, or asked. */
static bool choose_coder(const struct tui_options *options, struct project *project, char *name,
                         size_t size, struct error *err)
{
    char key[128];
    coder_key(key, sizeof key);
    if (options->coder) {
        if (!names_check_coder(options->coder, err))
            return false;
        snprintf(name, size, "%s", options->coder);
    } else {
        char *remembered = NULL;
        if (!project_setting(project, key, &remembered, err))
            return false;
        if (remembered)
            snprintf(name, size, "%s", remembered);
        free(remembered);
        if (!remembered && (options->script || !ask_coder(name, size)))
            return error_user(err, "no coder: give one with --coder NAME");
    }
    if (!name[0])
        return error_user(err, "a coder needs a name");
    return project_read_only(project) || project_set_setting(project, key, name, err);
}

/* The running screen: the project and session it shows, the terminal and the panes. */
struct app {
    struct project *project;
    struct session *session;
    struct screen *screen;
    struct ui *ui;
};

static void draw(struct app *app)
{
    ui_draw(app->ui);
    screen_flush(app->screen);
}

/* Checks a script's @expect: some line of the panes' state holds its text. Says what the state
 * is when none does. */
static bool expect_state(struct app *app, const char *script, const struct script_step *step)
{
    struct strbuf state = STRBUF_INIT;
    ui_dump_state(app->ui, &state);
    bool found = false;
    for (const char *line = strbuf_str(&state); *line && !found;) {
        size_t n = strcspn(line, "\n");
        char *copy = strndup(line, n);
        found = copy && strstr(copy, step->text);
        free(copy);
        line += n + (line[n] == '\n');
    }
    if (!found) {
        struct strbuf shown = STRBUF_INIT;
        cli_visible(&shown, step->text);
        fprintf(stderr, "margin: %s:%zu: expected a line of the state to hold '%s'; it is:\n%s",
                script, step->line, strbuf_str(&shown), strbuf_str(&state));
        strbuf_finish(&shown);
    }
    strbuf_finish(&state);
    return found;
}

static int run_script(struct app *app, const struct tui_options *options)
{
    char *data;
    size_t n;
    struct error err;
    struct script script;
    if (!file_read(options->script, SCRIPT_MAX_BYTES, &data, &n, &err))
        return cli_report(&err);
    bool parsed = script_parse(data, n, options->script, &script, &err);
    free(data);
    if (!parsed)
        return cli_report(&err);
    struct strbuf out = STRBUF_INIT;
    int status = CLI_OK;
    int rows, cols;
    for (size_t i = 0; i < script.count && !ui_quitting(app->ui) && status == CLI_OK; i++) {
        const struct script_step *step = &script.items[i];
        switch (step->kind) {
        case STEP_INPUT:
            /* As on a terminal, the screen is drawn before each key is read. */
            draw(app);
            ui_input(app->ui, &step->input);
            break;
        case STEP_SCREEN:
            draw(app);
            screen_size(app->screen, &rows, &cols);
            strbuf_printf(&out, "@screen %dx%d (line %zu)\n", rows, cols, step->line);
            screen_dump(app->screen, &out);
            break;
        case STEP_STATE:
            strbuf_printf(&out, "@state (line %zu)\n", step->line);
            ui_dump_state(app->ui, &out);
            break;
        case STEP_EXPECT:
            if (!expect_state(app, options->script, step))
                status = CLI_USER_ERROR;
            break;
        case STEP_RESIZE:
            screen_resize(app->screen, step->rows, step->cols);
            ui_resize(app->ui, step->rows, step->cols);
            break;
        }
        fputs(strbuf_str(&out), options->dump);
        strbuf_reset(&out);
    }
    strbuf_finish(&out);
    script_finish(&script);
    return status;
}

static int run_terminal(struct app *app)
{
    while (!ui_quitting(app->ui) && !stop_requested) {
        draw(app);
        struct input_event event;
        if (screen_read(app->screen, &event, POLL_MS)) {
            if (event.key == KEYS_RESIZE) {
                int rows, cols;
                screen_size(app->screen, &rows, &cols);
                ui_resize(app->ui, rows, cols);
            }
            ui_input(app->ui, &event);
        }
        ui_poll(app->ui);
    }
    if (stop_requested)
        ui_stopped(app->ui);
    return CLI_OK;
}

int tui_run(const struct tui_options *options)
{
    struct error err;
    struct app app = {0};
    int status = CLI_OK;
    char coder[CODER_NAME_MAX * 4 + 1] = "";
    FILE *action_log = NULL;
    bool utf8 = use_utf8();
    app.project = project_open(options->project, PROJECT_READ_WRITE, &err);
    if (!app.project)
        return cli_report(&err);
    project_set_program(app.project, "screen");
    /* Before anything is written (the coder's name), so that a screen margin cannot use
     * changes nothing: a script's virtual screen is opened, a terminal only checked, since the
     * coder may still have to be asked for on it. */
    if (options->script)
        app.screen = screen_open_virtual(options->rows, options->cols, &err);
    if (options->script ? !app.screen : !screen_check_terminal(&err)) {
        status = cli_report(&err);
        goto cleanup;
    }
    if (!choose_coder(options, app.project, coder, sizeof coder, &err) ||
        !(app.session = session_create(app.project, coder, &err)) ||
        (!options->script && !(app.screen = screen_open_terminal(options->colour, &err)))) {
        status = cli_report(&err);
        goto cleanup;
    }
    const char *log = getenv("MARGIN_ACTION_LOG");
    if (log && *log)
        action_log = fopen(log, "a");
    struct ui_options ui_options = {
        .project = app.project,
        .session = app.session,
        .screen = app.screen,
        .consensus = options->consensus ? options->consensus : "consensus",
        .action_log = action_log,
    };
    screen_size(app.screen, &ui_options.rows, &ui_options.cols);
    if (!(app.ui = ui_create(&ui_options, &err))) {
        status = cli_report(&err);
        goto cleanup;
    }
    if (!utf8)
        ui_message(app.ui, true,
                   "the locale's character set is %s and this system has no UTF-8 locale, so "
                   "letters beyond ASCII cannot be shown; install one (such as C.UTF-8)",
                   nl_langinfo(CODESET));
    if (options->script) {
        status = run_script(&app, options);
    } else {
        install_signals();
        ui_greet(app.ui);
        status = run_terminal(&app);
    }
    /* Where this coder left off, for next time; a project that cannot be written now (locked
     * by another program) only loses the place, not any work. */
    session_save_place(app.session, &err);
cleanup:
    ui_destroy(app.ui);
    if (action_log)
        fclose(action_log);
    screen_close(app.screen);
    session_destroy(app.session);
    project_close(app.project);
    return status;
}
