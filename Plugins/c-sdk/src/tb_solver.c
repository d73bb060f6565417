/*
 * tb_solver.c - a solver session (PROTOCOL.md, "Solvers").
 *
 *   harness <- SOLVER_SPEC_CAST {spec: {name, attrs, capabilities}}           (written first)
 *   harness -> CREATE_SOLVER_CAST {solver_id, random_seed, problem}           -> cb->create
 *   harness -> ASK_CALL {solver_id, next_trial_id}                            -> cb->ask
 *   harness <- ASK_REPLY {trial: {id, params, next_step}, next_trial_id}
 *   harness -> TELL_CALL {solver_id, trial: {id, values, current_step}}      -> cb->tell
 *   harness <- TELL_REPLY {}
 *   harness -> DROP_SOLVER_CAST {solver_id}                                   -> cb->drop
 *
 * Each live solver id has a slot. A cast has no reply, so a CREATE_SOLVER_CAST that fails (bad spec,
 * missing capability, create callback error) leaves a failed slot whose error answers every later call.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tb_internal.h"

typedef struct tb_solver_slot {
    void *state;              /**< From cb->create; meaningful only when !failed. */
    bool failed;
    tb_error error;           /**< Why creation failed. */
    tb_parsed_spec *problem;  /**< The problem spec, alive as long as the slot. */
    double *params;           /**< ASK buffer, one per parameter. */
} tb_solver_slot;

typedef struct tb_solver_session {
    const tb_solver_callbacks *cb;
    void *user;
    FILE *out;
    tb_table solvers;  /**< solver_id -> tb_solver_slot */
} tb_solver_session;

static void tb_solver_slot_free(const tb_solver_session *s, tb_solver_slot *slot) {
    if (!slot) {
        return;
    }
    if (!slot->failed && s->cb->drop) {
        s->cb->drop(slot->state);
    }
    tb_spec_free(slot->problem);
    free(slot->params);
    free(slot);
}

/* ==== CREATE_SOLVER_CAST ================================================================================= */

/** Refuses a problem that needs capabilities the solver does not claim (kind INCAPABLE). */
static int tb_check_capabilities(const tb_solver_session *s, const tb_problem_spec *problem, tb_error *err) {
    unsigned missing = tb_problem_spec_requirements(problem) & ~s->cb->spec.capabilities;
    if (missing) {
        char names[256];
        tb_capabilities_describe(missing, names, sizeof names);
        return tb_error_set(err, TB_ERROR_INCAPABLE, "solver \"%s\" cannot handle problem \"%s\": it lacks %s",
                            s->cb->spec.name, problem->name, names);
    }
    return 0;
}

/** Parses the spec, checks capabilities and calls cb->create; on failure the slot keeps the error. */
static void tb_solver_slot_create(const tb_solver_session *s, tb_solver_slot *slot, uint64_t id, uint64_t seed,
                                  json_t *problem_json) {
    tb_error *err = &slot->error;
    slot->failed = true;
    if (!(slot->problem = tb_spec_parse(problem_json, err)) || tb_check_capabilities(s, &slot->problem->spec, err)) {
        return;
    }
    size_t n = slot->problem->spec.n_params;
    if (!(slot->params = calloc(n + 1, sizeof *slot->params))) {
        tb_error_set(err, TB_ERROR_OTHER, "out of memory");
        return;
    }
    tb_error_set(err, TB_ERROR_BUG, "create callback of solver_id %llu failed without a message",
                 (unsigned long long)id);
    slot->state = s->user;
    if (s->cb->create && s->cb->create(s->user, id, seed, &slot->problem->spec, &slot->state, err) != 0) {
        return;
    }
    slot->failed = false;
}

static tb_status tb_on_create_solver(tb_solver_session *s, json_t *message) {
    static const char type[] = "CREATE_SOLVER_CAST";
    uint64_t id, seed = 0;
    tb_error err;
    if (tb_field_u64(message, type, "solver_id", &id, &err) != 0) {
        tb_log("%s (message ignored)", err.message);
        return TB_CONTINUE;
    }
    if (tb_table_find(&s->solvers, id)) { /* kurobako never does this; the newer instance wins */
        tb_log("%s: solver_id %llu already exists; dropping the old instance", type, (unsigned long long)id);
        tb_solver_slot_free(s, tb_table_remove(&s->solvers, id));
    }
    tb_solver_slot *slot = calloc(1, sizeof *slot);
    if (!slot || tb_table_put(&s->solvers, id, slot) != 0) {
        free(slot);
        tb_log("out of memory");
        return TB_FATAL;
    }
    if (tb_field_seed(message, type, "random_seed", &seed, &slot->error) == 0) {
        tb_solver_slot_create(s, slot, id, seed, json_object_get(message, "problem"));
    } else {
        slot->failed = true;
    }
    if (slot->failed) {
        tb_log("solver_id %llu not created: %s", (unsigned long long)id, slot->error.message);
    }
    return TB_CONTINUE;
}

/* ==== ASK_CALL / TELL_CALL =============================================================================== */

/** The live slot a call names, or NULL with `err` set (unknown id, or the error its creation left). */
static tb_solver_slot *tb_solver_for_call(const tb_solver_session *s, const json_t *message, const char *type,
                                          tb_error *err) {
    uint64_t id;
    if (tb_field_u64(message, type, "solver_id", &id, err) != 0) {
        return NULL;
    }
    tb_solver_slot *slot = tb_table_find(&s->solvers, id);
    if (!slot) {
        tb_error_set(err, TB_ERROR_INVALID_INPUT, "%s: unknown solver_id %llu (not created, or dropped)", type,
                     (unsigned long long)id);
        return NULL;
    }
    if (slot->failed) {
        *err = slot->error;
        return NULL;
    }
    return slot;
}

/** Calls cb->ask with preset fields, then checks every parameter against its domain. */
static int tb_solver_ask(const tb_solver_session *s, tb_solver_slot *slot, uint64_t next_trial_id,
                         tb_next_trial *trial, tb_error *err) {
    const tb_problem_spec *problem = &slot->problem->spec;
    trial->id = next_trial_id;
    trial->params = slot->params;
    trial->n_params = problem->n_params;
    trial->next_step = tb_steps_last(&problem->steps);
    for (size_t i = 0; i < problem->n_params; i++) {
        slot->params[i] = NAN;
    }
    tb_error_set(err, TB_ERROR_BUG, "ask callback failed without a message");
    if (s->cb->ask(slot->state, next_trial_id, trial, err) != 0) {
        return -1;
    }
    for (size_t i = 0; i < problem->n_params; i++) {
        if (tb_var_check_value(&problem->params[i], slot->params[i], err) != 0) {
            return -1;
        }
    }
    return 0;
}

/** ASK_REPLY {trial: {id, params, next_step}, next_trial_id}. */
static json_t *tb_ask_reply(const tb_next_trial *trial, uint64_t next_trial_id) {
    json_t *params = json_array();
    for (size_t i = 0; params && i < trial->n_params; i++) {
        json_array_append_new(params, tb_json_double(trial->params[i]));
    }
    json_t *next_step = trial->next_step == TB_STEP_NONE ? json_null() : tb_json_u64(trial->next_step);
    /* A resumed (older) trial id uses no new id; a new one uses every id up to itself. */
    uint64_t next_unused = trial->id >= next_trial_id ? trial->id + 1 : next_trial_id;
    return json_pack("{s:s, s:{s:o, s:o, s:o}, s:o}", "type", "ASK_REPLY", "trial", "id", tb_json_u64(trial->id),
                     "params", params, "next_step", next_step, "next_trial_id", tb_json_u64(next_unused));
}

static tb_status tb_on_ask(tb_solver_session *s, json_t *message) {
    static const char type[] = "ASK_CALL";
    tb_error err;
    uint64_t next_trial_id;
    tb_next_trial trial;
    tb_solver_slot *slot = tb_solver_for_call(s, message, type, &err);
    if (!slot || tb_field_u64(message, type, "next_trial_id", &next_trial_id, &err) != 0 ||
        tb_solver_ask(s, slot, next_trial_id, &trial, &err) != 0) {
        return tb_send_error(s->out, &err);
    }
    return tb_send(s->out, tb_ask_reply(&trial, next_trial_id));
}

static tb_status tb_on_tell(tb_solver_session *s, json_t *message) {
    static const char type[] = "TELL_CALL.trial";
    tb_error err;
    uint64_t trial_id, current_step;
    double *values = NULL;
    size_t n_values = 0;
    const json_t *trial = json_object_get(message, "trial");
    tb_solver_slot *slot = tb_solver_for_call(s, message, "TELL_CALL", &err);
    int failed = !slot;
    if (!failed && !json_is_object(trial)) {
        failed = tb_error_set(&err, TB_ERROR_INVALID_INPUT, "TELL_CALL: field \"trial\" must be an object");
    }
    failed = failed || tb_field_u64(trial, type, "id", &trial_id, &err) != 0 ||
             tb_field_u64(trial, type, "current_step", &current_step, &err) != 0 ||
             tb_field_doubles(trial, type, "values", &values, &n_values, &err) != 0;
    if (!failed) {
        tb_error_set(&err, TB_ERROR_BUG, "tell callback failed without a message");
        failed = s->cb->tell(slot->state, trial_id, values, n_values, current_step, &err) != 0;
    }
    free(values);
    return failed ? tb_send_error(s->out, &err) : tb_send_empty(s->out, "TELL_REPLY");
}

/* ==== DROP_SOLVER_CAST and dispatch ====================================================================== */

static tb_status tb_on_drop_solver(tb_solver_session *s, json_t *message) {
    uint64_t id;
    tb_error err;
    if (tb_field_u64(message, "DROP_SOLVER_CAST", "solver_id", &id, &err) != 0) {
        tb_log("%s (message ignored)", err.message);
    } else if (!tb_table_find(&s->solvers, id)) {
        tb_log("DROP_SOLVER_CAST: unknown solver_id %llu (ignored)", (unsigned long long)id);
    } else {
        tb_solver_slot_free(s, tb_table_remove(&s->solvers, id));
    }
    return TB_CONTINUE;
}

static tb_status tb_solver_dispatch(void *session, const char *type, json_t *message) {
    tb_solver_session *s = session;
    if (strcmp(type, "ASK_CALL") == 0) {
        return tb_on_ask(s, message);
    }
    if (strcmp(type, "TELL_CALL") == 0) {
        return tb_on_tell(s, message);
    }
    if (strcmp(type, "CREATE_SOLVER_CAST") == 0) {
        return tb_on_create_solver(s, message);
    }
    if (strcmp(type, "DROP_SOLVER_CAST") == 0) {
        return tb_on_drop_solver(s, message);
    }
    if (tb_is_call(type)) { /* a call must be answered, even one we do not know */
        tb_error err;
        tb_error_set(&err, TB_ERROR_INVALID_INPUT, "a solver does not handle %s", type);
        return tb_send_error(s->out, &err);
    }
    tb_log("ignoring a message of unknown type %s", type);
    return TB_CONTINUE;
}

/* ==== Entry point ======================================================================================== */

static tb_status tb_send_solver_spec(const tb_solver_session *s) {
    const tb_solver_spec *spec = &s->cb->spec;
    json_t *attrs = tb_attrs_encode(spec->attrs, spec->n_attrs);
    if (!attrs) {
        tb_log("solver spec \"%s\": attrs cannot be encoded (NULL or not UTF-8)", spec->name);
        return TB_FATAL;
    }
    return tb_send(s->out, json_pack("{s:s, s:{s:s, s:o, s:o}}", "type", "SOLVER_SPEC_CAST", "spec", "name",
                                     spec->name, "attrs", attrs, "capabilities",
                                     tb_capabilities_encode(spec->capabilities)));
}

int tb_solver_main(const tb_solver_callbacks *cb, void *user) {
    if (!cb || !cb->spec.name || !cb->ask || !cb->tell) {
        tb_log("tb_solver_main: callbacks need spec.name, ask and tell");
        return 1;
    }
    tb_solver_session s = {.cb = cb, .user = user, .out = stdout};
    tb_status status = tb_send_solver_spec(&s);
    if (status == TB_CONTINUE) {
        status = tb_run_loop(stdin, tb_solver_dispatch, &s);
    }
    tb_solver_slot *slot;
    while ((slot = tb_table_pop(&s.solvers))) { /* end of input: drop what the harness left alive */
        tb_solver_slot_free(&s, slot);
    }
    tb_table_free(&s.solvers);
    return status == TB_CONTINUE ? 0 : 1;
}
