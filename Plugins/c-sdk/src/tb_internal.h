/*
 * tb_internal.h - declarations shared by the SDK's source files; not installed, not for plugin authors.
 *
 * Files of the library, one concern each:
 *   tunebench_plugin.c  the message loop (read a line, parse, dispatch by "type") and error helpers
 *   tb_solver.c         solver messages: CREATE_SOLVER_CAST, ASK_CALL, TELL_CALL, DROP_SOLVER_CAST
 *   tb_problem.c        problem messages: CREATE_PROBLEM_CAST, CREATE_EVALUATOR_CALL, EVALUATE_CALL, drops
 *   tb_spec.c           problem spec <-> JSON, validation, capability requirements
 *   tb_wire.c           JSON numbers and fields, writing one reply line
 *   tb_table.c          the small id -> instance tables
 */
#ifndef TB_INTERNAL_H
#define TB_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "tunebench_plugin.h"

/* ---- Message loop (tunebench_plugin.c) ------------------------------------------------------------------ */

/** What a handler tells the loop: go on, or stop with a fatal error (exit status 1). */
typedef enum tb_status { TB_CONTINUE = 0, TB_FATAL = 1 } tb_status;

/** Handles one parsed message of type `type`; `session` is the solver or problem session. */
typedef tb_status (*tb_dispatch_fn)(void *session, const char *type, json_t *message);

/**
 * Reads one JSON object per line from `in` until end of input and hands each to `dispatch`.
 * Blank lines are skipped. A line that is not a JSON object with a string "type" is fatal.
 *
 * - Returns: TB_CONTINUE at end of input, TB_FATAL otherwise.
 */
tb_status tb_run_loop(FILE *in, tb_dispatch_fn dispatch, void *session);

/** Logs "tunebench-plugin: ..." and a newline on standard error. */
void tb_log(const char *format, ...) TB_PRINTF_LIKE(1, 2);

/** Whether a message type is a call (expects exactly one reply line). */
bool tb_is_call(const char *type);

/* ---- Wire format (tb_wire.c) ---------------------------------------------------------------------------- */

/** Writes `message` (stolen) as one compact JSON line on `out`, then flushes. TB_FATAL on an I/O error. */
tb_status tb_send(FILE *out, json_t *message);

/** Writes ERROR_REPLY {kind, message} on `out`. */
tb_status tb_send_error(FILE *out, const tb_error *err);

/** Writes the reply `{"type": type}` with no other field (TELL_REPLY, CREATE_EVALUATOR_REPLY). */
tb_status tb_send_empty(FILE *out, const char *type);

/** A JSON number for `x`; null when `x` is NaN or infinite (JSON has no such numbers). */
json_t *tb_json_double(double x);

/** A JSON integer for `x` (a real above INT64_MAX, which jansson integers cannot hold). */
json_t *tb_json_u64(uint64_t x);

/** Reads a non-negative integral number (an integer, or a real such as 3.0) into `*out`. */
int tb_read_u64(const json_t *value, uint64_t *out);

/** Reads a double; null reads as NaN. -1 when `value` is neither a number nor null. */
int tb_read_double(const json_t *value, double *out);

/**
 * Reads member `key` of `message` as a non-negative integer (an id or a step).
 * On failure fills `err` (INVALID_INPUT, naming `type` and `key`) and returns -1.
 */
int tb_field_u64(const json_t *message, const char *type, const char *key, uint64_t *out, tb_error *err);

/**
 * Reads a random seed: like tb_field_u64, but a negative integer is taken modulo 2^64 and a real at or above
 * 2^64 (from a parser that turned a huge integer into a real) saturates, so that any seed is accepted.
 */
int tb_field_seed(const json_t *message, const char *type, const char *key, uint64_t *out, tb_error *err);

/**
 * Reads member `key` of `message` as an array of numbers or nulls into a new array (`*n` entries, NaN for
 * null) that the caller frees. `*out` is NULL for an empty array.
 */
int tb_field_doubles(const json_t *message, const char *type, const char *key, double **out, size_t *n,
                     tb_error *err);

/* ---- Problem specs (tb_spec.c) -------------------------------------------------------------------------- */

/** A problem spec parsed from JSON, with the storage its pointers refer to. */
typedef struct tb_parsed_spec {
    tb_problem_spec spec;  /**< Must stay the first member. */
    json_t *json;          /**< Holds the strings that `spec` points to. */
    tb_var *vars;          /**< params then values. */
    tb_attr *attrs;
    const char **choices;  /**< All categorical choices, var after var. */
    uint64_t *steps;
} tb_parsed_spec;

/** Parses `json` (a problem spec object; a reference is kept) into a new spec, or NULL with `err` set. */
tb_parsed_spec *tb_spec_parse(json_t *json, tb_error *err);

/** Frees a spec made by tb_spec_parse (NULL is fine). */
void tb_spec_free(tb_parsed_spec *parsed);

/** Checks `spec` for consistency (names, bounds, choices, steps); -1 with `err` set (INVALID_INPUT). */
int tb_spec_validate(const tb_problem_spec *spec, tb_error *err);

/** Encodes `spec` as a problem spec JSON object (new reference), or NULL with `err` set. */
json_t *tb_spec_encode(const tb_problem_spec *spec, tb_error *err);

/** Encodes `attrs` as a JSON object of strings (new reference). */
json_t *tb_attrs_encode(const tb_attr *attrs, size_t n_attrs);

/** Writes the wire names of `capabilities` into a new JSON array. */
json_t *tb_capabilities_encode(unsigned capabilities);

/** The wire names of the capabilities in `caps`, separated by ", ", into `buf` (always NUL-terminated). */
void tb_capabilities_describe(unsigned caps, char *buf, size_t size);

/**
 * Checks a parameter value against its variable: NaN only when it has a constraint, CONTINUOUS in
 * [low, high] (closed, as Tunebench accepts), DISCRETE integral in [low, high), CATEGORICAL an index.
 * -1 with `err` set (kind BUG: the plugin proposed it) otherwise.
 */
int tb_var_check_value(const tb_var *var, double value, tb_error *err);

/* ---- Id tables (tb_table.c) ----------------------------------------------------------------------------- */

/** A small map from protocol id to an instance pointer; linear search (sessions hold a few instances). */
typedef struct tb_table {
    struct tb_table_entry {
        uint64_t id;
        void *item;
    } *entries;
    size_t len;
    size_t cap;
} tb_table;

/** The item stored under `id`, or NULL. */
void *tb_table_find(const tb_table *table, uint64_t id);

/** Stores `item` under `id` (which must not be present). -1 when out of memory. */
int tb_table_put(tb_table *table, uint64_t id, void *item);

/** Removes `id` and returns its item, or NULL when absent. */
void *tb_table_remove(tb_table *table, uint64_t id);

/** Removes and returns the most recently added item, or NULL when empty (to drain a table in LIFO order). */
void *tb_table_pop(tb_table *table);

/** Frees the table's storage (not the items). */
void tb_table_free(tb_table *table);

#endif /* TB_INTERNAL_H */
