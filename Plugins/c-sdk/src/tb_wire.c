/*
 * tb_wire.c - the JSON side of the protocol: numbers, message fields, and writing one reply line.
 *
 * PROTOCOL.md, "Transport": each message is one JSON object on one line ending in '\n'. Replies are written
 * compact (no newline can appear inside), then flushed, because the harness waits for each reply.
 *
 * Numbers: jansson keeps integers as signed 64-bit and reals as doubles. Ids, seeds and steps are unsigned
 * 64-bit in kurobako; Tunebench keeps seeds below 2^53, but a reader here also accepts an integral real
 * (3.0) wherever an integer is expected. Reals are written by jansson with 17 significant digits ("%.17g"),
 * which round-trips every finite double exactly; NaN and infinities, which JSON cannot hold, become null.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tb_internal.h"

/** 2^64 as a double, the first value a uint64_t cannot hold. */
#define TB_TWO_POW_64 18446744073709551616.0

tb_status tb_send(FILE *out, json_t *message) {
    if (!message) {
        tb_log("cannot build a reply (out of memory?)");
        return TB_FATAL;
    }
    char *line = json_dumps(message, JSON_COMPACT);
    json_decref(message);
    if (!line) {
        tb_log("cannot encode a reply as JSON");
        return TB_FATAL;
    }
    int failed = fputs(line, out) == EOF || fputc('\n', out) == EOF || fflush(out) == EOF;
    free(line);
    if (failed) {
        tb_log("cannot write a reply to standard output");
        return TB_FATAL;
    }
    return TB_CONTINUE;
}

tb_status tb_send_error(FILE *out, const tb_error *err) {
    json_t *reply = json_object();
    if (reply) {
        json_object_set_new(reply, "type", json_string("ERROR_REPLY"));
        json_object_set_new(reply, "kind", json_string(tb_error_kind_name(err->kind)));
        /* json_string refuses invalid UTF-8; fall back to a message that is valid. */
        json_t *message = json_string(err->message);
        json_object_set_new(reply, "message", message ? message : json_string("(message not valid UTF-8)"));
    }
    return tb_send(out, reply);
}

tb_status tb_send_empty(FILE *out, const char *type) {
    return tb_send(out, json_pack("{s:s}", "type", type));
}

json_t *tb_json_double(double x) {
    return isfinite(x) ? json_real(x) : json_null();
}

json_t *tb_json_u64(uint64_t x) {
    return x <= (uint64_t)INT64_MAX ? json_integer((json_int_t)x) : json_real((double)x);
}

int tb_read_u64(const json_t *value, uint64_t *out) {
    if (json_is_integer(value)) {
        json_int_t v = json_integer_value(value);
        if (v < 0) {
            return -1;
        }
        *out = (uint64_t)v;
        return 0;
    }
    if (json_is_real(value)) {
        double x = json_real_value(value);
        if (!(x >= 0 && x < TB_TWO_POW_64) || x != floor(x)) {
            return -1;
        }
        *out = (uint64_t)x;
        return 0;
    }
    return -1;
}

int tb_read_double(const json_t *value, double *out) {
    if (json_is_null(value)) {
        *out = NAN;
        return 0;
    }
    if (!json_is_number(value)) {
        return -1;
    }
    *out = json_number_value(value);
    return 0;
}

/** A short rendering of `value` for error messages. */
static void tb_describe(const json_t *value, char *buf, size_t size) {
    char *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
    snprintf(buf, size, "%.60s%s", text ? text : "?", text && strlen(text) > 60 ? "..." : "");
    free(text);
}

/** Fetches member `key`, or sets `err` when it is missing. */
static const json_t *tb_field(const json_t *message, const char *type, const char *key, tb_error *err) {
    const json_t *value = json_object_get(message, key);
    if (!value) {
        tb_error_set(err, TB_ERROR_INVALID_INPUT, "%s: field \"%s\" is missing", type, key);
    }
    return value;
}

static int tb_field_invalid(const json_t *value, const char *type, const char *key, const char *expected,
                            tb_error *err) {
    char shown[80];
    tb_describe(value, shown, sizeof shown);
    return tb_error_set(err, TB_ERROR_INVALID_INPUT, "%s: field \"%s\" is %s; expected %s", type, key, shown,
                        expected);
}

int tb_field_u64(const json_t *message, const char *type, const char *key, uint64_t *out, tb_error *err) {
    const json_t *value = tb_field(message, type, key, err);
    if (!value) {
        return -1;
    }
    if (tb_read_u64(value, out) != 0) {
        return tb_field_invalid(value, type, key, "a non-negative integer", err);
    }
    return 0;
}

int tb_field_seed(const json_t *message, const char *type, const char *key, uint64_t *out, tb_error *err) {
    const json_t *value = tb_field(message, type, key, err);
    if (!value) {
        return -1;
    }
    if (json_is_integer(value)) {
        *out = (uint64_t)json_integer_value(value); /* modulo 2^64 for a negative seed */
        return 0;
    }
    double x = json_is_real(value) ? json_real_value(value) : NAN;
    if (!(x >= 0) || x != floor(x)) {
        return tb_field_invalid(value, type, key, "an integer seed", err);
    }
    *out = x < TB_TWO_POW_64 ? (uint64_t)x : UINT64_MAX;
    return 0;
}

int tb_field_doubles(const json_t *message, const char *type, const char *key, double **out, size_t *n,
                     tb_error *err) {
    const json_t *array = tb_field(message, type, key, err);
    if (!array) {
        return -1;
    }
    if (!json_is_array(array)) {
        return tb_field_invalid(array, type, key, "an array of numbers", err);
    }
    size_t count = json_array_size(array);
    double *values = count ? malloc(count * sizeof *values) : NULL;
    if (count && !values) {
        return tb_error_set(err, TB_ERROR_OTHER, "%s: out of memory", type);
    }
    for (size_t i = 0; i < count; i++) {
        if (tb_read_double(json_array_get(array, i), &values[i]) != 0) {
            free(values);
            return tb_field_invalid(json_array_get(array, i), type, key, "numbers or nulls in an array", err);
        }
    }
    *out = values;
    *n = count;
    return 0;
}
