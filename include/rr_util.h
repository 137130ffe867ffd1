/*
 * rr_util.h - the small helpers every layer needs: error messages, a
 * string builder, trimming, reading a whole file, did-you-mean.
 *
 * One home for what used to be copied from file to file (a private fail()
 * or set_err() per file, trim, edit_distance and slurp twice or three
 * times, four spellings of the printf attribute).  It sits at the bottom
 * of the layers (sim/engine/util.c) and includes nothing of the domain.
 *
 * Error messages.  Every fallible call of the library takes a caller's
 * buffer `err` of `errlen` bytes (either may be NULL / 0: then nothing is
 * written) and returns a status of rr_common.h.  The setters below write
 * the message and return the status given, so a failure is one line:
 *
 *     return rr_err_at(err, errlen, RR_EPARSE, path, line,
 *                      "column 'share': expected a number, got '%s'", v);
 *
 * A message too long for the buffer ends in "..." (cut on a UTF-8
 * character boundary), so a cut is never mistaken for the whole text.
 * Control characters (a newline, an escape sequence) in a file name are
 * written as \n, \t, \r or \xNN, so a hostile name cannot forge a line of
 * output or drive the terminal.  None of the setters changes errno.
 *
 * System errors name the operation and the file, the way Lua's
 * luaL_fileresult does: "cannot write 'out/x.csv': No space left on
 * device".  rr_err_file() reads errno before it calls anything else;
 * rr_err_sys() takes an errno value saved by the caller.
 *
 * Cost: all of these are linear in the text; rr_edit_distance is
 * O(|a| * |b|) on words of at most RR_EDIT_MAX bytes, and rr_did_you_mean
 * one such comparison per candidate.
 */
#ifndef RR_UTIL_H
#define RR_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "rr_common.h"

/* RR_PRINTF(f, a) - the function's argument f is a printf format whose
 * arguments start at argument a (0 for a va_list); the compiler then
 * checks every call as it checks printf. */
#if defined(__GNUC__) || defined(__clang__)
#define RR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define RR_PRINTF(f, a)
#endif

/* ---- error messages ------------------------------------------------------ */

/* rr_err_set - the formatted message into err; returns status. */
int rr_err_set(char *err, size_t errlen, int status, const char *fmt, ...)
    RR_PRINTF(4, 5);
int rr_err_vset(char *err, size_t errlen, int status, const char *fmt,
                va_list ap) RR_PRINTF(4, 0);

/* rr_err_at - "FILE:LINE: message" into err; returns status.  Without a
 * line (line <= 0) "FILE: message"; without a file (NULL) the message
 * alone. */
int rr_err_at(char *err, size_t errlen, int status, const char *file,
              long line, const char *fmt, ...) RR_PRINTF(6, 7);
int rr_err_vat(char *err, size_t errlen, int status, const char *file,
               long line, const char *fmt, va_list ap) RR_PRINTF(6, 0);

/* rr_err_sys - "cannot VERB 'PATH': REASON" into err, REASON being
 * strerror(errnum) (an errnum of 0 reads as EIO: a failed stdio call does
 * not always set errno).  With `to` (may be NULL) the operation has two
 * paths: "cannot rename 'A' to 'B': REASON".  Returns RR_ENOMEM when
 * errnum is ENOMEM, else RR_EIO. */
int rr_err_sys(char *err, size_t errlen, int errnum, const char *verb,
               const char *path, const char *to);

/* rr_err_file - rr_err_sys with the errno of the call that just failed
 * (read before anything else can change it). */
int rr_err_file(char *err, size_t errlen, const char *verb, const char *path);

/* rr_status_of_errno - RR_ENOMEM, RR_ENOTFOUND (ENOENT, ENOTDIR),
 * RR_EINTR or RR_EIO. */
int rr_status_of_errno(int errnum);

/* ---- string builder ------------------------------------------------------ */

/* A growing NUL-terminated text.  Start it zeroed (rr_sb b = RR_SB_INIT;
 * or memset) and release it with rr_sb_fini or rr_sb_take.  The first
 * failure (out of memory, a size that overflows, a format error) is
 * latched in `status`: later additions do nothing, and rr_sb_take returns
 * NULL, so a caller checks once at the end.  Growth doubles the capacity
 * (amortised O(1) per byte). */
typedef struct rr_sb {
    char *p;      /* the text; NULL until something is added */
    size_t n;     /* its length, without the NUL */
    size_t cap;   /* bytes allocated */
    int status;   /* RR_OK, or the first failure */
} rr_sb;

#define RR_SB_INIT {NULL, 0, 0, RR_OK}

void rr_sb_addn(rr_sb *b, const char *s, size_t n);
void rr_sb_add(rr_sb *b, const char *s);
void rr_sb_addc(rr_sb *b, char c);
void rr_sb_addf(rr_sb *b, const char *fmt, ...) RR_PRINTF(2, 3);
void rr_sb_vaddf(rr_sb *b, const char *fmt, va_list ap) RR_PRINTF(2, 0);

/* rr_sb_add_escaped - s[0..n) with control characters (below 0x20, and
 * DEL) written as \n, \t, \r or \xNN; other bytes, UTF-8 included, as they
 * are.  For text from outside on one line of a message. */
void rr_sb_add_escaped(rr_sb *b, const char *s, size_t n);

/* rr_sb_str - the text so far ("" when empty); valid until the next
 * addition. */
const char *rr_sb_str(const rr_sb *b);

/* rr_sb_take - the text, which the caller frees ("" allocated when
 * nothing was added), and its length into *len (may be NULL); NULL after a
 * latched failure.  Either way b is left empty and ready for reuse. */
char *rr_sb_take(rr_sb *b, size_t *len);

/* rr_sb_reset - empty the text, keep the memory, clear the status. */
void rr_sb_reset(rr_sb *b);

/* rr_sb_fini - free the text; b is left empty.  NULL is a no-op. */
void rr_sb_fini(rr_sb *b);

/* ---- trimming ------------------------------------------------------------ */

/* The blanks trimmed are " \t\n\v\f\r" (isspace in the C locale, whatever
 * the locale is). */

/* rr_trim - s without its leading and trailing blanks: the trailing ones
 * are cut by writing a NUL, the return value points past the leading
 * ones. */
char *rr_trim(char *s);

/* rr_trim_span - the blank-free middle of s[0..*n): returns its start and
 * sets *n to its length.  s need not be NUL-terminated; nothing is
 * written. */
const char *rr_trim_span(const char *s, size_t *n);

/* ---- reading a whole file ------------------------------------------------ */

/* rr_slurp - the whole of the regular file `path`, at most `limit` bytes,
 * into *text (NUL-terminated, the caller frees it) and its length into
 * *len (the text may hold NUL bytes of its own).
 *
 * A path from a scenario may name anything, so the file is checked before
 * and after it is opened: stat() first, so that a device, FIFO, socket or
 * directory is refused without being opened (opening some devices acts);
 * then open with O_NONBLOCK (a FIFO put in its place cannot block the
 * open), O_NOCTTY and O_CLOEXEC; fstat() of the descriptor must again show
 * a regular file; O_NONBLOCK is cleared and the file read to the limit.  A
 * file that is (or grows) larger than limit is refused without reading
 * more than limit + 1 bytes, so /proc files and files that grow cannot
 * exhaust memory.
 *
 * Returns RR_OK; RR_ENOTFOUND (no such file), RR_EINVAL (not a regular
 * file), RR_ERANGE (larger than limit), RR_ENOMEM or RR_EIO, with the
 * message in err: "cannot open 'PATH': No such file or directory",
 * "cannot read 'PATH': a FIFO, not a regular file", "cannot read 'PATH':
 * larger than 64 MiB".  On failure *text is NULL and *len 0. */
int rr_slurp(const char *path, size_t limit, char **text, size_t *len,
             char *err, size_t errlen);

/* ---- did you mean -------------------------------------------------------- */

/* Words longer than this are not compared (rr_edit_distance returns
 * SIZE_MAX): no one misspells a 129-byte key, and it bounds the cost on
 * hostile input. */
#define RR_EDIT_MAX 128

/* rr_edit_distance - the optimal string alignment distance between a[0..na)
 * and b[0..nb): insertions, deletions, substitutions and swaps of two
 * neighbours, each 1; bytes compared as ASCII case-insensitive with
 * nocase.  SIZE_MAX when either is longer than RR_EDIT_MAX. */
size_t rr_edit_distance(const char *a, size_t na, const char *b, size_t nb,
                        bool nocase);

enum {
    RR_DYM_NOCASE = 1, /* compare ignoring ASCII case */
    RR_DYM_PREFIX = 2  /* a word of 3 or more bytes that begins a
                          candidate names it (checked before distance) */
};

/* Pass as max to rr_did_you_mean for the usual threshold. */
#define RR_DYM_AUTO ((size_t)-1)

/* rr_did_you_mean_limit - the usual threshold for a word of len bytes:
 * 1 up to 4 bytes, 2 up to 8, a third of the word beyond. */
size_t rr_did_you_mean_limit(size_t len);

/* rr_did_you_mean - the candidate word[0..len) most likely meant, or NULL:
 * the nearest within max edits (RR_DYM_AUTO: rr_did_you_mean_limit(len));
 * on a tie the earlier candidate.  A candidate equal to the word byte for
 * byte is never suggested (a case-only difference is, with
 * RR_DYM_NOCASE).  With RR_DYM_PREFIX, the first candidate (in order) that
 * the word begins is returned at once.  NULL entries of cand are skipped;
 * an empty word gets no suggestion (every one-letter candidate would be
 * one edit away). */
const char *rr_did_you_mean(const char *word, size_t len,
                            const char *const *cand, size_t n, size_t max,
                            unsigned flags);

#endif
