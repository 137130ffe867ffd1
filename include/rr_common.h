/*
 * rr_common.h - status codes and assertions shared by every rrsim module.
 *
 * Fallible library calls return an int: RR_OK (0) on success, one of the
 * negative codes below on failure.  The library never prints and never calls
 * exit(); callers turn a status into a message with rr_strerror() (plus any
 * detail the call wrote into its error buffer) and main.c maps it to an exit
 * code.
 *
 * Assertions are for our own bugs, never for bad input: rr_assert() is
 * compiled out with NDEBUG, rr_assert_always() never is.  Both report file,
 * function, line and the failed condition, then abort.
 */
#ifndef RR_COMMON_H
#define RR_COMMON_H

#include <stddef.h>

enum rr_status {
    RR_OK = 0,
    RR_ENOMEM = -1,    /* an allocation failed */
    RR_EINVAL = -2,    /* a value is outside what the call accepts */
    RR_EPARSE = -3,    /* text could not be read as the expected form */
    RR_ERANGE = -4,    /* a number is outside its allowed range */
    RR_EIO = -5,       /* reading or writing a file failed */
    RR_ENOTFOUND = -6, /* a named item (key, column, file) does not exist */
    RR_EINTR = -7      /* interrupted by a signal */
};

/* rr_strerror - a short English text for a status code; never NULL. */
const char *rr_strerror(int status);

_Noreturn void rr_assert_fail(const char *file, const char *func, int line,
                    const char *cond);

#define rr_assert_always(cond)                                              \
    ((cond) ? (void)0 : rr_assert_fail(__FILE__, __func__, __LINE__, #cond))
#ifdef NDEBUG
#define rr_assert(cond) ((void)0)
#else
#define rr_assert(cond) rr_assert_always(cond)
#endif

#define RR_UNUSED(x) ((void)(x))
#define RR_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

#endif
