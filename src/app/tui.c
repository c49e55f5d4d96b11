#include "app/tui.h"

#include "app.h"
#include "cli/cli.h"
#include "core/strbuf.h"
#include "input/script.h"
#include "io/file.h"
#include "store/store.h"
#include "ui/draw.h"

#include <inttypes.h>
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
    struct store *store = project_store(project);
    if (options->coder) {
        snprintf(name, size, "%s", options->coder);
    } else {
        char *remembered = NULL;
        if (!store_setting_get(store, key, &remembered, err))
            return false;
        if (remembered)
            snprintf(name, size, "%s", remembered);
        free(remembered);
        if (!remembered && (options->script || !ask_coder(name, size)))
            return error_user(err, "no coder: give one with --coder NAME");
    }
    if (!name[0])
        return error_user(err, "a coder needs a name");
    if (!store_begin(store, err))
        return false;
    if (!store_setting_set(store, key, name, err) || !store_commit(store, err)) {
        store_rollback(store);
        return false;
    }
    return true;
}

static void draw(struct app *app)
{
    handlers_prepare(app);
    draw_screen(&app->view, app->session);
    screen_flush(app->screen);
}

static void dump_state(struct app *app, struct strbuf *out)
{
    struct session *session = app->session;
    struct view *view = &app->view;
    const struct codetree *tree = project_codes(app->project);
    handlers_prepare(app);
    strbuf_puts(out, "@state\n");
    strbuf_printf(out, "focus: %s\n", view->focus == FOCUS_CODEBOOK ? "codebook" : "transcript");
    strbuf_printf(out, "mode: %s\n",
                  view->adjusting              ? "adjust"
                  : session_selecting(session) ? "visual"
                                               : "normal");
    int source = session_source_index(session);
    if (source >= 0)
        strbuf_printf(out, "source: %s (%d of %zu)\n", session_sources(session)->items[source].name,
                      source + 1, session_sources(session)->count);
    int64_t cursor = session_cursor(session);
    strbuf_printf(out, "cursor: %" PRId64 " (row %zu, first row shown %zu)\n", cursor,
                  view->wrap.count ? wrap_row_of(&view->wrap, cursor) : 0, view->top);
    if (session_selecting(session)) {
        struct span selection = session_selection(session);
        strbuf_printf(out, "selection: %" PRId64 "-%" PRId64 "\n", selection.start, selection.end);
    }
    strbuf_printf(out, "coder: %s (%s)\n", session_coder_name(session),
                  session_show_others(session) ? "every coder's codings shown"
                                               : "only own codings shown");
    strbuf_printf(out, "codings shown: %zu\n", session_codings(session)->count);
    const struct coding_row *chosen = session_chosen_coding(session);
    if (chosen) {
        int index = codetree_find_id(tree, chosen->code_id);
        char number[OUTLINE_TEXT_MAX] = "?";
        if (index >= 0)
            codetree_number_text(tree, index, number);
        strbuf_printf(out, "chosen coding: %s %" PRId64 "-%" PRId64 "%s%s (%zu at the cursor)\n",
                      number, chosen->start, chosen->end, chosen->memo ? " memo: " : "",
                      chosen->memo ? chosen->memo : "", session_codings_at_cursor(session));
    }
    int highlighted = codetree_find_id(tree, view->highlighted_code);
    if (highlighted >= 0) {
        char number[OUTLINE_TEXT_MAX];
        codetree_number_text(tree, highlighted, number);
        strbuf_printf(out, "codebook: %s %s\n", number,
                      codetree_get(tree, (size_t)highlighted)->name);
    }
    if (view->filter[0])
        strbuf_printf(out, "filter: %s\n", view->filter);
    const struct comparison *c = &view->comparison;
    if (view->screen == SCREEN_COMPARE && c->open) {
        char label[256];
        comparison_code_label(c, label, sizeof label);
        static const char *const levels[] = {"table", "disagreements", "disagreement"};
        strbuf_printf(out, "comparison: %s and %s into %s, %zu of %zu settled; %s at %s", c->first,
                      c->second, c->consensus, c->settled, c->disagreements, levels[c->level],
                      label);
        if (c->level != LEVEL_CODES && c->adjudication)
            strbuf_printf(out, ", %zu of %zu (%zu settled)", c->stretch + 1,
                          adjudication_count(c->adjudication),
                          adjudication_settled(c->adjudication));
        strbuf_putc(out, '\n');
    }
    static const char *const popups[] = {"none", "picker", "sources", "help"};
    strbuf_printf(out, "popup: %s", popups[view->popup]);
    if (view->popup == POPUP_PICKER)
        strbuf_printf(out, " \"%s\" (%zu matches)", view->picker.query, view->picker.count);
    strbuf_putc(out, '\n');
    if (view->prompt.active)
        strbuf_printf(out, "prompt: %s%s\n", view->prompt.label, view->prompt.text);
    if (view->confirming)
        strbuf_printf(out, "question: %s\n", view->question);
    if (view->message[0])
        strbuf_printf(out, "message: %s%s\n", view->message_is_error ? "(error) " : "",
                      view->message);
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
    for (size_t i = 0; i < script.count && !app->quit; i++) {
        const struct script_step *step = &script.items[i];
        switch (step->kind) {
        case STEP_INPUT:
            /* As on a terminal, the screen is drawn before each key is read. */
            draw(app);
            handlers_input(app, &step->input);
            break;
        case STEP_SCREEN:
            draw(app);
            screen_dump(app->screen, &out);
            break;
        case STEP_STATE:
            dump_state(app, &out);
            break;
        case STEP_RESIZE:
            screen_resize(app->screen, step->rows, step->cols);
            view_resize(&app->view, step->rows, step->cols);
            handlers_input(app, &(struct input_event){.key = KEYS_RESIZE});
            break;
        }
        fputs(strbuf_str(&out), options->dump);
        strbuf_reset(&out);
    }
    strbuf_finish(&out);
    script_finish(&script);
    return CLI_OK;
}

static int run_terminal(struct app *app)
{
    while (!app->quit && !stop_requested) {
        draw(app);
        struct input_event event;
        if (screen_read(app->screen, &event, POLL_MS)) {
            if (event.key == KEYS_RESIZE) {
                int rows, cols;
                screen_size(app->screen, &rows, &cols);
                view_resize(&app->view, rows, cols);
            }
            handlers_input(app, &event);
        }
        handlers_poll(app);
    }
    return CLI_OK;
}

int tui_run(const struct tui_options *options)
{
    struct error err;
    struct app app = {.consensus = options->consensus ? options->consensus : "consensus"};
    int status = CLI_OK;
    char coder[128] = "";
    app.project = project_open(options->project, PROJECT_READ_WRITE, &err);
    if (!app.project)
        return cli_report(&err);
    if (!choose_coder(options, app.project, coder, sizeof coder, &err) ||
        !(app.session = session_create(app.project, coder, &err))) {
        status = cli_report(&err);
        goto cleanup;
    }
    if (options->script)
        app.screen = screen_open_virtual(options->rows, options->cols, &err);
    else
        app.screen = screen_open_terminal(options->colour, &err);
    if (!app.screen) {
        status = cli_report(&err);
        goto cleanup;
    }
    const char *log = getenv("MARGIN_ACTION_LOG");
    if (log && *log)
        app.action_log = fopen(log, "a");
    int rows, cols;
    screen_size(app.screen, &rows, &cols);
    view_init(&app.view, rows, cols);
    if (options->script) {
        status = run_script(&app, options);
    } else {
        install_signals();
        view_message(&app.view, false, "coding as %s: ? lists the keys, q quits",
                     session_coder_name(app.session));
        status = run_terminal(&app);
    }
    /* Where this coder left off, for next time; a project that cannot be written now (locked
     * by another program) only loses the place, not any work. */
    if (app.session)
        session_save_place(app.session, &err);
cleanup:
    if (app.action_log)
        fclose(app.action_log);
    screen_close(app.screen);
    view_finish(&app.view);
    session_destroy(app.session);
    project_close(app.project);
    return status;
}
