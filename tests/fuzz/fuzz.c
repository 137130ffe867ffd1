/*
 * fuzz.c - the fuzz targets' private temporary folder and small helpers
 * (fuzz.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "fuzz.h"
#include "rr_output.h"

#ifndef RR_FUZZ_SRC
#define RR_FUZZ_SRC "."
#endif

static char dir[512];

_Noreturn void fz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

static void remove_dir(void)
{
    if (dir[0])
        rr_remove_tree(dir);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* copy_files - the .ini and .csv files of SRC/from into DIR/to (a file
 * already there is kept: the first copy of a name wins). */
static void copy_files(const char *from, const char *to)
{
    char src[1024];
    snprintf(src, sizeof src, "%s/%s", RR_FUZZ_SRC, from);
    DIR *d = opendir(src);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char path[2048], name[512], tpath[2048];
        struct stat st;
        if (!ends_with(e->d_name, ".ini") && !ends_with(e->d_name, ".csv"))
            continue;
        snprintf(path, sizeof path, "%s/%s", src, e->d_name);
        snprintf(name, sizeof name, "%s%s%s", to, *to ? "/" : "", e->d_name);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
            st.st_size > (1 << 20) ||
            access(fz_path(name, tpath, sizeof tpath), F_OK) == 0)
            continue;
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        char *buf = malloc((size_t)st.st_size + 1);
        size_t got = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
        fclose(f);
        if (buf)
            fz_write(name, buf, got);
        free(buf);
    }
    closedir(d);
}

void fz_setup(void)
{
    if (dir[0])
        return;
    gsl_set_error_handler_off();
    const char *base = getenv("RRSIM_FUZZ_TMP");
    if (!base || !*base)
        base = getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    snprintf(dir, sizeof dir, "%s/rrsim-fuzz-XXXXXX", base);
    if (!mkdtemp(dir))
        fz_fail("cannot make a folder in '%s': %s", base, strerror(errno));
    atexit(remove_dir);
    copy_files("scenarios", "");
    copy_files("scenarios/data", "data");
    copy_files("tests/fixtures", "");
    copy_files("tests/fixtures/variant", "variant");
    copy_files("tests/bad", "");
    copy_files("tests/bad/base", "base");
    copy_files("tests/model", "");
}

const char *fz_dir(void)
{
    return dir;
}

const char *fz_path(const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", dir, name);
    return buf;
}

void fz_write(const char *name, const void *data, size_t size)
{
    char path[2048];
    const char *slash = strchr(name, '/');
    if (slash) {
        char sub[2048];
        snprintf(sub, sizeof sub, "%s/%.*s", dir, (int)(slash - name), name);
        if (mkdir(sub, 0700) != 0 && errno != EEXIST)
            fz_fail("cannot make '%s': %s", sub, strerror(errno));
    }
    fz_path(name, path, sizeof path);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        fz_fail("cannot write '%s': %s", path, strerror(errno));
}

char *fz_text(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        fz_fail("out of memory");
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

size_t fz_lines(char *text, char **line, size_t max)
{
    size_t n = 0;
    char *p = text;
    while (*p && n < max) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        size_t len = strlen(p);
        if (len && p[len - 1] == '\r')
            p[len - 1] = '\0';
        line[n++] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    return n;
}
