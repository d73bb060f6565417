/*
 * tb_problem.c - a problem session (PROTOCOL.md, "Problems").
 *
 *   harness <- PROBLEM_SPEC_CAST {spec}                                       (written first)
 *   harness -> CREATE_PROBLEM_CAST {problem_id, random_seed}                  -> cb->create
 *   harness -> CREATE_EVALUATOR_CALL {problem_id, evaluator_id, params}       -> cb->create_evaluator
 *   harness <- CREATE_EVALUATOR_REPLY {}
 *   harness -> EVALUATE_CALL {evaluator_id, next_step}                        -> cb->evaluate
 *   harness <- EVALUATE_REPLY {current_step, values}
 *   harness -> DROP_EVALUATOR_CAST {evaluator_id}                             -> cb->drop_evaluator
 *   harness -> DROP_PROBLEM_CAST {problem_id}                                 -> cb->drop_problem
 *
 * A point the problem cannot evaluate is answered with ERROR_REPLY kind UNEVALUABLE_PARAMS, which Tunebench
 * records as a failed trial. As for solvers, a failed CREATE_PROBLEM_CAST (a cast: no reply) leaves a failed
 * slot whose error answers the later CREATE_EVALUATOR_CALLs of that problem id.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tb_internal.h"

typedef struct tb_problem_slot {
    void *state;     /**< From cb->create; meaningful only when !failed. */
    bool failed;
    tb_error error;  /**< Why creation failed. */
} tb_problem_slot;

typedef struct tb_evaluator_slot {
    uint64_t problem_id;
    void *problem;   /**< The problem's state (its slot outlives the evaluator). */
    void *state;     /**< From cb->create_evaluator, or NULL. */
    double *params;  /**< The SDK's copy of the parameters, NaN for null. */
    size_t n_params;
} tb_evaluator_slot;

typedef struct tb_problem_session {
    const tb_problem_callbacks *cb;
    void *user;
    FILE *out;
    size_t n_values;       /**< Objectives per evaluation (1 when the spec names none). */
    tb_table problems;     /**< problem_id -> tb_problem_slot */
    tb_table evaluators;   /**< evaluator_id -> tb_evaluator_slot */
} tb_problem_session;

/* ==== Freeing ============================================================================================ */

static void tb_evaluator_free(const tb_problem_session *s, tb_evaluator_slot *slot) {
    if (!slot) {
        return;
    }
    if (s->cb->drop_evaluator) {
        s->cb->drop_evaluator(slot->problem, slot->state);
    }
    free(slot->params);
    free(slot);
}

/** Drops the evaluators of `problem_id`, which the harness should have dropped already. */
static void tb_drop_evaluators_of(tb_problem_session *s, uint64_t problem_id) {
    for (size_t i = s->evaluators.len; i-- > 0;) {
        tb_evaluator_slot *slot = s->evaluators.entries[i].item;
        if (slot->problem_id == problem_id) {
            tb_evaluator_free(s, tb_table_remove(&s->evaluators, s->evaluators.entries[i].id));
        }
    }
}

static void tb_problem_free(tb_problem_session *s, uint64_t problem_id) {
    tb_drop_evaluators_of(s, problem_id);
    tb_problem_slot *slot = tb_table_remove(&s->problems, problem_id);
    if (slot && !slot->failed && s->cb->drop_problem) {
        s->cb->drop_problem(slot->state);
    }
    free(slot);
}

/* ==== CREATE_PROBLEM_CAST / DROP_PROBLEM_CAST ============================================================ */

static tb_status tb_on_create_problem(tb_problem_session *s, json_t *message) {
    static const char type[] = "CREATE_PROBLEM_CAST";
    uint64_t id, seed;
    tb_error err;
    if (tb_field_u64(message, type, "problem_id", &id, &err) != 0) {
        tb_log("%s (message ignored)", err.message);
        return TB_CONTINUE;
    }
    if (tb_table_find(&s->problems, id)) { /* kurobako never does this; the newer instance wins */
        tb_log("%s: problem_id %llu already exists; dropping the old instance", type, (unsigned long long)id);
        tb_problem_free(s, id);
    }
    tb_problem_slot *slot = calloc(1, sizeof *slot);
    if (!slot || tb_table_put(&s->problems, id, slot) != 0) {
        free(slot);
        tb_log("out of memory");
        return TB_FATAL;
    }
    slot->failed = true;
    slot->state = s->user;
    if (tb_field_seed(message, type, "random_seed", &seed, &slot->error) == 0) {
        tb_error_set(&slot->error, TB_ERROR_BUG, "create callback failed without a message");
        slot->failed = s->cb->create && s->cb->create(s->user, id, seed, &slot->state, &slot->error) != 0;
    }
    if (slot->failed) {
        tb_log("problem_id %llu not created: %s", (unsigned long long)id, slot->error.message);
    }
    return TB_CONTINUE;
}

static tb_status tb_on_drop_problem(tb_problem_session *s, json_t *message) {
    uint64_t id;
    tb_error err;
    if (tb_field_u64(message, "DROP_PROBLEM_CAST", "problem_id", &id, &err) != 0) {
        tb_log("%s (message ignored)", err.message);
    } else if (!tb_table_find(&s->problems, id)) {
        tb_log("DROP_PROBLEM_CAST: unknown problem_id %llu (ignored)", (unsigned long long)id);
    } else {
        tb_problem_free(s, id);
    }
    return TB_CONTINUE;
}

/* ==== CREATE_EVALUATOR_CALL / DROP_EVALUATOR_CAST ======================================================== */

/** The live problem a call names, or NULL with `err` set. */
static tb_problem_slot *tb_problem_for_call(const tb_problem_session *s, uint64_t id, tb_error *err) {
    tb_problem_slot *slot = tb_table_find(&s->problems, id);
    if (!slot) {
        tb_error_set(err, TB_ERROR_INVALID_INPUT, "CREATE_EVALUATOR_CALL: unknown problem_id %llu (not created, "
                     "or dropped)", (unsigned long long)id);
        return NULL;
    }
    if (slot->failed) {
        *err = slot->error;
        return NULL;
    }
    return slot;
}

/** Reads the call's fields into a new evaluator slot (not yet stored), or NULL with `err` set. */
static tb_evaluator_slot *tb_evaluator_read(const tb_problem_session *s, const json_t *message,
                                            uint64_t *evaluator_id, tb_error *err) {
    static const char type[] = "CREATE_EVALUATOR_CALL";
    uint64_t problem_id;
    tb_problem_slot *problem;
    if (tb_field_u64(message, type, "problem_id", &problem_id, err) != 0 ||
        tb_field_u64(message, type, "evaluator_id", evaluator_id, err) != 0 ||
        !(problem = tb_problem_for_call(s, problem_id, err))) {
        return NULL;
    }
    if (tb_table_find(&s->evaluators, *evaluator_id)) {
        tb_error_set(err, TB_ERROR_INVALID_INPUT, "%s: evaluator_id %llu is already in use", type,
                     (unsigned long long)*evaluator_id);
        return NULL;
    }
    tb_evaluator_slot *slot = calloc(1, sizeof *slot);
    if (!slot) {
        tb_error_set(err, TB_ERROR_OTHER, "out of memory");
        return NULL;
    }
    slot->problem_id = problem_id;
    slot->problem = problem->state;
    if (tb_field_doubles(message, type, "params", &slot->params, &slot->n_params, err) != 0) {
        free(slot);
        return NULL;
    }
    if (slot->n_params != s->cb->spec.n_params) {
        tb_error_set(err, TB_ERROR_INVALID_INPUT, "%s: %zu params for a problem with %zu", type, slot->n_params,
                     s->cb->spec.n_params);
        free(slot->params);
        free(slot);
        return NULL;
    }
    return slot;
}

static tb_status tb_on_create_evaluator(tb_problem_session *s, json_t *message) {
    tb_error err;
    uint64_t id;
    tb_evaluator_slot *slot = tb_evaluator_read(s, message, &id, &err);
    if (!slot) {
        return tb_send_error(s->out, &err);
    }
    tb_error_set(&err, TB_ERROR_BUG, "create_evaluator callback failed without a message");
    if (s->cb->create_evaluator &&
        s->cb->create_evaluator(slot->problem, id, slot->params, slot->n_params, &slot->state, &err) != 0) {
        free(slot->params);
        free(slot);
        return tb_send_error(s->out, &err);
    }
    if (tb_table_put(&s->evaluators, id, slot) != 0) {
        tb_evaluator_free(s, slot);
        tb_log("out of memory");
        return TB_FATAL;
    }
    return tb_send_empty(s->out, "CREATE_EVALUATOR_REPLY");
}

static tb_status tb_on_drop_evaluator(tb_problem_session *s, json_t *message) {
    uint64_t id;
    tb_error err;
    if (tb_field_u64(message, "DROP_EVALUATOR_CAST", "evaluator_id", &id, &err) != 0) {
        tb_log("%s (message ignored)", err.message);
    } else if (!tb_table_find(&s->evaluators, id)) {
        tb_log("DROP_EVALUATOR_CAST: unknown evaluator_id %llu (ignored)", (unsigned long long)id);
    } else {
        tb_evaluator_free(s, tb_table_remove(&s->evaluators, id));
    }
    return TB_CONTINUE;
}

/* ==== EVALUATE_CALL ====================================================================================== */

/** Calls cb->evaluate with preset fields, then checks the values are finite (JSON has no NaN). */
static int tb_evaluate(const tb_problem_session *s, tb_evaluator_slot *slot, uint64_t next_step,
                       tb_evaluation *out, tb_error *err) {
    for (size_t i = 0; i < out->n_values; i++) {
        out->values[i] = NAN;
    }
    out->current_step = next_step;
    tb_error_set(err, TB_ERROR_BUG, "evaluate callback failed without a message");
    if (s->cb->evaluate(slot->problem, slot->state, slot->params, slot->n_params, next_step, out, err) != 0) {
        return -1;
    }
    for (size_t i = 0; i < out->n_values; i++) {
        if (!isfinite(out->values[i])) {
            return tb_error_set(err, TB_ERROR_BUG, "evaluate left value %zu at %g; report a point that cannot "
                                "be evaluated with TB_ERROR_UNEVALUABLE_PARAMS", i, out->values[i]);
        }
    }
    return 0;
}

/** EVALUATE_REPLY {current_step, values}. */
static json_t *tb_evaluate_reply(const tb_evaluation *result) {
    json_t *values = json_array();
    for (size_t i = 0; values && i < result->n_values; i++) {
        json_array_append_new(values, json_real(result->values[i]));
    }
    return json_pack("{s:s, s:o, s:o}", "type", "EVALUATE_REPLY", "current_step",
                     tb_json_u64(result->current_step), "values", values);
}

static tb_status tb_on_evaluate(tb_problem_session *s, json_t *message) {
    static const char type[] = "EVALUATE_CALL";
    tb_error err;
    uint64_t id, next_step;
    if (tb_field_u64(message, type, "evaluator_id", &id, &err) != 0 ||
        tb_field_u64(message, type, "next_step", &next_step, &err) != 0) {
        return tb_send_error(s->out, &err);
    }
    tb_evaluator_slot *slot = tb_table_find(&s->evaluators, id);
    if (!slot) {
        tb_error_set(&err, TB_ERROR_INVALID_INPUT, "%s: unknown evaluator_id %llu (not created, or dropped)", type,
                     (unsigned long long)id);
        return tb_send_error(s->out, &err);
    }
    tb_evaluation result = {.n_values = s->n_values, .values = calloc(s->n_values, sizeof(double))};
    tb_status status;
    if (!result.values) {
        tb_log("out of memory");
        status = TB_FATAL;
    } else if (tb_evaluate(s, slot, next_step, &result, &err) != 0) {
        status = tb_send_error(s->out, &err);
    } else {
        status = tb_send(s->out, tb_evaluate_reply(&result));
    }
    free(result.values);
    return status;
}

/* ==== Dispatch and entry point =========================================================================== */

static tb_status tb_problem_dispatch(void *session, const char *type, json_t *message) {
    tb_problem_session *s = session;
    if (strcmp(type, "EVALUATE_CALL") == 0) {
        return tb_on_evaluate(s, message);
    }
    if (strcmp(type, "CREATE_EVALUATOR_CALL") == 0) {
        return tb_on_create_evaluator(s, message);
    }
    if (strcmp(type, "DROP_EVALUATOR_CAST") == 0) {
        return tb_on_drop_evaluator(s, message);
    }
    if (strcmp(type, "CREATE_PROBLEM_CAST") == 0) {
        return tb_on_create_problem(s, message);
    }
    if (strcmp(type, "DROP_PROBLEM_CAST") == 0) {
        return tb_on_drop_problem(s, message);
    }
    if (tb_is_call(type)) { /* a call must be answered, even one we do not know */
        tb_error err;
        tb_error_set(&err, TB_ERROR_INVALID_INPUT, "a problem does not handle %s", type);
        return tb_send_error(s->out, &err);
    }
    tb_log("ignoring a message of unknown type %s", type);
    return TB_CONTINUE;
}

/** Validates the author's spec (at start, before any run) and writes PROBLEM_SPEC_CAST. */
static tb_status tb_send_problem_spec(const tb_problem_session *s) {
    tb_error err;
    json_t *spec = NULL;
    if (tb_spec_validate(&s->cb->spec, &err) != 0 || !(spec = tb_spec_encode(&s->cb->spec, &err))) {
        tb_log("invalid problem spec: %s", err.message);
        return TB_FATAL;
    }
    return tb_send(s->out, json_pack("{s:s, s:o}", "type", "PROBLEM_SPEC_CAST", "spec", spec));
}

int tb_problem_main(const tb_problem_callbacks *cb, void *user) {
    if (!cb || !cb->evaluate) {
        tb_log("tb_problem_main: callbacks need spec and evaluate");
        return 1;
    }
    tb_problem_session s = {.cb = cb, .user = user, .out = stdout};
    s.n_values = cb->spec.n_values ? cb->spec.n_values : 1; /* the default objective */
    tb_status status = tb_send_problem_spec(&s);
    if (status == TB_CONTINUE) {
        status = tb_run_loop(stdin, tb_problem_dispatch, &s);
    }
    tb_evaluator_slot *evaluator; /* end of input: drop what the harness left alive, evaluators first */
    while ((evaluator = tb_table_pop(&s.evaluators))) {
        tb_evaluator_free(&s, evaluator);
    }
    while (s.problems.len > 0) {
        tb_problem_free(&s, s.problems.entries[s.problems.len - 1].id);
    }
    tb_table_free(&s.evaluators);
    tb_table_free(&s.problems);
    return status == TB_CONTINUE ? 0 : 1;
}
