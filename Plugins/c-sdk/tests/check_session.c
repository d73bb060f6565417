/*
 * check_session.c - checks a plugin's output against the session it was fed, and prints a transcript.
 *
 *   check_session SESSION.jsonl OUTPUT.jsonl > transcript
 *
 * Independently of the SDK, it checks that every output line is a JSON object with a string "type", that
 * the first is the plugin's *_SPEC_CAST, that every *_CALL of the session gets exactly one reply of the
 * matching type or an ERROR_REPLY of a known kind, that no reply answers a cast, and, for solvers, that each
 * ASK_REPLY proposes a trial id >= next_trial_id and parameters inside the domain the harness sent in
 * CREATE_SOLVER_CAST (PROTOCOL.md, "Values from solvers"). The transcript (one line per message: "->" from
 * the harness, "<-" from the plugin) is compared with the tests/NAME.expected files by `make check`.
 * Exit status: 0 when every check passes, 1 otherwise (the reasons on standard error).
 */
#define _POSIX_C_SOURCE 200809L

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lines {
    json_t **items;
    size_t len;
} lines;

typedef struct checker {
    json_t *problems;   /* solver_id (as a string) -> problem spec, from CREATE_SOLVER_CAST */
    int failures;
} checker;

static void fail(checker *c, const char *what, size_t line_no, const char *detail) {
    fprintf(stderr, "check_session: %s line %zu: %s\n", what, line_no, detail);
    c->failures++;
}

/** Reads a file of JSON lines; a line that is not a JSON object with a string "type" fails the check. */
static int read_lines(checker *c, const char *path, lines *out) {
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, line_no = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) != -1) {
        line_no++;
        if (len <= 1) {
            continue;
        }
        json_error_t error;
        json_t *json = json_loadb(line, (size_t)len, 0, &error);
        if (!json && json_error_code(&error) == json_error_numeric_overflow) { /* a seed beyond int64 */
            json = json_loadb(line, (size_t)len, JSON_DECODE_INT_AS_REAL, &error);
        }
        if (!json_is_object(json) || !json_string_value(json_object_get(json, "type"))) {
            fail(c, path, line_no, "not a JSON object with a string \"type\"");
            json_decref(json);
            continue;
        }
        if (len > 0 && line[len - 1] != '\n') {
            fail(c, path, line_no, "no final newline");
        }
        out->items = realloc(out->items, (out->len + 1) * sizeof *out->items);
        out->items[out->len++] = json;
    }
    free(line);
    fclose(f);
    return 0;
}

static const char *type_of(const json_t *message) {
    return json_string_value(json_object_get(message, "type"));
}

static long long int_field(const json_t *obj, const char *key) {
    const json_t *v = json_object_get(obj, key);
    return json_is_number(v) ? (long long)json_number_value(v) : -1;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* ==== Solver checks ====================================================================================== */

/** Whether `value` is allowed for parameter `var` of a problem spec (PROTOCOL.md: closed real intervals). */
static bool param_ok(const json_t *var, const json_t *value) {
    const json_t *range = json_object_get(var, "range");
    const char *type = json_string_value(json_object_get(range, "type"));
    if (json_is_null(value)) {
        const json_t *constraint = json_object_get(var, "constraint");
        return constraint && !json_is_null(constraint);
    }
    if (!json_is_number(value) || !type) {
        return false;
    }
    double x = json_number_value(value);
    const json_t *low = json_object_get(range, "low"), *high = json_object_get(range, "high");
    double lo = json_is_number(low) ? json_number_value(low) : -INFINITY;
    double hi = json_is_number(high) ? json_number_value(high) : INFINITY;
    if (strcmp(type, "CONTINUOUS") == 0) {
        return x >= lo && x <= hi;
    }
    if (strcmp(type, "DISCRETE") == 0) {
        return x == floor(x) && x >= lo && x < hi;
    }
    size_t n = json_array_size(json_object_get(range, "choices"));
    return x == floor(x) && x >= 0 && x < (double)n;
}

static void check_ask_reply(checker *c, const json_t *call, const json_t *reply, size_t line_no) {
    char key[32];
    snprintf(key, sizeof key, "%lld", int_field(call, "solver_id"));
    const json_t *domain = json_object_get(json_object_get(c->problems, key), "params_domain");
    const json_t *trial = json_object_get(reply, "trial");
    const json_t *params = json_object_get(trial, "params");
    long long id = int_field(trial, "id"), next = int_field(reply, "next_trial_id");
    if (id < int_field(call, "next_trial_id") || next != id + 1) {
        fail(c, "output", line_no, "trial id / next_trial_id do not follow next_trial_id");
    }
    if (!json_is_array(params) || json_array_size(params) != json_array_size(domain)) {
        fail(c, "output", line_no, "params do not match the problem's params_domain");
        return;
    }
    for (size_t i = 0; i < json_array_size(params); i++) {
        if (!param_ok(json_array_get(domain, i), json_array_get(params, i))) {
            fail(c, "output", line_no, "a parameter is outside its domain");
        }
    }
    const json_t *step = json_object_get(trial, "next_step");
    printf("<- ASK_REPLY id=%lld params=%zu next_step=%lld next_trial_id=%lld\n", id, json_array_size(params),
           json_is_null(step) ? -1 : json_integer_value(step), next);
}

/* ==== Transcript ========================================================================================= */

static void print_call(checker *c, const json_t *m) {
    const char *type = type_of(m);
    printf("-> %s", type);
    const char *keys[] = {"solver_id", "problem_id", "evaluator_id", "next_trial_id", "next_step"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (json_object_get(m, keys[i])) {
            printf(" %s=%lld", keys[i], int_field(m, keys[i]));
        }
    }
    const json_t *trial = json_object_get(m, "trial");
    if (trial) {
        printf(" id=%lld values=%zu", int_field(trial, "id"), json_array_size(json_object_get(trial, "values")));
    }
    printf("\n");
    if (strcmp(type, "CREATE_SOLVER_CAST") == 0) {
        char key[32];
        snprintf(key, sizeof key, "%lld", int_field(m, "solver_id"));
        json_object_set(c->problems, key, json_object_get(m, "problem"));
    }
}

static void print_spec(const json_t *m) {
    const json_t *spec = json_object_get(m, "spec");
    printf("<- %s name=%s", type_of(m), json_string_value(json_object_get(spec, "name")));
    const json_t *caps = json_object_get(spec, "capabilities");
    for (size_t i = 0; i < json_array_size(caps); i++) {
        printf("%s%s", i ? "," : " capabilities=", json_string_value(json_array_get(caps, i)));
    }
    if (json_object_get(spec, "params_domain")) {
        printf(" params=%zu values=%zu steps=%s optimum=%s", json_array_size(json_object_get(spec, "params_domain")),
               json_array_size(json_object_get(spec, "values_domain")),
               json_is_integer(json_object_get(spec, "steps")) ? "integer" : "list",
               json_string_value(json_object_get(json_object_get(spec, "attrs"), "optimum")));
    }
    printf("\n");
}

static const char *expected_reply(const char *call) {
    static const char *const pairs[][2] = {
        {"ASK_CALL", "ASK_REPLY"}, {"TELL_CALL", "TELL_REPLY"},
        {"CREATE_EVALUATOR_CALL", "CREATE_EVALUATOR_REPLY"}, {"EVALUATE_CALL", "EVALUATE_REPLY"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        if (strcmp(call, pairs[i][0]) == 0) {
            return pairs[i][1];
        }
    }
    return "(none)";
}

static bool known_kind(const char *kind) {
    const char *kinds[] = {"INVALID_INPUT", "IO_ERROR", "UNEXPECTED_EOS", "INCAPABLE", "UNEVALUABLE_PARAMS",
                           "BUG", "OTHER"};
    for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(kind, kinds[i]) == 0) {
            return true;
        }
    }
    return false;
}

/** Checks and prints one reply; false when it is of the wrong type (the rest would be out of step). */
static bool print_reply(checker *c, const json_t *call, const json_t *reply, size_t line_no) {
    const char *type = type_of(reply);
    if (strcmp(type, "ERROR_REPLY") == 0) {
        const char *kind = json_string_value(json_object_get(reply, "kind"));
        if (!known_kind(kind) || !json_is_string(json_object_get(reply, "message"))) {
            fail(c, "output", line_no, "ERROR_REPLY without a known kind and a message");
        }
        printf("<- ERROR_REPLY kind=%s\n", kind ? kind : "?");
    } else if (strcmp(type, expected_reply(type_of(call))) != 0) {
        fail(c, "output", line_no, "reply of the wrong type; the rest of the session is not checked");
        printf("<- %s (unexpected)\n", type);
        return false;
    } else if (strcmp(type, "ASK_REPLY") == 0) {
        check_ask_reply(c, call, reply, line_no);
    } else if (strcmp(type, "EVALUATE_REPLY") == 0) {
        const json_t *values = json_object_get(reply, "values");
        printf("<- EVALUATE_REPLY current_step=%lld values=", int_field(reply, "current_step"));
        for (size_t i = 0; i < json_array_size(values); i++) {
            const json_t *v = json_array_get(values, i);
            if (!json_is_number(v)) {
                fail(c, "output", line_no, "a value is not a number");
            }
            printf("%s%.17g", i ? "," : "", json_number_value(v));
        }
        printf("\n");
    } else {
        printf("<- %s\n", type);
    }
    return true;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SESSION.jsonl OUTPUT.jsonl\n", argv[0]);
        return 2;
    }
    checker c = {.problems = json_object()};
    lines in = {0}, out = {0};
    if (read_lines(&c, argv[1], &in) != 0 || read_lines(&c, argv[2], &out) != 0) {
        return 2;
    }
    size_t next = 0;
    if (out.len == 0 || !ends_with(type_of(out.items[0]), "_SPEC_CAST")) {
        fail(&c, "output", 1, "the first line is not a *_SPEC_CAST");
    } else {
        print_spec(out.items[next++]);
    }
    for (size_t i = 0; i < in.len; i++) {
        print_call(&c, in.items[i]);
        if (!ends_with(type_of(in.items[i]), "_CALL")) {
            continue;
        }
        if (next == out.len) {
            fail(&c, "output", next + 1, "missing reply");
            break;
        }
        if (!print_reply(&c, in.items[i], out.items[next], next + 1)) {
            next = out.len;
            break;
        }
        next++;
    }
    if (next < out.len) {
        fail(&c, "output", next + 1, "a line that answers no call");
    }
    for (size_t i = 0; i < in.len; i++) {
        json_decref(in.items[i]);
    }
    for (size_t i = 0; i < out.len; i++) {
        json_decref(out.items[i]);
    }
    free(in.items);
    free(out.items);
    json_decref(c.problems);
    return c.failures ? 1 : 0;
}
