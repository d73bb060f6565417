/*
 * hartmann6_problem.c - an example problem plugin: the six-dimensional Hartmann function.
 *
 *     f(x) = -sum_{i=1}^{4} alpha_i exp(-sum_{j=1}^{6} A_ij (x_j - P_ij)^2),   x in [0, 1]^6
 *
 * with alpha, A and P as published by L. C. W. Dixon and G. P. Szego, "The global optimisation problem: an
 * introduction", Towards Global Optimisation 2, North-Holland, 1978 (after J. K. Hartman, Naval Research
 * Logistics Quarterly 20(3), 1973), and as listed by S. Surjanovic and D. Bingham, Virtual Library of
 * Simulation Experiments, https://www.sfu.ca/~ssurjano/hart6.html.
 *
 * The global minimum is -3.32236801141551480... (published as -3.32237); the spec carries it in
 * attrs.optimum, a Tunebench extension (PROTOCOL.md), so that Tunebench can report regret.
 *
 * The computation is the one of Tunebench's Swift Hartmann6 (Sources/TunebenchProblems/Synthetic/
 * Hartmann.swift): P as the published integers divided by 10^4, the same summation order, (A * d) * d, and
 * libm's exp, so that both give the same doubles for the same point (checked on 22,006 points, in and
 * around the cube). The Makefile builds with -ffp-contract=off, so that no compiler fuses a * b + c into one
 * multiply-add, as Swift does not either.
 */
#include <math.h>
#include <stdio.h>

#include "tunebench_plugin.h"

enum { DIM = 6, WELLS = 4 };

/** The weights alpha of the four wells. */
static const double alpha[WELLS] = {1.0, 1.2, 3.0, 3.2};

/** A, row by row. */
static const double a[WELLS * DIM] = {
    10, 3, 17, 3.5, 1.7, 8,
    0.05, 10, 17, 0.1, 8, 14,
    3, 3.5, 1.7, 10, 17, 8,
    17, 8, 0.05, 10, 0.1, 14,
};

/** P as published, row by row; the function uses P / 10^4. */
static const double p_published[WELLS * DIM] = {
    1312, 1696, 5569, 124, 8283, 5886,
    2329, 4135, 8307, 3736, 1004, 9991,
    2348, 1451, 3522, 2883, 3047, 6650,
    4047, 8828, 8732, 5743, 1091, 381,
};

/** f(x), as the Swift Hartmann.value(_:a:p:). */
static double hartmann6(const double *x) {
    double sum = 0.0;
    for (int i = 0; i < WELLS; i++) {
        double inner = 0.0;
        for (int j = 0; j < DIM; j++) {
            double delta = x[j] - p_published[i * DIM + j] / 10000.0;
            inner += a[i * DIM + j] * delta * delta;
        }
        sum += alpha[i] * exp(-inner);
    }
    return -sum;
}

/* ==== Plugin callbacks =================================================================================== */

/**
 * EVALUATE_CALL. The problem has one step and no state, so the SDK's defaults serve for the problem and
 * evaluator instances (no create callbacks) and only this one is needed.
 */
static int evaluate(void *problem, void *evaluator, const double *params, size_t n_params, uint64_t next_step,
                    tb_evaluation *out, tb_error *err) {
    (void)problem;
    (void)evaluator;
    (void)next_step;
    for (size_t j = 0; j < n_params; j++) {
        if (!isfinite(params[j])) { /* null: every parameter of this problem is required */
            return tb_error_set(err, TB_ERROR_UNEVALUABLE_PARAMS, "x%zu is null (inactive)", j + 1);
        }
    }
    out->values[0] = hartmann6(params);
    out->current_step = 1;
    return 0;
}

#define UNIT_PARAM(n) {.name = n, .type = TB_RANGE_CONTINUOUS, .low = 0.0, .high = 1.0, .distribution = TB_UNIFORM}

static const tb_var params[DIM] = {
    UNIT_PARAM("x1"), UNIT_PARAM("x2"), UNIT_PARAM("x3"), UNIT_PARAM("x4"), UNIT_PARAM("x5"), UNIT_PARAM("x6"),
};

static const tb_var values[] = {
    {.name = "value", .type = TB_RANGE_CONTINUOUS, .low = -INFINITY, .high = INFINITY},
};

static const tb_attr attrs[] = {
    {"optimum", "-3.3223680114155148"},
    {"reference", "Dixon & Szego 1978; https://www.sfu.ca/~ssurjano/hart6.html"},
    {"library", "tunebench C SDK " TB_PLUGIN_SDK_VERSION},
};

int main(void) {
    const tb_problem_callbacks callbacks = {
        .spec = {
            .name = "c-hartmann6",
            .attrs = attrs,
            .n_attrs = sizeof attrs / sizeof attrs[0],
            .params = params,
            .n_params = DIM,
            .values = values,
            .n_values = 1,
            .steps = {.n = 1},
        },
        .evaluate = evaluate,
    };
    return tb_problem_main(&callbacks, NULL);
}
