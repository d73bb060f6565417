/*
 * tb_spec.c - problem specs: JSON <-> tb_problem_spec, validation, and the capabilities a spec requires.
 *
 * The JSON form (PROTOCOL.md, "Problem spec"):
 *   {"name": "...", "attrs": {"k": "v"},
 *    "params_domain": [VAR, ...], "values_domain": [VAR, ...], "steps": n | [s1, s2, ...]}
 *   VAR = {"name": "...", "range": RANGE, "distribution": "UNIFORM" | "LOG_UNIFORM",
 *          "constraint": "lua" | {"lua_script": "lua"} | null (optional)}
 *   RANGE = {"type": "CONTINUOUS", "low"?: x, "high"?: x} | {"type": "DISCRETE", "low": i, "high": i}
 *         | {"type": "CATEGORICAL", "choices": ["a", ...]}
 * Both numeric ranges are half-open (low <= x < high); a missing CONTINUOUS bound is infinite. Readers are
 * lenient where the two kurobako implementations differ: the Python package writes "constraint": null and
 * "reference_point": null, the Rust one writes constraints as {"lua_script": ...}. Unknown fields are ignored.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tb_internal.h"

/** Wire names of the capabilities, bit i of the TB_CAP_* flags at index i. */
static const char *const tb_capability_names[] = {
    "UNIFORM_CONTINUOUS", "UNIFORM_DISCRETE", "LOG_UNIFORM_CONTINUOUS", "LOG_UNIFORM_DISCRETE",
    "CATEGORICAL",        "CONDITIONAL",      "MULTI_OBJECTIVE",        "CONCURRENT",
};
#define TB_N_CAPABILITIES (sizeof tb_capability_names / sizeof tb_capability_names[0])

/** Largest magnitude up to which every integer is exact in a double. */
#define TB_MAX_EXACT_INTEGER 9007199254740992.0 /* 2^53 */

/** The objective written for a problem spec that names none. */
static const tb_var tb_default_objective = {
    .name = "objective", .type = TB_RANGE_CONTINUOUS, .low = -INFINITY, .high = INFINITY,
};

/* ==== Small queries ====================================================================================== */

uint64_t tb_steps_last(const tb_steps *steps) {
    if (steps->list && steps->list_len > 0) {
        return steps->list[steps->list_len - 1];
    }
    return steps->n ? steps->n : 1;
}

const char *tb_problem_spec_attr(const tb_problem_spec *spec, const char *key) {
    for (size_t i = 0; i < spec->n_attrs; i++) {
        if (spec->attrs[i].key && strcmp(spec->attrs[i].key, key) == 0) {
            return spec->attrs[i].value;
        }
    }
    return NULL;
}

/** The capability one parameter needs for its range and distribution. */
static unsigned tb_var_requirement(const tb_var *var) {
    bool log = var->distribution == TB_LOG_UNIFORM;
    switch (var->type) {
    case TB_RANGE_CONTINUOUS:
        return log ? TB_CAP_LOG_UNIFORM_CONTINUOUS : TB_CAP_UNIFORM_CONTINUOUS;
    case TB_RANGE_DISCRETE:
        return log ? TB_CAP_LOG_UNIFORM_DISCRETE : TB_CAP_UNIFORM_DISCRETE;
    case TB_RANGE_CATEGORICAL:
        return TB_CAP_CATEGORICAL;
    }
    return 0;
}

unsigned tb_problem_spec_requirements(const tb_problem_spec *spec) {
    unsigned caps = 0;
    for (size_t i = 0; i < spec->n_params; i++) {
        caps |= tb_var_requirement(&spec->params[i]);
        if (spec->params[i].constraint) {
            caps |= TB_CAP_CONDITIONAL;
        }
    }
    if (spec->n_values > 1) {
        caps |= TB_CAP_MULTI_OBJECTIVE;
    }
    return caps;
}

json_t *tb_capabilities_encode(unsigned capabilities) {
    json_t *array = json_array();
    for (size_t i = 0; array && i < TB_N_CAPABILITIES; i++) {
        if (capabilities & (1u << i)) {
            json_array_append_new(array, json_string(tb_capability_names[i]));
        }
    }
    return array;
}

void tb_capabilities_describe(unsigned caps, char *buf, size_t size) {
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < TB_N_CAPABILITIES && used < size; i++) {
        if (caps & (1u << i)) {
            int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", tb_capability_names[i]);
            used += n > 0 ? (size_t)n : 0;
        }
    }
}

/* ==== Value checks ======================================================================================= */

static bool tb_is_integral(double x) {
    return isfinite(x) && x == floor(x);
}

int tb_var_check_value(const tb_var *var, double value, tb_error *err) {
    if (isnan(value)) {
        if (var->constraint) {
            return 0; /* inactive conditional parameter: null */
        }
        return tb_error_set(err, TB_ERROR_BUG, "parameter \"%s\" was left unset (NaN) but has no constraint",
                            var->name);
    }
    bool ok = false;
    const char *expected = "";
    switch (var->type) {
    case TB_RANGE_CONTINUOUS:
        ok = isfinite(value) && value >= var->low && value <= var->high;
        expected = "a real in [low, high]";
        break;
    case TB_RANGE_DISCRETE:
        ok = tb_is_integral(value) && value >= var->low && value < var->high;
        expected = "an integer in [low, high)";
        break;
    case TB_RANGE_CATEGORICAL:
        ok = tb_is_integral(value) && value >= 0 && value < (double)var->n_choices;
        expected = "a choice index in [0, n_choices)";
        break;
    }
    if (!ok) {
        return tb_error_set(err, TB_ERROR_BUG, "parameter \"%s\" = %.17g is not %s (low %.17g, high %.17g)",
                            var->name, value, expected, var->low, var->high);
    }
    return 0;
}

/* ==== Validation ========================================================================================= */

static int tb_validate_bounds(const tb_var *var, const char *where, size_t index, tb_error *err) {
    if (var->type == TB_RANGE_DISCRETE &&
        (!tb_is_integral(var->low) || !tb_is_integral(var->high) || fabs(var->low) > TB_MAX_EXACT_INTEGER ||
         fabs(var->high) > TB_MAX_EXACT_INTEGER)) {
        return tb_error_set(err, TB_ERROR_INVALID_INPUT, "%s[%zu] \"%s\": DISCRETE bounds %.17g, %.17g are not "
                            "integers below 2^53", where, index, var->name, var->low, var->high);
    }
    if (isnan(var->low) || isnan(var->high) || !(var->low < var->high)) {
        return tb_error_set(err, TB_ERROR_INVALID_INPUT, "%s[%zu] \"%s\": empty range: low %.17g, high %.17g "
                            "(need low < high; high is excluded)", where, index, var->name, var->low, var->high);
    }
    if (var->distribution == TB_LOG_UNIFORM && !(var->low > 0)) {
        return tb_error_set(err, TB_ERROR_INVALID_INPUT, "%s[%zu] \"%s\": LOG_UNIFORM needs low > 0, not %.17g",
                            where, index, var->name, var->low);
    }
    return 0;
}

static int tb_validate_var(const tb_var *var, const char *where, size_t index, tb_error *err) {
    if (!var->name) {
        return tb_error_set(err, TB_ERROR_INVALID_INPUT, "%s[%zu] has no name", where, index);
    }
    if (var->type == TB_RANGE_CATEGORICAL) {
        if (var->n_choices == 0 || !var->choices) {
            return tb_error_set(err, TB_ERROR_INVALID_INPUT, "%s[%zu] \"%s\": CATEGORICAL without choices",
                                where, index, var->name);
        }
        for (size_t c = 0; c < var->n_choices; c++) {
            if (!var->choices[c]) {
                return tb_error_set(err, TB_ERROR_INVALID_INPUT, "%s[%zu] \"%s\": choice %zu is NULL", where,
                                    index, var->name, c);
            }
        }
        return 0;
    }
    return tb_validate_bounds(var, where, index, err);
}

static int tb_validate_steps(const tb_steps *steps, tb_error *err) {
    if (!steps->list) {
        return 0; /* n = 0 stands for the single step 1 */
    }
    if (steps->list_len == 0) {
        return tb_error_set(err, TB_ERROR_INVALID_INPUT, "steps: the list is empty");
    }
    for (size_t i = 0; i < steps->list_len; i++) {
        if (steps->list[i] == 0 || (i > 0 && steps->list[i] <= steps->list[i - 1])) {
            return tb_error_set(err, TB_ERROR_INVALID_INPUT,
                                "steps: the list must be positive and strictly increasing (entry %zu)", i);
        }
    }
    return 0;
}

int tb_spec_validate(const tb_problem_spec *spec, tb_error *err) {
    if (!spec->name) {
        return tb_error_set(err, TB_ERROR_INVALID_INPUT, "problem spec has no name");
    }
    for (size_t i = 0; i < spec->n_attrs; i++) {
        if (!spec->attrs[i].key || !spec->attrs[i].value) {
            return tb_error_set(err, TB_ERROR_INVALID_INPUT, "attrs[%zu] has a NULL key or value", i);
        }
    }
    for (size_t i = 0; i < spec->n_params; i++) {
        if (tb_validate_var(&spec->params[i], "params_domain", i, err) != 0) {
            return -1;
        }
    }
    for (size_t i = 0; i < spec->n_values; i++) {
        if (!spec->values[i].name) {
            return tb_error_set(err, TB_ERROR_INVALID_INPUT, "values_domain[%zu] has no name", i);
        }
    }
    return tb_validate_steps(&spec->steps, err);
}

/* ==== Parsing ============================================================================================ */

/** Error for a member `key` of `where`[index] that is not what is expected. */
static int tb_spec_field_error(const char *where, size_t index, const char *key, const char *expected,
                               tb_error *err) {
    return tb_error_set(err, TB_ERROR_INVALID_INPUT, "problem spec: %s[%zu].%s must be %s", where, index, key,
                        expected);
}

/** An optional CONTINUOUS bound: missing or null means infinite (`fallback`). */
static int tb_parse_bound(const json_t *range, const char *key, double fallback, double *out) {
    const json_t *value = json_object_get(range, key);
    if (!value || json_is_null(value)) {
        *out = fallback;
        return 0;
    }
    if (!json_is_number(value)) {
        return -1;
    }
    *out = json_number_value(value);
    return 0;
}

static int tb_parse_range(const json_t *range, const char *where, size_t index, tb_var *var,
                          const char **choices, tb_error *err) {
    const char *type = json_string_value(json_object_get(range, "type"));
    if (!json_is_object(range) || !type) {
        return tb_spec_field_error(where, index, "range", "an object with a string \"type\"", err);
    }
    if (strcmp(type, "CONTINUOUS") == 0) {
        var->type = TB_RANGE_CONTINUOUS;
        if (tb_parse_bound(range, "low", -INFINITY, &var->low) != 0 ||
            tb_parse_bound(range, "high", INFINITY, &var->high) != 0) {
            return tb_spec_field_error(where, index, "range.low/high", "numbers (or absent)", err);
        }
    } else if (strcmp(type, "DISCRETE") == 0) {
        var->type = TB_RANGE_DISCRETE;
        const json_t *low = json_object_get(range, "low"), *high = json_object_get(range, "high");
        if (!json_is_number(low) || !json_is_number(high)) {
            return tb_spec_field_error(where, index, "range.low/high", "integers", err);
        }
        var->low = json_number_value(low);
        var->high = json_number_value(high);
    } else if (strcmp(type, "CATEGORICAL") == 0) {
        const json_t *list = json_object_get(range, "choices");
        var->type = TB_RANGE_CATEGORICAL;
        var->choices = choices;
        var->n_choices = json_array_size(list);
        var->low = 0;
        var->high = (double)var->n_choices;
        for (size_t c = 0; c < var->n_choices; c++) {
            if (!(choices[c] = json_string_value(json_array_get(list, c)))) {
                return tb_spec_field_error(where, index, "range.choices", "an array of strings", err);
            }
        }
    } else {
        return tb_spec_field_error(where, index, "range.type", "CONTINUOUS, DISCRETE or CATEGORICAL", err);
    }
    return 0;
}

static int tb_parse_distribution(const json_t *value, tb_distribution *out) {
    const char *name = json_string_value(value);
    if (!value || json_is_null(value) || (name && strcmp(name, "UNIFORM") == 0)) {
        *out = TB_UNIFORM;
        return 0;
    }
    if (name && strcmp(name, "LOG_UNIFORM") == 0) {
        *out = TB_LOG_UNIFORM;
        return 0;
    }
    return -1;
}

/** A constraint is a Lua string (Python package, Tunebench) or {"lua_script": "..."} (kurobako's Rust). */
static int tb_parse_constraint(const json_t *value, const char **out) {
    *out = NULL;
    if (!value || json_is_null(value)) {
        return 0;
    }
    if (json_is_object(value)) {
        value = json_object_get(value, "lua_script");
    }
    *out = json_string_value(value);
    return *out ? 0 : -1;
}

static int tb_parse_var(const json_t *json, const char *where, size_t index, tb_var *var, const char **choices,
                        tb_error *err) {
    if (!json_is_object(json)) {
        return tb_error_set(err, TB_ERROR_INVALID_INPUT, "problem spec: %s[%zu] must be an object", where, index);
    }
    if (!(var->name = json_string_value(json_object_get(json, "name")))) {
        return tb_spec_field_error(where, index, "name", "a string", err);
    }
    if (tb_parse_range(json_object_get(json, "range"), where, index, var, choices, err) != 0) {
        return -1;
    }
    if (tb_parse_distribution(json_object_get(json, "distribution"), &var->distribution) != 0) {
        return tb_spec_field_error(where, index, "distribution", "\"UNIFORM\" or \"LOG_UNIFORM\"", err);
    }
    if (tb_parse_constraint(json_object_get(json, "constraint"), &var->constraint) != 0) {
        return tb_spec_field_error(where, index, "constraint", "a string or {\"lua_script\": string}", err);
    }
    return 0;
}

/** Number of categorical choices in a JSON domain, to size the shared choices array. */
static size_t tb_count_choices(const json_t *domain) {
    size_t total = 0, index;
    const json_t *var;
    json_array_foreach(domain, index, var) {
        total += json_array_size(json_object_get(json_object_get(var, "range"), "choices"));
    }
    return total;
}

static int tb_parse_domain(const json_t *domain, const char *where, tb_var *vars, const char ***cursor,
                           tb_error *err) {
    size_t index;
    const json_t *var;
    json_array_foreach(domain, index, var) {
        if (tb_parse_var(var, where, index, &vars[index], *cursor, err) != 0) {
            return -1;
        }
        *cursor += vars[index].n_choices;
    }
    return 0;
}

static int tb_parse_domains(tb_parsed_spec *p, tb_error *err) {
    const json_t *params = json_object_get(p->json, "params_domain");
    const json_t *values = json_object_get(p->json, "values_domain");
    if (!json_is_array(params) || !(json_is_array(values) || !values || json_is_null(values))) {
        return tb_error_set(err, TB_ERROR_INVALID_INPUT,
                            "problem spec: params_domain and values_domain must be arrays");
    }
    size_t n_params = json_array_size(params), n_values = json_array_size(values);
    size_t n_choices = tb_count_choices(params) + tb_count_choices(values);
    p->vars = calloc(n_params + n_values + 1, sizeof *p->vars);
    p->choices = calloc(n_choices + 1, sizeof *p->choices);
    if (!p->vars || !p->choices) {
        return tb_error_set(err, TB_ERROR_OTHER, "problem spec: out of memory");
    }
    const char **cursor = p->choices;
    p->spec.params = p->vars;
    p->spec.n_params = n_params;
    p->spec.values = p->vars + n_params;
    p->spec.n_values = n_values;
    if (tb_parse_domain(params, "params_domain", p->vars, &cursor, err) != 0) {
        return -1;
    }
    return tb_parse_domain(values, "values_domain", p->vars + n_params, &cursor, err);
}

static int tb_parse_attrs(tb_parsed_spec *p, tb_error *err) {
    json_t *attrs = json_object_get(p->json, "attrs");
    if (attrs && !json_is_object(attrs) && !json_is_null(attrs)) {
        return tb_error_set(err, TB_ERROR_INVALID_INPUT, "problem spec: attrs must be an object");
    }
    p->attrs = calloc(json_object_size(attrs) + 1, sizeof *p->attrs);
    if (!p->attrs) {
        return tb_error_set(err, TB_ERROR_OTHER, "problem spec: out of memory");
    }
    const char *key;
    const json_t *value;
    json_object_foreach(attrs, key, value) {
        if (json_is_string(value)) { /* attrs are string-to-string; anything else is skipped */
            p->attrs[p->spec.n_attrs].key = key;
            p->attrs[p->spec.n_attrs].value = json_string_value(value);
            p->spec.n_attrs++;
        }
    }
    p->spec.attrs = p->attrs;
    return 0;
}

/** `steps`: an integer n (the steps 1..n) or a list; missing means 1. */
static int tb_parse_steps(tb_parsed_spec *p, tb_error *err) {
    const json_t *steps = json_object_get(p->json, "steps");
    if (!steps || json_is_null(steps)) {
        p->spec.steps.n = 1;
        return 0;
    }
    if (json_is_number(steps)) {
        if (tb_read_u64(steps, &p->spec.steps.n) != 0 || p->spec.steps.n == 0) {
            return tb_error_set(err, TB_ERROR_INVALID_INPUT, "problem spec: steps must be a positive integer");
        }
        return 0;
    }
    size_t n = json_array_size(steps);
    if (!json_is_array(steps) || n == 0 || !(p->steps = calloc(n, sizeof *p->steps))) {
        return tb_error_set(err, TB_ERROR_INVALID_INPUT, "problem spec: steps must be an integer or a list");
    }
    for (size_t i = 0; i < n; i++) {
        if (tb_read_u64(json_array_get(steps, i), &p->steps[i]) != 0) {
            return tb_error_set(err, TB_ERROR_INVALID_INPUT, "problem spec: steps[%zu] is not an integer", i);
        }
    }
    p->spec.steps.list = p->steps;
    p->spec.steps.list_len = n;
    p->spec.steps.n = p->steps[n - 1];
    return 0;
}

tb_parsed_spec *tb_spec_parse(json_t *json, tb_error *err) {
    if (!json_is_object(json)) {
        tb_error_set(err, TB_ERROR_INVALID_INPUT, "problem spec must be a JSON object");
        return NULL;
    }
    tb_parsed_spec *p = calloc(1, sizeof *p);
    if (!p) {
        tb_error_set(err, TB_ERROR_OTHER, "problem spec: out of memory");
        return NULL;
    }
    p->json = json_incref(json);
    p->spec.name = json_string_value(json_object_get(json, "name"));
    if (!p->spec.name) {
        tb_error_set(err, TB_ERROR_INVALID_INPUT, "problem spec: name must be a string");
    }
    if (!p->spec.name || tb_parse_attrs(p, err) != 0 || tb_parse_domains(p, err) != 0 ||
        tb_parse_steps(p, err) != 0 || tb_spec_validate(&p->spec, err) != 0) {
        tb_spec_free(p);
        return NULL;
    }
    return p;
}

void tb_spec_free(tb_parsed_spec *parsed) {
    if (!parsed) {
        return;
    }
    free(parsed->vars);
    free(parsed->attrs);
    free(parsed->choices);
    free(parsed->steps);
    json_decref(parsed->json);
    free(parsed);
}

/* ==== Encoding =========================================================================================== */

/** Sets `obj[key] = value` (stolen); -1 when `value` is NULL (out of memory, or a string not UTF-8). */
static int tb_put(json_t *obj, const char *key, json_t *value) {
    return value ? json_object_set_new(obj, key, value) : -1;
}

json_t *tb_attrs_encode(const tb_attr *attrs, size_t n_attrs) {
    json_t *obj = json_object();
    for (size_t i = 0; obj && i < n_attrs; i++) {
        if (tb_put(obj, attrs[i].key, json_string(attrs[i].value)) != 0) {
            json_decref(obj);
            return NULL;
        }
    }
    return obj;
}

static json_t *tb_range_encode(const tb_var *var) {
    switch (var->type) {
    case TB_RANGE_CONTINUOUS: {
        json_t *range = json_pack("{s:s}", "type", "CONTINUOUS");
        if (range && isfinite(var->low)) {
            json_object_set_new(range, "low", json_real(var->low));
        }
        if (range && isfinite(var->high)) {
            json_object_set_new(range, "high", json_real(var->high));
        }
        return range;
    }
    case TB_RANGE_DISCRETE:
        return json_pack("{s:s, s:I, s:I}", "type", "DISCRETE", "low", (json_int_t)var->low, "high",
                         (json_int_t)var->high);
    case TB_RANGE_CATEGORICAL: {
        json_t *choices = json_array();
        for (size_t c = 0; choices && c < var->n_choices; c++) {
            if (json_array_append_new(choices, json_string(var->choices[c])) != 0) {
                json_decref(choices);
                return NULL;
            }
        }
        return choices ? json_pack("{s:s, s:o}", "type", "CATEGORICAL", "choices", choices) : NULL;
    }
    }
    return NULL;
}

static json_t *tb_var_encode(const tb_var *var) {
    json_t *obj = json_object();
    const char *distribution = var->distribution == TB_LOG_UNIFORM ? "LOG_UNIFORM" : "UNIFORM";
    if (!obj || tb_put(obj, "name", json_string(var->name)) != 0 ||
        tb_put(obj, "range", tb_range_encode(var)) != 0 ||
        tb_put(obj, "distribution", json_string(distribution)) != 0 ||
        (var->constraint && tb_put(obj, "constraint", json_string(var->constraint)) != 0)) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static json_t *tb_domain_encode(const tb_var *vars, size_t n) {
    json_t *array = json_array();
    for (size_t i = 0; array && i < n; i++) {
        if (json_array_append_new(array, tb_var_encode(&vars[i])) != 0) {
            json_decref(array);
            return NULL;
        }
    }
    return array;
}

static json_t *tb_steps_encode(const tb_steps *steps) {
    if (!steps->list) {
        return tb_json_u64(steps->n ? steps->n : 1);
    }
    json_t *array = json_array();
    for (size_t i = 0; array && i < steps->list_len; i++) {
        json_array_append_new(array, tb_json_u64(steps->list[i]));
    }
    return array;
}

json_t *tb_spec_encode(const tb_problem_spec *spec, tb_error *err) {
    const tb_var *values = spec->n_values ? spec->values : &tb_default_objective;
    size_t n_values = spec->n_values ? spec->n_values : 1;
    json_t *obj = json_object();
    if (!obj || tb_put(obj, "name", json_string(spec->name)) != 0 ||
        tb_put(obj, "attrs", tb_attrs_encode(spec->attrs, spec->n_attrs)) != 0 ||
        tb_put(obj, "params_domain", tb_domain_encode(spec->params, spec->n_params)) != 0 ||
        tb_put(obj, "values_domain", tb_domain_encode(values, n_values)) != 0 ||
        tb_put(obj, "steps", tb_steps_encode(&spec->steps)) != 0) {
        json_decref(obj);
        tb_error_set(err, TB_ERROR_INVALID_INPUT, "problem spec \"%s\": cannot encode it (a string that is "
                     "not UTF-8, or out of memory)", spec->name ? spec->name : "?");
        return NULL;
    }
    return obj;
}
