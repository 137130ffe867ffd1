/*
 * common.c - status texts and the assertion report shared by every module.
 *
 * This is the one place in the library that writes to stderr: a failed
 * assertion is our own bug, not a condition the caller can handle, so it is
 * reported with file, line, function and condition, and the process aborts
 * (leaving a core file or a sanitizer trace behind).
 */
#include <stdio.h>
#include <stdlib.h>

#include "rr_common.h"

/* rr_strerror - a short English text for a status code; never NULL. */
const char *rr_strerror(int status)
{
    switch (status) {
    case RR_OK:
        return "success";
    case RR_ENOMEM:
        return "out of memory";
    case RR_EINVAL:
        return "invalid value";
    case RR_EPARSE:
        return "cannot parse";
    case RR_ERANGE:
        return "value out of range";
    case RR_EIO:
        return "input/output error";
    case RR_ENOTFOUND:
        return "not found";
    case RR_EINTR:
        return "interrupted";
    default:
        return "unknown error";
    }
}

/* rr_assert_fail - report a failed assertion and abort. */
_Noreturn void rr_assert_fail(const char *file, const char *func, int line,
                    const char *cond)
{
    fflush(stdout);
    fprintf(stderr, "rrsim: internal error: %s:%d: %s: assertion '%s' failed\n",
            file, line, func, cond);
    fflush(stderr);
    abort();
}
