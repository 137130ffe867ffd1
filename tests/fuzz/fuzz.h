/*
 * fuzz.h - what the fuzz targets in tests/fuzz/ share.
 *
 * Each target is one file fuzz_NAME.c defining LLVMFuzzerTestOneInput
 * (and LLVMFuzzerInitialize when it needs set-up).  The same file is built
 * twice:
 *
 *   make fuzz    with clang -fsanitize=fuzzer,address,undefined into
 *                build/fuzz/NAME, a libFuzzer program;
 *   make test    with the normal flags into BUILD/fuzz/replay_NAME, linked
 *                with replay.c, which runs the target once on each file it
 *                is given (tests/cli/fuzz_replay.sh replays the seed corpora
 *                and every file in tests/fuzz/crashes/ that way).
 *
 * A target must be deterministic, must not leak, must not run gnuplot and
 * must write nothing outside its private temporary folder (fz_dir).  A
 * finding is a crash, a sanitizer report, a leak, a hang or an allocation
 * beyond the memory limit; a target may also call fz_fail when a property
 * it checks does not hold (for example a scenario.resolved.ini that does
 * not read back).
 *
 * The temporary folder is made under $RRSIM_FUZZ_TMP, else $TMPDIR, else
 * /tmp, and holds copies of the repository's scenario files and tables
 * (scenarios/, tests/fixtures/, tests/bad/, tests/model/), so that the
 * shipped scenarios used as seeds find their bases and tables.  The folder
 * is removed at a normal exit; a crash leaves it behind, which is why
 * `make fuzz` points RRSIM_FUZZ_TMP into build/.
 */
#ifndef RR_FUZZ_H
#define RR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fz_setup - once per process: GSL's error handler off, the temporary
 * folder made and the repository's scenario files and tables copied into
 * it.  Every target calls it first (it does nothing the second time). */
void fz_setup(void);

/* fz_dir - the private temporary folder (no trailing '/'). */
const char *fz_dir(void);

/* fz_path - "DIR/NAME" into buf; returns buf. */
const char *fz_path(const char *name, char *buf, size_t n);

/* fz_write - replace DIR/NAME (NAME may hold one folder level, made when
 * missing) with the bytes given; aborts when it cannot. */
void fz_write(const char *name, const void *data, size_t size);

/* fz_text - a NUL-terminated copy of the input (malloc'd; free it). */
char *fz_text(const uint8_t *data, size_t size);

/* fz_lines - split text in place at '\n' into at most max lines (a final
 * '\r' dropped from each); returns the count. */
size_t fz_lines(char *text, char **line, size_t max);

/* fz_listing - what `rrsim check` prints for a planned scenario, written
 * into memory and dropped (rr_scenario_print run for its faults). */
struct rr_scenario;
void fz_listing(struct rr_scenario *sc);

/* fz_shipped - the path in the folder of the shipped scenario that `pick`
 * names, by its value modulo 4: tests/fixtures/basic.ini,
 * scenarios/nl-baseline.ini, scenarios/mm1.ini,
 * tests/fixtures/variant/variant.ini; into buf, returned. */
const char *fz_shipped(unsigned pick, char *buf, size_t n);

/* fz_check_plan - every number of every epoch of a plan is finite (or
 * +inf where "none" is meant, as an open end) and inside its domain:
 * rates, shares and probabilities, servers, durations, routes summing to 1.
 * A plan that breaks this is a finding, whatever text made it. */
struct rr_plan;
void fz_check_plan(const struct rr_plan *plan);

/* fz_fail - report a broken property and abort, which the fuzzer records as
 * a finding. */
_Noreturn void fz_fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

#endif
