/*
 * test_sdk.c - unit tests of the SDK's JSON layer: number round-trips, integer reading, problem specs.
 *
 *   test_sdk [N]    N random doubles for the round-trip test (default 200000)
 *
 * Linked against the library; `make check` runs it natively, and under valgrind with a small N.
 * Prints "test_sdk: N passed, N failed".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/tb_internal.h"

static int passed, failed;

#define CHECK(cond)                                                                                             \
    do {                                                                                                        \
        if (cond) {                                                                                             \
            passed++;                                                                                           \
        } else {                                                                                                \
            failed++;                                                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                            \
        }                                                                                                       \
    } while (0)

/* ==== Numbers ============================================================================================ */

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/** Writes x as the SDK does (json_real, compact dump), reads it back, and compares the bits. */
static int round_trips(double x) {
    json_t *array = json_pack("[o]", tb_json_double(x));
    char *text = json_dumps(array, JSON_COMPACT);
    json_t *back = json_loads(text, 0, NULL);
    double y = json_number_value(json_array_get(back, 0));
    int same = memcmp(&x, &y, sizeof x) == 0;
    if (!same) {
        fprintf(stderr, "%.17g written as %s read as %.17g\n", x, text, y);
    }
    free(text);
    json_decref(array);
    json_decref(back);
    return same;
}

static void test_doubles_round_trip_exactly(long count) {
    const double specials[] = {0.0, -0.0, 1.0, 0.1, 1.0 / 3.0, 5e-324, 2.2250738585072014e-308,
                               1.7976931348623157e308, -3.3223680114155148, 0.20168951100670543, 1e22, 1e23};
    int all = 1;
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) {
        all &= round_trips(specials[i]);
    }
    uint64_t state = 42;
    for (long i = 0; i < count; i++) {
        uint64_t bits = splitmix64(&state);
        double x;
        memcpy(&x, &bits, sizeof x);
        if (isfinite(x)) {
            all &= round_trips(x);
        }
        all &= round_trips((double)(bits >> 11) * 0x1.0p-53); /* the unit interval, where params live */
    }
    CHECK(all);
}

static void test_non_finite_doubles_are_null(void) {
    json_t *values[] = {tb_json_double(NAN), tb_json_double(INFINITY), tb_json_double(-INFINITY)};
    for (size_t i = 0; i < 3; i++) {
        CHECK(json_is_null(values[i]));
        json_decref(values[i]);
    }
}

static int read_u64(const char *text, uint64_t *out) {
    json_t *json = json_loads(text, JSON_DECODE_ANY, NULL);
    int rc = tb_read_u64(json, out);
    json_decref(json);
    return rc;
}

static void test_integers_are_read_exactly_or_refused(void) {
    uint64_t v = 0;
    CHECK(read_u64("3", &v) == 0 && v == 3);
    CHECK(read_u64("3.0", &v) == 0 && v == 3);
    CHECK(read_u64("9007199254740991", &v) == 0 && v == 9007199254740991u); /* 2^53 - 1 */
    CHECK(read_u64("9223372036854775807", &v) == 0 && v == 9223372036854775807u);
    CHECK(read_u64("-1", &v) != 0);
    CHECK(read_u64("2.5", &v) != 0);
    CHECK(read_u64("null", &v) != 0);
    CHECK(read_u64("\"3\"", &v) != 0);
    json_t *big = tb_json_u64(UINT64_MAX);
    CHECK(json_is_real(big));
    json_decref(big);
}

static void test_seeds_accept_any_integer(void) {
    tb_error err;
    uint64_t seed = 0;
    json_t *m = json_loads("{\"a\": -1, \"b\": 1.8446744073709552e19, \"c\": 12.5, \"d\": 7}", 0, NULL);
    CHECK(tb_field_seed(m, "T", "a", &seed, &err) == 0 && seed == UINT64_MAX);
    CHECK(tb_field_seed(m, "T", "b", &seed, &err) == 0 && seed == UINT64_MAX);
    CHECK(tb_field_seed(m, "T", "c", &seed, &err) != 0 && err.kind == TB_ERROR_INVALID_INPUT);
    CHECK(tb_field_seed(m, "T", "d", &seed, &err) == 0 && seed == 7);
    CHECK(tb_field_seed(m, "T", "missing", &seed, &err) != 0 && strstr(err.message, "\"missing\" is missing"));
    json_decref(m);
}

/* ==== Problem specs ====================================================================================== */

/* The example of PROTOCOL.md, with the Rust form of a constraint, a null constraint and reference_point
 * (as the Python package writes them), an unknown field, and a list of steps. */
static const char protocol_example[] =
    "{\"name\": \"branin\", \"attrs\": {\"github\": \"x\", \"optimum\": \"0.397887\", \"n\": 3},"
    " \"params_domain\": ["
    "  {\"name\": \"x\", \"range\": {\"type\": \"CONTINUOUS\", \"low\": -5.0, \"high\": 10.0},"
    "   \"distribution\": \"UNIFORM\", \"constraint\": null},"
    "  {\"name\": \"n\", \"range\": {\"type\": \"DISCRETE\", \"low\": 1, \"high\": 9},"
    "   \"distribution\": \"LOG_UNIFORM\"},"
    "  {\"name\": \"kind\", \"range\": {\"type\": \"CATEGORICAL\", \"choices\": [\"a\", \"b\"]},"
    "   \"distribution\": \"UNIFORM\"},"
    "  {\"name\": \"alpha\", \"range\": {\"type\": \"CONTINUOUS\", \"low\": 0.001, \"high\": 1.0},"
    "   \"distribution\": \"LOG_UNIFORM\", \"constraint\": {\"lua_script\": \"kind == \\\"a\\\"\"}}],"
    " \"values_domain\": [{\"name\": \"objective\", \"range\": {\"type\": \"CONTINUOUS\"},"
    "   \"distribution\": \"UNIFORM\"}],"
    " \"steps\": [1, 3, 9], \"reference_point\": null, \"future\": {\"field\": 1}}";

static tb_parsed_spec *parse_text(const char *text, tb_error *err) {
    json_t *json = json_loads(text, 0, NULL);
    tb_parsed_spec *p = tb_spec_parse(json, err);
    json_decref(json); /* the parsed spec keeps its own reference */
    return p;
}

static void check_protocol_example(const tb_problem_spec *s) {
    CHECK(strcmp(s->name, "branin") == 0);
    CHECK(s->n_attrs == 2 && strcmp(tb_problem_spec_attr(s, "optimum"), "0.397887") == 0); /* "n": 3 skipped */
    CHECK(s->n_params == 4 && s->n_values == 1);
    CHECK(s->params[0].type == TB_RANGE_CONTINUOUS && s->params[0].low == -5.0 && s->params[0].high == 10.0);
    CHECK(s->params[0].constraint == NULL && s->params[0].distribution == TB_UNIFORM);
    CHECK(s->params[1].type == TB_RANGE_DISCRETE && s->params[1].low == 1 && s->params[1].high == 9);
    CHECK(s->params[1].distribution == TB_LOG_UNIFORM);
    CHECK(s->params[2].type == TB_RANGE_CATEGORICAL && s->params[2].n_choices == 2);
    CHECK(strcmp(s->params[2].choices[1], "b") == 0 && s->params[2].high == 2);
    CHECK(s->params[3].constraint && strcmp(s->params[3].constraint, "kind == \"a\"") == 0);
    CHECK(s->values[0].low == -INFINITY && s->values[0].high == INFINITY);
    CHECK(s->steps.list_len == 3 && s->steps.list[1] == 3 && tb_steps_last(&s->steps) == 9);
    CHECK(tb_problem_spec_requirements(s) == (TB_CAP_UNIFORM_CONTINUOUS | TB_CAP_LOG_UNIFORM_DISCRETE |
                                              TB_CAP_CATEGORICAL | TB_CAP_LOG_UNIFORM_CONTINUOUS |
                                              TB_CAP_CONDITIONAL));
}

static void test_protocol_example_parses_and_round_trips(void) {
    tb_error err;
    tb_parsed_spec *p = parse_text(protocol_example, &err);
    CHECK(p != NULL);
    if (!p) {
        fprintf(stderr, "%s\n", err.message);
        return;
    }
    check_protocol_example(&p->spec);
    json_t *encoded = tb_spec_encode(&p->spec, &err);
    CHECK(encoded != NULL);
    /* Written as a string, as Tunebench and the Python package expect. */
    CHECK(json_is_string(json_object_get(json_array_get(json_object_get(encoded, "params_domain"), 3),
                                         "constraint")));
    tb_parsed_spec *again = tb_spec_parse(encoded, &err);
    CHECK(again != NULL);
    if (again) {
        check_protocol_example(&again->spec);
    }
    tb_spec_free(again);
    json_decref(encoded);
    tb_spec_free(p);
}

static void test_integer_steps_and_defaults(void) {
    tb_error err;
    tb_parsed_spec *p = parse_text("{\"name\": \"p\", \"params_domain\": [], \"values_domain\": [], \"steps\": 5}",
                                   &err);
    CHECK(p && p->spec.steps.list == NULL && tb_steps_last(&p->spec.steps) == 5 && p->spec.n_attrs == 0);
    tb_spec_free(p);
    tb_steps zero = {0};
    CHECK(tb_steps_last(&zero) == 1);
}

static void expect_refused(const char *text, const char *fragment) {
    tb_error err = {.message = ""};
    tb_parsed_spec *p = parse_text(text, &err);
    CHECK(p == NULL && err.kind == TB_ERROR_INVALID_INPUT && strstr(err.message, fragment));
    if (p || !strstr(err.message, fragment)) {
        fprintf(stderr, "  for %s\n  got: %s\n", text, err.message);
    }
    tb_spec_free(p);
}

#define VAR(range) "{\"name\": \"p\", \"params_domain\": [{\"name\": \"v\", \"range\": " range "}], \"values_domain\": []"

static void test_bad_specs_are_refused_with_a_reason(void) {
    expect_refused("[]", "must be a JSON object");
    expect_refused("{\"params_domain\": [], \"values_domain\": []}", "name must be a string");
    expect_refused(VAR("{\"type\": \"DISCRETE\", \"low\": 1.5, \"high\": 3}") "}", "not integers");
    expect_refused(VAR("{\"type\": \"DISCRETE\", \"low\": 3, \"high\": 3}") "}", "empty range");
    expect_refused(VAR("{\"type\": \"CATEGORICAL\", \"choices\": []}") "}", "without choices");
    expect_refused(VAR("{\"type\": \"CATEGORICAL\", \"choices\": [1]}") "}", "array of strings");
    expect_refused(VAR("{\"type\": \"INTERVAL\"}") "}", "CONTINUOUS, DISCRETE or CATEGORICAL");
    expect_refused(VAR("{\"type\": \"CONTINUOUS\", \"low\": 0, \"high\": 1}, \"distribution\": \"LOG_UNIFORM\"")
                   "}", "LOG_UNIFORM needs low > 0");
    expect_refused(VAR("{\"type\": \"CONTINUOUS\"}") ", \"steps\": [2, 2]}", "strictly increasing");
    expect_refused(VAR("{\"type\": \"CONTINUOUS\"}") ", \"steps\": 0}", "positive integer");
}

static void test_values_are_checked_against_their_domain(void) {
    tb_error err;
    const char *const choices[] = {"a", "b"};
    tb_var real = {.name = "r", .type = TB_RANGE_CONTINUOUS, .low = 0, .high = 1};
    tb_var integer = {.name = "i", .type = TB_RANGE_DISCRETE, .low = 1, .high = 9};
    tb_var cat = {.name = "c", .type = TB_RANGE_CATEGORICAL, .choices = choices, .n_choices = 2};
    tb_var conditional = {
        .name = "k", .type = TB_RANGE_CONTINUOUS, .low = 0, .high = 1, .constraint = "c == \"a\"",
    };
    CHECK(tb_var_check_value(&real, 0.0, &err) == 0 && tb_var_check_value(&real, 1.0, &err) == 0);
    CHECK(tb_var_check_value(&real, 1.5, &err) != 0 && err.kind == TB_ERROR_BUG && strstr(err.message, "\"r\""));
    CHECK(tb_var_check_value(&real, NAN, &err) != 0 && tb_var_check_value(&conditional, NAN, &err) == 0);
    CHECK(tb_var_check_value(&integer, 8, &err) == 0 && tb_var_check_value(&integer, 9, &err) != 0);
    CHECK(tb_var_check_value(&integer, 2.5, &err) != 0);
    CHECK(tb_var_check_value(&cat, 1, &err) == 0 && tb_var_check_value(&cat, 2, &err) != 0);
}

static void test_capabilities_are_named(void) {
    char buf[128];
    tb_capabilities_describe(TB_CAP_CONDITIONAL | TB_CAP_MULTI_OBJECTIVE, buf, sizeof buf);
    CHECK(strcmp(buf, "CONDITIONAL, MULTI_OBJECTIVE") == 0);
    json_t *all = tb_capabilities_encode(TB_CAP_ALL);
    CHECK(json_array_size(all) == 8);
    json_decref(all);
    CHECK(strcmp(tb_error_kind_name(TB_ERROR_UNEVALUABLE_PARAMS), "UNEVALUABLE_PARAMS") == 0);
}

int main(int argc, char **argv) {
    test_doubles_round_trip_exactly(argc > 1 ? strtol(argv[1], NULL, 10) : 200000);
    test_non_finite_doubles_are_null();
    test_integers_are_read_exactly_or_refused();
    test_seeds_accept_any_integer();
    test_protocol_example_parses_and_round_trips();
    test_integer_steps_and_defaults();
    test_bad_specs_are_refused_with_a_reason();
    test_values_are_checked_against_their_domain();
    test_capabilities_are_named();
    printf("test_sdk: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
