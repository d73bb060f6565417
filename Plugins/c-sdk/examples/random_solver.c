/*
 * random_solver.c - an example solver plugin: random search, or a (1+1)-ES with the 1/5th success rule.
 *
 *   build/random_solver            random search (the "c-random" plugin of plugin.json)
 *   build/random_solver es         (1+1)-ES
 *
 * Both strategies work in the unit cube [0, 1]^d, one coordinate per parameter, and map a point to the
 * problem's parameters with decode(): linear or logarithmic for numbers, a choice index for categoricals.
 * Every parameter kind of the protocol is handled except conditional ones (CONDITIONAL is not claimed, so the
 * SDK answers INCAPABLE for such problems). The same seed gives the same trials: the solver draws from its own
 * xoshiro256** generator, seeded from the CREATE_SOLVER_CAST seed, never from rand().
 *
 * (1+1)-ES: keep one parent point; propose parent + sigma * N(0, I), reflected into the cube; the child
 * replaces the parent when its value is not worse. The step size follows the 1/5th success rule
 * (Rechenberg 1973), in the form of N. Hansen, D. V. Arnold and A. Auger, "Evolution Strategies", Springer
 * Handbook of Computational Intelligence, 2015 (the (1+1)-ES with one-fifth success rule):
 *     sigma <- sigma * exp((success - 1/5) / d),   d = sqrt(dimension + 1),
 * so sigma is stationary when one proposal in five succeeds. A failed evaluation counts as no success.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tunebench_plugin.h"

/* ==== PRNG: xoshiro256** seeded with splitmix64 (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), 2021; reference code at https://prng.di.unimi.it/) ==================== */

typedef struct rng {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed) {
    for (int i = 0; i < 4; i++) {
        r->s[i] = splitmix64(&seed);
    }
}

static uint64_t rotl(uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r) {
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/** Uniform in [0, 1): the top 53 bits. */
static double rng_uniform(rng *r) {
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/** Standard normal by Box-Muller; 1 - u keeps the logarithm's argument in (0, 1]. */
static double rng_normal(rng *r) {
    double u1 = 1.0 - rng_uniform(r), u2 = rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * 3.14159265358979323846 * u2);
}

/* ==== Unit cube -> parameters ============================================================================ */

/** The largest double below `high`: keeps a value inside a half-open range [low, high). */
static double below(double x, double low, double high) {
    if (x >= high) {
        x = nextafter(high, -INFINITY);
    }
    return x < low ? low : x;
}

/**
 * Maps u in [0, 1] to a value of `var`:
 * - CONTINUOUS: linear in [low, high), or linear in log space for LOG_UNIFORM;
 * - DISCRETE (half-open: high is excluded): the integers low..high-1 in equal cells; for LOG_UNIFORM,
 *   log-uniform on [low - 1/2, high - 1/2) rounded to the nearest integer, so that integer k gets the
 *   log-width of [k - 1/2, k + 1/2) (as Optuna does for log integers);
 * - CATEGORICAL: the index of one of n equal cells.
 */
static double decode(const tb_var *var, double u) {
    double low = var->low, high = var->high;
    switch (var->type) {
    case TB_RANGE_CONTINUOUS:
        if (var->distribution == TB_LOG_UNIFORM) {
            return below(exp(log(low) + u * (log(high) - log(low))), low, high);
        }
        return below(low + u * (high - low), low, high);
    case TB_RANGE_DISCRETE: {
        double k;
        if (var->distribution == TB_LOG_UNIFORM) {
            double a = log(low - 0.5), b = log(high - 0.5);
            k = round(exp(a + u * (b - a)));
        } else {
            k = low + floor(u * (high - low));
        }
        return fmin(fmax(k, low), high - 1);
    }
    case TB_RANGE_CATEGORICAL:
        return fmin(floor(u * (double)var->n_choices), (double)var->n_choices - 1);
    }
    return NAN;
}

/** Folds x back into [0, 1] by reflection at the faces (period 2). */
static double reflect(double x) {
    x = fmod(fabs(x), 2.0);
    return x > 1.0 ? 2.0 - x : x;
}

/* ==== Solver state ======================================================================================= */

typedef enum strategy { STRATEGY_RANDOM, STRATEGY_ES } strategy;

/** A proposed point waiting for its TELL_CALL. */
typedef struct pending {
    uint64_t trial_id;
    double *u;
} pending;

typedef struct solver {
    strategy strategy;
    const tb_problem_spec *problem;
    size_t dim;
    rng rng;
    /* (1+1)-ES */
    double *parent;
    double parent_value;
    bool has_parent;
    double sigma;
    /* trials asked and not yet told */
    pending *pending;
    size_t n_pending, cap_pending;
} solver;

/** Step sizes of the ES, in units of the cube's side. */
static const double es_initial_sigma = 0.2, es_min_sigma = 1e-9, es_max_sigma = 1.0;

static void solver_free(solver *s) {
    for (size_t i = 0; i < s->n_pending; i++) {
        free(s->pending[i].u);
    }
    free(s->pending);
    free(s->parent);
    free(s);
}

/** Every numeric range must be bounded to be sampled; kurobako allows a CONTINUOUS range without bounds. */
static int check_bounded(const tb_problem_spec *problem, tb_error *err) {
    for (size_t i = 0; i < problem->n_params; i++) {
        const tb_var *var = &problem->params[i];
        if (!isfinite(var->low) || !isfinite(var->high)) {
            return tb_error_set(err, TB_ERROR_INCAPABLE, "parameter \"%s\" has an unbounded range", var->name);
        }
    }
    return 0;
}

static int solver_create(void *user, uint64_t solver_id, uint64_t seed, const tb_problem_spec *problem,
                         void **state, tb_error *err) {
    (void)solver_id;
    if (check_bounded(problem, err) != 0) {
        return -1;
    }
    solver *s = calloc(1, sizeof *s);
    if (!s || !(s->parent = calloc(problem->n_params + 1, sizeof *s->parent))) {
        free(s);
        return tb_error_set(err, TB_ERROR_OTHER, "out of memory");
    }
    s->strategy = *(const strategy *)user;
    s->problem = problem;
    s->dim = problem->n_params;
    s->sigma = es_initial_sigma;
    rng_seed(&s->rng, seed);
    *state = s;
    return 0;
}

static void solver_drop(void *state) {
    solver_free(state);
}

/* ==== ask ================================================================================================ */

/** Fills `u` with the next point in the unit cube: uniform, or a mutation of the ES parent. */
static void propose(solver *s, double *u) {
    bool mutate = s->strategy == STRATEGY_ES && s->has_parent;
    for (size_t i = 0; i < s->dim; i++) {
        u[i] = mutate ? reflect(s->parent[i] + s->sigma * rng_normal(&s->rng)) : rng_uniform(&s->rng);
    }
}

static int remember(solver *s, uint64_t trial_id, double *u) {
    if (s->n_pending == s->cap_pending) {
        size_t cap = s->cap_pending ? 2 * s->cap_pending : 4;
        pending *grown = realloc(s->pending, cap * sizeof *grown);
        if (!grown) {
            return -1;
        }
        s->pending = grown;
        s->cap_pending = cap;
    }
    s->pending[s->n_pending++] = (pending){.trial_id = trial_id, .u = u};
    return 0;
}

static int solver_ask(void *state, uint64_t next_trial_id, tb_next_trial *trial, tb_error *err) {
    solver *s = state;
    double *u = malloc((s->dim + 1) * sizeof *u);
    if (!u || remember(s, next_trial_id, u) != 0) {
        free(u);
        return tb_error_set(err, TB_ERROR_OTHER, "out of memory");
    }
    propose(s, u);
    for (size_t i = 0; i < s->dim; i++) {
        trial->params[i] = decode(&s->problem->params[i], u[i]);
    }
    /* trial->id (next_trial_id) and trial->next_step (the last step: full fidelity) keep their presets. */
    return 0;
}

/* ==== tell =============================================================================================== */

/** Removes the pending point of `trial_id` and returns it (the caller frees it), or NULL. */
static double *take_pending(solver *s, uint64_t trial_id) {
    for (size_t i = 0; i < s->n_pending; i++) {
        if (s->pending[i].trial_id == trial_id) {
            double *u = s->pending[i].u;
            s->pending[i] = s->pending[--s->n_pending];
            return u;
        }
    }
    return NULL;
}

/** The 1/5th success rule: log sigma moves by (success - 1/5) / sqrt(d + 1). */
static void adapt_sigma(solver *s, bool success) {
    double damping = sqrt((double)s->dim + 1.0);
    s->sigma *= exp(((success ? 1.0 : 0.0) - 0.2) / damping);
    s->sigma = fmin(fmax(s->sigma, es_min_sigma), es_max_sigma);
}

/** (1+1)-ES selection: the child replaces the parent when it is not worse. */
static void es_select(solver *s, double *u, bool evaluated, double value) {
    bool success = evaluated && (!s->has_parent || value <= s->parent_value);
    if (success) {
        memcpy(s->parent, u, s->dim * sizeof *u);
        s->parent_value = value;
    }
    if (s->has_parent) {
        adapt_sigma(s, success);
    }
    s->has_parent = s->has_parent || success;
}

static int solver_tell(void *state, uint64_t trial_id, const double *values, size_t n_values,
                       uint64_t current_step, tb_error *err) {
    (void)current_step;
    (void)err;
    solver *s = state;
    double *u = take_pending(s, trial_id);
    if (!u) {
        fprintf(stderr, "random_solver: TELL for trial %llu, which was not asked here; ignored\n",
                (unsigned long long)trial_id);
        return 0;
    }
    if (s->strategy == STRATEGY_ES) {
        bool evaluated = n_values > 0 && !isnan(values[0]); /* empty values: a failed evaluation */
        es_select(s, u, evaluated, evaluated ? values[0] : 0.0);
    }
    free(u);
    return 0;
}

/* ==== main =============================================================================================== */

int main(int argc, char **argv) {
    strategy chosen = STRATEGY_RANDOM;
    const char *mode = argc > 1 ? argv[1] : "random";
    if (strcmp(mode, "es") == 0) {
        chosen = STRATEGY_ES;
    } else if (strcmp(mode, "random") != 0) {
        fprintf(stderr, "usage: %s [random|es]\n", argv[0]);
        return 64;
    }
    const tb_attr attrs[] = {
        {"library", "tunebench C SDK " TB_PLUGIN_SDK_VERSION},
        {"strategy", chosen == STRATEGY_ES ? "(1+1)-ES, 1/5th success rule" : "random search"},
    };
    const tb_solver_callbacks callbacks = {
        .spec = {
            .name = chosen == STRATEGY_ES ? "c-es" : "c-random",
            .attrs = attrs,
            .n_attrs = sizeof attrs / sizeof attrs[0],
            .capabilities = TB_CAP_UNIFORM_CONTINUOUS | TB_CAP_LOG_UNIFORM_CONTINUOUS | TB_CAP_UNIFORM_DISCRETE |
                            TB_CAP_LOG_UNIFORM_DISCRETE | TB_CAP_CATEGORICAL,
        },
        .create = solver_create,
        .ask = solver_ask,
        .tell = solver_tell,
        .drop = solver_drop,
    };
    return tb_solver_main(&callbacks, &chosen);
}
