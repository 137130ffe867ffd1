/*
 * rr_sobol.h - variance-based sensitivity: Saltelli sampling and the
 * first-order and total Sobol indices, with bootstrap intervals.
 *
 * A model y = f(x1..xk) of k independent inputs.  The first-order index
 * S1_i is the share of Var(y) that x_i explains alone, V(E[y|x_i]) / V(y);
 * the total index ST_i the share that x_i has a hand in, alone or with
 * others, E(V[y|x_~i]) / V(y).  ST_i >= S1_i; ST_i - S1_i is what x_i does
 * through interactions; sum S1 = 1 for an additive model.
 *
 * Saltelli's design (Saltelli et al. 2010, "Variance based sensitivity
 * analysis of model output", Comput. Phys. Commun. 181:259-270): from N
 * base points in [0,1)^2k, A being the first k coordinates of each and B
 * the last k, the model is evaluated at A, at B and at k matrices AB_i,
 * which are A with column i taken from B: N(k + 2) evaluations.  Row j of
 * the evaluations is laid out as
 *     A_j, AB_1j, ..., AB_kj, B_j          (k + 2 values)
 * and y, the model's values, follow that order (rr_saltelli_points).
 *
 * The estimators, with f0 the mean and V the variance (divisor 2N) of
 * f(A) and f(B) together:
 *     S1_i = mean_j f(B)_j (f(AB_i)_j - f(A)_j) / V     (Saltelli 2010)
 *     ST_i = mean_j (f(A)_j - f(AB_i)_j)^2 / (2 V)      (Jansen 1999)
 * The first is computed on y - f0, which leaves its expectation unchanged
 * (E f(AB_i) = E f(A)) and its variance much smaller when the mean of y
 * is large beside its spread (a caseload of thousands varying by tens).
 *
 * The 95% intervals are bootstrap percentile intervals: the N rows are
 * resampled with replacement n_boot times (the same rows for every input,
 * so the intervals of different inputs are of one resample), from a GSL
 * generator seeded with `seed`: the same inputs and seed give the same
 * intervals.  With a quasi-random base (Sobol) the bootstrap, which treats
 * rows as independent, is conservative.
 *
 * Pure computation: no I/O, no globals; safe from several threads.
 */
#ifndef RR_SOBOL_H
#define RR_SOBOL_H

#include <stddef.h>
#include <stdint.h>

#define RR_SOBOL_DEFAULT_BOOT 1000

/* What the indices of an output came to. */
typedef enum rr_sobol_state {
    RR_SOBOL_OK,        /* estimated */
    RR_SOBOL_CONSTANT,  /* V = 0: the output never varied, so no input
                           explains anything: every index 0, interval
                           [0, 0] */
    RR_SOBOL_MISSING    /* some value was not finite (a share of nothing):
                           no index; every field NAN */
} rr_sobol_state;

typedef struct rr_sobol_index {
    double s1, s1_lo, s1_hi;   /* first order and its 95% interval */
    double st, st_lo, st_hi;   /* total and its 95% interval */
    size_t rank;               /* 1 = largest ST; ties by input order */
} rr_sobol_index;

typedef struct rr_sobol_result {
    rr_sobol_state state;
    size_t n;                  /* base points N */
    size_t k;                  /* inputs */
    double mean, var;          /* f0 and V of f(A), f(B) */
    rr_sobol_index *ind;       /* k entries, caller's array */
} rr_sobol_result;

/* rr_saltelli_rows - evaluations per base point: k + 2. */
size_t rr_saltelli_rows(size_t k);

/* rr_saltelli_points - the N(k + 2) evaluation points of N base points
 * base[j * 2k + c] (c < k: A, else B), in [0,1)^k, row-major into out
 * (N (k + 2) k values), in the order above. */
void rr_saltelli_points(const double *base, size_t n, size_t k, double *out);

/* rr_sobol_indices - the indices of the N (k + 2) values y (laid out as
 * above) for k inputs, with n_boot bootstrap resamples (0: no intervals,
 * every bound NAN) from seed.  res->ind must hold k entries; the other
 * fields are filled.  RR_OK, RR_EINVAL (n < 2 or k = 0), RR_ENOMEM.  A
 * constant or non-finite output is not a failure: see res->state. */
int rr_sobol_indices(const double *y, size_t n, size_t k, size_t n_boot,
                     uint64_t seed, rr_sobol_result *res);

#endif
