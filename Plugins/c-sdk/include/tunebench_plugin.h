/*
 * tunebench_plugin.h - write Tunebench (kurobako-compatible) solver and problem plugins in C.
 *
 * A plugin is a program that talks to the Tunebench harness over its standard input and output, one JSON
 * object per line, as described in Plugins/PROTOCOL.md (kurobako's "external program interface"). This SDK
 * runs that message loop; the plugin author fills a callbacks struct and calls one function:
 *
 *     int main(void) { return tb_solver_main(&my_callbacks, NULL); }
 *
 * The SDK parses every message, keeps a table of the live instances keyed by their protocol ids, validates
 * what the callbacks return, writes the replies (one line each, flushed) and frees everything on end of input.
 *
 * Conventions used throughout:
 * - Callbacks return 0 on success. On failure they return -1 after describing the problem with
 *   tb_error_set(); the SDK then answers the harness with ERROR_REPLY {kind, message}.
 * - A parameter value is a double: the number itself for CONTINUOUS, an integral number for DISCRETE, the
 *   index of the choice for CATEGORICAL, and NaN for an inactive (null) parameter.
 * - Ids, seeds and steps are unsigned 64-bit integers, as in kurobako.
 * - Nothing here uses global state: per-instance state lives in the `void *` the create callbacks return.
 *
 * Build with `pkg-config --cflags --libs jansson` and build/libtunebench_plugin.a (see README.md).
 */
#ifndef TUNEBENCH_PLUGIN_H
#define TUNEBENCH_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Version of this SDK, recorded in the `attrs` of the example plugins. */
#define TB_PLUGIN_SDK_VERSION "0.1.0"

#if defined(__GNUC__)
#define TB_PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define TB_PRINTF_LIKE(fmt, args)
#endif

/* ---------------------------------------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------------------------------------- */

/** The `kind` of an ERROR_REPLY (PROTOCOL.md, "Error kinds"). */
typedef enum tb_error_kind {
    TB_ERROR_INVALID_INPUT = 0,   /**< "INVALID_INPUT": the message or its arguments are wrong. */
    TB_ERROR_IO,                  /**< "IO_ERROR". */
    TB_ERROR_UNEXPECTED_EOS,      /**< "UNEXPECTED_EOS". */
    TB_ERROR_INCAPABLE,           /**< "INCAPABLE": the solver cannot handle this problem. */
    TB_ERROR_UNEVALUABLE_PARAMS,  /**< "UNEVALUABLE_PARAMS": the problem cannot evaluate this point. */
    TB_ERROR_BUG,                 /**< "BUG": an internal error of the plugin. */
    TB_ERROR_OTHER                /**< "OTHER". */
} tb_error_kind;

/** Longest error message kept, terminating NUL included; longer messages are truncated. */
#define TB_ERROR_MESSAGE_MAX 512

/** An error reported by a callback, sent to the harness as ERROR_REPLY {kind, message}. */
typedef struct tb_error {
    tb_error_kind kind;
    char message[TB_ERROR_MESSAGE_MAX];
} tb_error;

/**
 * Fills `err` with `kind` and a printf-style message.
 *
 * - Returns: -1, so that a callback can end with `return tb_error_set(err, ...);`.
 */
int tb_error_set(tb_error *err, tb_error_kind kind, const char *format, ...) TB_PRINTF_LIKE(3, 4);

/** The wire name of `kind`, e.g. "UNEVALUABLE_PARAMS". */
const char *tb_error_kind_name(tb_error_kind kind);

/* ---------------------------------------------------------------------------------------------------------
 * Problem specification (the "problem spec" of PROTOCOL.md)
 * ------------------------------------------------------------------------------------------------------- */

/** `range.type` of a variable. */
typedef enum tb_range_type {
    TB_RANGE_CONTINUOUS = 0, /**< Real numbers, `low <= x < high`. */
    TB_RANGE_DISCRETE,       /**< Integers, `low <= x < high` (half-open: `high` is excluded). */
    TB_RANGE_CATEGORICAL     /**< One of `choices`; the value is the choice's index. */
} tb_range_type;

/** `distribution` of a variable. */
typedef enum tb_distribution {
    TB_UNIFORM = 0,  /**< "UNIFORM". */
    TB_LOG_UNIFORM   /**< "LOG_UNIFORM": sample in log space; needs `low > 0`. */
} tb_distribution;

/**
 * One variable of a domain: a parameter (`params_domain`) or an objective (`values_domain`).
 *
 * - CONTINUOUS: `low` and `high` are the bounds, -INFINITY / INFINITY when the JSON leaves them out.
 * - DISCRETE: `low` and `high` are integers (held exactly in a double up to 2^53), `high` excluded.
 * - CATEGORICAL: `choices[0 .. n_choices-1]`; a parsed spec also sets `low = 0` and `high = n_choices`.
 */
typedef struct tb_var {
    const char *name;
    tb_range_type type;
    double low;
    double high;
    const char *const *choices; /**< CATEGORICAL only. */
    size_t n_choices;           /**< CATEGORICAL only. */
    tb_distribution distribution;
    /** Lua condition over earlier parameters making this one conditional, or NULL. The JSON may hold a
     *  string or kurobako's `{"lua_script": "..."}`; it is always written as a string. */
    const char *constraint;
} tb_var;

/** A string-to-string `attrs` entry. */
typedef struct tb_attr {
    const char *key;
    const char *value;
} tb_attr;

/**
 * `steps` of a problem: either the integer `n` (the steps 1, 2, ..., n), or a strictly increasing list.
 * The last step is full fidelity. A zeroed tb_steps means the single step 1.
 */
typedef struct tb_steps {
    uint64_t n;             /**< The steps 1..n; used when `list` is NULL. */
    const uint64_t *list;   /**< The steps themselves, or NULL. */
    size_t list_len;        /**< Length of `list`. */
} tb_steps;

/** The last (full-fidelity) step of `steps`. */
uint64_t tb_steps_last(const tb_steps *steps);

/**
 * A problem spec. A problem plugin fills one (usually as static data); a solver receives the one the harness
 * sends in CREATE_SOLVER_CAST, parsed, and may keep the pointer until its drop callback.
 *
 * When a problem plugin leaves `n_values` at 0, the SDK writes one unbounded objective named "objective".
 */
typedef struct tb_problem_spec {
    const char *name;
    const tb_attr *attrs;
    size_t n_attrs;
    const tb_var *params;   /**< `params_domain`, in order. */
    size_t n_params;
    const tb_var *values;   /**< `values_domain`: one entry per objective, all minimized. */
    size_t n_values;
    tb_steps steps;
} tb_problem_spec;

/** The value of attribute `key` of `spec`, or NULL. */
const char *tb_problem_spec_attr(const tb_problem_spec *spec, const char *key);

/* ---------------------------------------------------------------------------------------------------------
 * Capabilities
 * ------------------------------------------------------------------------------------------------------- */

/** Solver capabilities, as bit flags (the wire names are the same without the `TB_CAP_` prefix). */
enum {
    TB_CAP_UNIFORM_CONTINUOUS = 1u << 0,
    TB_CAP_UNIFORM_DISCRETE = 1u << 1,
    TB_CAP_LOG_UNIFORM_CONTINUOUS = 1u << 2,
    TB_CAP_LOG_UNIFORM_DISCRETE = 1u << 3,
    TB_CAP_CATEGORICAL = 1u << 4,
    TB_CAP_CONDITIONAL = 1u << 5,
    TB_CAP_MULTI_OBJECTIVE = 1u << 6,
    TB_CAP_CONCURRENT = 1u << 7,
    TB_CAP_ALL = (1u << 8) - 1u
};

/**
 * The capabilities a solver needs for `spec` (PROTOCOL.md, "Capabilities and refused pairs"): one per kind of
 * parameter (range and distribution), CONDITIONAL when a parameter has a constraint, MULTI_OBJECTIVE when
 * there is more than one value.
 */
unsigned tb_problem_spec_requirements(const tb_problem_spec *spec);

/* ---------------------------------------------------------------------------------------------------------
 * Solvers
 * ------------------------------------------------------------------------------------------------------- */

/** `spec` of SOLVER_SPEC_CAST. */
typedef struct tb_solver_spec {
    const char *name;
    const tb_attr *attrs;
    size_t n_attrs;
    unsigned capabilities; /**< TB_CAP_* flags. */
} tb_solver_spec;

/** `next_step` value meaning `null`: the solver has finished with the trial. */
#define TB_STEP_NONE UINT64_MAX

/** The trial an ask callback proposes (ASK_REPLY's `trial`). The SDK presets every field. */
typedef struct tb_next_trial {
    /** Preset to `next_trial_id`. kurobako lets a solver set an older id to resume that trial at a higher step
     *  (the reply's `next_trial_id` is then left unchanged); Tunebench does not support resumed trials yet and
     *  fails the run (see Plugins/PROTOCOL.md). */
    uint64_t id;
    /** One slot per parameter of the problem, preset to NaN (sent as null: inactive). Write the values into the
     *  slots; the pointer and `n_params` are owned by the SDK and must not be changed. */
    double *params;
    size_t n_params;
    /** Preset to the problem's last step; TB_STEP_NONE is sent as null. */
    uint64_t next_step;
} tb_next_trial;

/**
 * Callbacks of a solver plugin. `ask` and `tell` are required; the others may be NULL.
 *
 * # Implementation requirements
 * - `ask` sets a value for every parameter whose spec has no constraint, inside its range: CONTINUOUS in
 *   [low, high], DISCRETE integral in [low, high), CATEGORICAL an index in [0, n_choices). The SDK checks this
 *   and answers ERROR_REPLY kind BUG (naming the parameter) otherwise, rather than letting the run fail later.
 * - The same seed must give the same sequence of trials: use a PRNG seeded from `seed`, never rand().
 * - State lives behind the `void *` returned by `create`; several solver ids may be alive at once.
 */
typedef struct tb_solver_callbacks {
    /** Sent as SOLVER_SPEC_CAST when the session starts. `name` is required. */
    tb_solver_spec spec;

    /**
     * CREATE_SOLVER_CAST: makes a solver instance for `problem` and stores it in `*state`.
     *
     * The SDK has already checked that `spec.capabilities` cover the problem's requirements. `problem` stays
     * valid until `drop` is called for this state. The seed is passed as sent (not reduced modulo 2^32 - 1 as
     * the kurobako Python package does). When NULL, `*state` is the `user` pointer of tb_solver_main().
     * A failure is remembered and answered to every later ASK_CALL or TELL_CALL of that solver id.
     */
    int (*create)(void *user, uint64_t solver_id, uint64_t seed, const tb_problem_spec *problem,
                  void **state, tb_error *err);

    /** ASK_CALL: proposes the next trial in `*trial` (see tb_next_trial). */
    int (*ask)(void *state, uint64_t next_trial_id, tb_next_trial *trial, tb_error *err);

    /**
     * TELL_CALL: the result of trial `trial_id`. `n_values == 0` means the evaluation failed; otherwise
     * `values` holds one value per objective (to be minimized; NaN where the harness sent null).
     */
    int (*tell)(void *state, uint64_t trial_id, const double *values, size_t n_values, uint64_t current_step,
                tb_error *err);

    /** DROP_SOLVER_CAST, or end of input with the solver still alive: frees `state`. */
    void (*drop)(void *state);
} tb_solver_callbacks;

/**
 * Runs a solver session on standard input and output: writes SOLVER_SPEC_CAST, then answers messages until
 * end of input, then drops the solvers still alive.
 *
 * - Parameters:
 *   - cb: the callbacks; must outlive the call.
 *   - user: passed to `cb->create`.
 * - Returns: 0 on end of input; 1 on a fatal error (invalid callbacks, a line that is not a JSON object, an
 *   I/O error), after a message on standard error. Suitable as the return value of main().
 */
int tb_solver_main(const tb_solver_callbacks *cb, void *user);

/* ---------------------------------------------------------------------------------------------------------
 * Problems
 * ------------------------------------------------------------------------------------------------------- */

/** The result an evaluate callback fills (EVALUATE_REPLY). The SDK presets every field. */
typedef struct tb_evaluation {
    /** One slot per objective (`spec.n_values`, or 1 when that is 0), preset to NaN. Every slot must be set
     *  to a finite number; the SDK answers ERROR_REPLY kind BUG otherwise. The pointer and `n_values` are owned
     *  by the SDK and must not be changed. */
    double *values;
    size_t n_values;
    /** Preset to `next_step`: the step the evaluation reached. */
    uint64_t current_step;
} tb_evaluation;

/**
 * Callbacks of a problem plugin. `evaluate` is required; the others may be NULL.
 *
 * # Implementation requirements
 * - A point the problem cannot evaluate is reported with
 *   `return tb_error_set(err, TB_ERROR_UNEVALUABLE_PARAMS, "...")` from `create_evaluator` or `evaluate`;
 *   Tunebench then records a failed trial and goes on.
 * - The same seed must give the same problem instance.
 */
typedef struct tb_problem_callbacks {
    /** Sent as PROBLEM_SPEC_CAST when the session starts. `name` is required; the SDK validates the spec. */
    tb_problem_spec spec;

    /** CREATE_PROBLEM_CAST: makes a problem instance in `*problem`. When NULL, `*problem` is `user`. */
    int (*create)(void *user, uint64_t problem_id, uint64_t seed, void **problem, tb_error *err);

    /**
     * CREATE_EVALUATOR_CALL: prepares the evaluation of `params` (`n_params` == `spec.n_params`; NaN for an
     * inactive parameter) in `*evaluator`. When NULL, `*evaluator` is NULL. The SDK keeps its own copy of the
     * parameters for `evaluate`.
     */
    int (*create_evaluator)(void *problem, uint64_t evaluator_id, const double *params, size_t n_params,
                            void **evaluator, tb_error *err);

    /** EVALUATE_CALL: evaluates up to `next_step` and fills `*out`. */
    int (*evaluate)(void *problem, void *evaluator, const double *params, size_t n_params, uint64_t next_step,
                    tb_evaluation *out, tb_error *err);

    /** DROP_EVALUATOR_CAST (also before its problem is dropped, and at end of input). */
    void (*drop_evaluator)(void *problem, void *evaluator);

    /** DROP_PROBLEM_CAST, or end of input with the problem still alive. */
    void (*drop_problem)(void *problem);
} tb_problem_callbacks;

/**
 * Runs a problem session on standard input and output: validates `cb->spec`, writes PROBLEM_SPEC_CAST, then
 * answers messages until end of input, then drops the evaluators and problems still alive.
 *
 * - Returns: 0 on end of input; 1 on a fatal error (invalid callbacks or spec, a line that is not a JSON
 *   object, an I/O error), after a message on standard error.
 */
int tb_problem_main(const tb_problem_callbacks *cb, void *user);

#ifdef __cplusplus
}
#endif

#endif /* TUNEBENCH_PLUGIN_H */
