/*
 * tunebench_plugin.c - the message loop shared by solver and problem sessions, and the error helpers.
 *
 * PROTOCOL.md, "Transport": the harness writes one JSON object per line on the plugin's standard input; each
 * has a "type" in SCREAMING_SNAKE_CASE. A *_CAST expects no answer, a *_CALL exactly one reply line. The
 * session ends when standard input is closed, and the plugin then exits with status 0.
 *
 * The loop reads lines of any length with getline(), parses each with jansson and hands it to the session's
 * dispatcher (tb_solver.c or tb_problem.c). A line that is not a JSON object with a string "type" breaks the
 * protocol: no reply could be matched to it any more, so the loop stops with a message on standard error and
 * the plugin exits with status 1, which the harness reports together with the tail of standard error.
 */
#define _POSIX_C_SOURCE 200809L /* getline */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "tb_internal.h"

/* ==== Errors ============================================================================================= */

static const char *const tb_error_kind_names[] = {
    [TB_ERROR_INVALID_INPUT] = "INVALID_INPUT",
    [TB_ERROR_IO] = "IO_ERROR",
    [TB_ERROR_UNEXPECTED_EOS] = "UNEXPECTED_EOS",
    [TB_ERROR_INCAPABLE] = "INCAPABLE",
    /* kurobako's Rust spelling; the Python package 0.2.1 writes UNEVALABLE_PARAMS, Tunebench reads both. */
    [TB_ERROR_UNEVALUABLE_PARAMS] = "UNEVALUABLE_PARAMS",
    [TB_ERROR_BUG] = "BUG",
    [TB_ERROR_OTHER] = "OTHER",
};

const char *tb_error_kind_name(tb_error_kind kind) {
    if ((unsigned)kind < sizeof tb_error_kind_names / sizeof tb_error_kind_names[0]) {
        return tb_error_kind_names[kind];
    }
    return "OTHER";
}

int tb_error_set(tb_error *err, tb_error_kind kind, const char *format, ...) {
    if (!err) {
        return -1;
    }
    va_list args;
    va_start(args, format);
    err->kind = kind;
    vsnprintf(err->message, sizeof err->message, format, args);
    va_end(args);
    return -1;
}

void tb_log(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("tunebench-plugin: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
}

bool tb_is_call(const char *type) {
    size_t n = strlen(type);
    return n >= 5 && strcmp(type + n - 5, "_CALL") == 0;
}

/* ==== The loop =========================================================================================== */

static bool tb_is_blank(const char *line, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if (!strchr(" \t\r\n", line[i])) {
            return false;
        }
    }
    return true;
}

/**
 * Parses one line. jansson refuses an integer that does not fit its signed 64-bit integers ("too big
 * integer"); such a line is parsed again with every integer read as a real, so that a huge seed from another
 * harness still gets through (ids and steps are then checked to be integral where they are read).
 */
static json_t *tb_parse_line(const char *line, size_t len, json_error_t *error) {
    json_t *json = json_loadb(line, len, 0, error);
    if (!json && json_error_code(error) == json_error_numeric_overflow) {
        json = json_loadb(line, len, JSON_DECODE_INT_AS_REAL, error);
    }
    return json;
}

static tb_status tb_handle_line(const char *line, size_t len, unsigned long line_no, tb_dispatch_fn dispatch,
                                void *session) {
    if (tb_is_blank(line, len)) {
        return TB_CONTINUE;
    }
    json_error_t error;
    json_t *message = tb_parse_line(line, len, &error);
    if (!message) {
        tb_log("input line %lu is not JSON: %s (column %d)", line_no, error.text, error.column);
        return TB_FATAL;
    }
    const char *type = json_string_value(json_object_get(message, "type"));
    tb_status status = TB_FATAL;
    if (!json_is_object(message) || !type) {
        tb_log("input line %lu is not a JSON object with a string \"type\"", line_no);
    } else {
        status = dispatch(session, type, message);
    }
    json_decref(message);
    return status;
}

tb_status tb_run_loop(FILE *in, tb_dispatch_fn dispatch, void *session) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long line_no = 0;
    tb_status status = TB_CONTINUE;
    while (status == TB_CONTINUE && (len = getline(&line, &cap, in)) != -1) {
        status = tb_handle_line(line, (size_t)len, ++line_no, dispatch, session);
    }
    if (status == TB_CONTINUE && ferror(in)) {
        tb_log("cannot read standard input");
        status = TB_FATAL;
    }
    free(line);
    return status;
}
