/*
 * test_pool.c - the object pool: alignment, stable pointers across growth,
 * reuse after put, counts, reset, bounded memory, running out of memory.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "rr_pool.h"

struct obj {
    long id;
    double x;
    char tag[20];
};

static int aligned(const void *p)
{
    return (uintptr_t)p % alignof(max_align_t) == 0;
}

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;
    return (x > y) - (x < y);
}

static void test_basic(void)
{
    rr_pool *p = rr_pool_create(sizeof(struct obj), 4);
    struct obj *a, *b;

    CHECK(p != NULL);
    CHECK_EQ(rr_pool_in_use(p), 0);
    CHECK_EQ(rr_pool_capacity(p), 0); /* no chunk before the first get */
    a = rr_pool_get(p);
    b = rr_pool_get(p);
    CHECK(a != NULL && b != NULL && a != b);
    CHECK(aligned(a) && aligned(b));
    CHECK_EQ(rr_pool_in_use(p), 2);
    CHECK_EQ(rr_pool_capacity(p), 4);

    /* put then get hands the same object back, without a new chunk. */
    rr_pool_put(p, a);
    CHECK_EQ(rr_pool_in_use(p), 1);
    CHECK(rr_pool_get(p) == a);
    CHECK_EQ(rr_pool_in_use(p), 2);
    CHECK_EQ(rr_pool_capacity(p), 4);
    rr_pool_destroy(p);
    rr_pool_destroy(NULL);
}

/* Objects survive growth in place, never overlap, and are aligned. */
static void test_growth(void)
{
    enum { N = 1000 };
    static struct obj *o[N];
    static void *sorted[N];
    rr_pool *p = rr_pool_create(sizeof(struct obj), 7);
    size_t bad_align = 0, bad_data = 0, overlap = 0;

    for (long i = 0; i < N; i++) {
        o[i] = rr_pool_get(p);
        if (!o[i] || !aligned(o[i]))
            bad_align++;
        if (o[i]) {
            o[i]->id = i;
            o[i]->x = 0.5 * (double)i;
            snprintf(o[i]->tag, sizeof o[i]->tag, "obj-%d", (int)i);
        }
        /* Everything handed out so far is still where it was. */
        if (i % 97 == 0) {
            for (long j = 0; j <= i; j++)
                bad_data += !o[j] || o[j]->id != j;
        }
    }
    CHECK_EQ(bad_align, 0);
    CHECK_EQ(rr_pool_in_use(p), N);
    CHECK_EQ(rr_pool_capacity(p), (N + 6) / 7 * 7);
    for (long i = 0; i < N; i++) {
        char want[20];
        snprintf(want, sizeof want, "obj-%d", (int)i);
        bad_data += o[i]->id != i || o[i]->x != 0.5 * (double)i ||
                    strcmp(o[i]->tag, want) != 0;
        sorted[i] = o[i];
    }
    CHECK_EQ(bad_data, 0);
    qsort(sorted, N, sizeof sorted[0], cmp_ptr);
    for (size_t i = 1; i < N; i++)
        overlap += (uintptr_t)sorted[i] - (uintptr_t)sorted[i - 1] <
                   sizeof(struct obj);
    CHECK_EQ(overlap, 0);
    rr_pool_destroy(p);
}

/* Put objects come back before any new memory is used. */
static void test_reuse(void)
{
    enum { N = 64 };
    struct obj *o[N], *back[N / 2];
    rr_pool *p = rr_pool_create(sizeof(struct obj), 0);
    size_t cap, missing = 0;

    for (int i = 0; i < N; i++)
        o[i] = rr_pool_get(p);
    cap = rr_pool_capacity(p);
    for (int i = 0; i < N; i += 2)
        rr_pool_put(p, o[i]);
    CHECK_EQ(rr_pool_in_use(p), N / 2);
    for (int i = 0; i < N / 2; i++)
        back[i] = rr_pool_get(p);
    /* Every even object came back, each once. */
    for (int i = 0; i < N; i += 2) {
        int found = 0;
        for (int j = 0; j < N / 2; j++)
            found += back[j] == o[i];
        missing += found != 1;
    }
    CHECK_EQ(missing, 0);
    CHECK_EQ(rr_pool_in_use(p), N);
    CHECK_EQ(rr_pool_capacity(p), cap);
    rr_pool_destroy(p);
}

/* A churn of get/put with a bounded number alive keeps capacity fixed. */
static void test_bounded(void)
{
    enum { LIVE = 300, CYCLES = 2000000 };
    static void *live[LIVE];
    size_t n = 0, cap_warm = 0;
    uint64_t x = 88172645463325252u;
    rr_pool *p = rr_pool_create(48, 32);

    for (long i = 0; i < CYCLES; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if (n < LIVE && (n == 0 || x % 2 == 0)) {
            live[n] = rr_pool_get(p);
            memset(live[n], 0xab, 48);
            n++;
        } else {
            size_t k = (size_t)(x >> 8) % n;
            rr_pool_put(p, live[k]);
            live[k] = live[--n];
        }
        if (i == CYCLES / 10)
            cap_warm = rr_pool_capacity(p);
    }
    CHECK_EQ(rr_pool_in_use(p), n);
    CHECK_EQ(rr_pool_capacity(p), cap_warm);
    CHECK(rr_pool_capacity(p) <= (LIVE + 31) / 32 * 32);
    rr_pool_destroy(p);
}

/* reset takes everything back; the same memory is handed out again. */
static void test_reset(void)
{
    enum { N = 50 };
    void *first[N], *second[N];
    rr_pool *p = rr_pool_create(1, 8);
    size_t cap, mismatch = 0;

    for (int i = 0; i < N; i++)
        first[i] = rr_pool_get(p);
    rr_pool_put(p, first[3]);
    cap = rr_pool_capacity(p);
    CHECK_EQ(cap, 56);
    rr_pool_reset(p);
    CHECK_EQ(rr_pool_in_use(p), 0);
    CHECK_EQ(rr_pool_capacity(p), cap);
    for (int i = 0; i < N; i++)
        second[i] = rr_pool_get(p);
    CHECK_EQ(rr_pool_capacity(p), cap);
    CHECK_EQ(rr_pool_in_use(p), N);
    qsort(first, N, sizeof first[0], cmp_ptr);
    qsort(second, N, sizeof second[0], cmp_ptr);
    for (int i = 0; i < N; i++)
        mismatch += first[i] != second[i];
    CHECK_EQ(mismatch, 0);

    /* Beyond the old capacity the pool grows again. */
    for (int i = N; i < 60; i++)
        CHECK(rr_pool_get(p) != NULL);
    CHECK_EQ(rr_pool_capacity(p), 64);
    CHECK_EQ(rr_pool_in_use(p), 60);
    rr_pool_destroy(p);
}

/* Tiny and large object sizes are rounded for alignment; absurd sizes are
 * refused. */
static void test_sizes(void)
{
    rr_pool *p0 = rr_pool_create(0, 3);
    rr_pool *pbig = rr_pool_create(1000, 2);
    char *a, *b, *c;

    CHECK(p0 != NULL && pbig != NULL);
    a = rr_pool_get(p0);
    b = rr_pool_get(p0);
    CHECK(a && b && a != b && aligned(a) && aligned(b));
    a = rr_pool_get(pbig);
    b = rr_pool_get(pbig);
    c = rr_pool_get(pbig);
    CHECK(aligned(a) && aligned(b) && aligned(c));
    memset(a, 1, 1000);
    memset(b, 2, 1000);
    memset(c, 3, 1000);
    CHECK(a[999] == 1 && b[0] == 2 && c[500] == 3);
    CHECK_EQ(rr_pool_capacity(pbig), 4);
    rr_pool_destroy(p0);
    rr_pool_destroy(pbig);

    CHECK(rr_pool_create(SIZE_MAX, 1) == NULL);
    CHECK(rr_pool_create(SIZE_MAX / 4, 16) == NULL);
}

#if defined(__SANITIZE_ADDRESS__)
#define POOL_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_TEST_ASAN 1
#endif
#endif

#ifndef POOL_TEST_ASAN
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* With little address space, get() until it fails: NULL, nothing handed
 * out twice, the counts right, and objects put back can be had again.
 * Exit 0 when all is well. */
static void oom_child(void)
{
    struct rlimit rl = {128u << 20, 128u << 20};
    rr_pool *p = rr_pool_create(sizeof(struct obj), 4096);
    struct obj *o, *last = NULL;
    size_t n = 0;

    if (!p || setrlimit(RLIMIT_AS, &rl) != 0)
        _exit(4);
    while ((o = rr_pool_get(p)) != NULL) {
        o->id = (long)n++;
        last = o;
    }
    if (n < 4096 || rr_pool_in_use(p) != n || !last)
        _exit(1);
    if (rr_pool_get(p) != NULL) /* still none, and no crash */
        _exit(2);
    rr_pool_put(p, last);
    if (rr_pool_get(p) != last || rr_pool_in_use(p) != n)
        _exit(3);
    rr_pool_destroy(p);
    _exit(0);
}

static void test_out_of_memory(void)
{
    int st = 0;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0)
        oom_child();
    CHECK(pid > 0);
    if (pid <= 0)
        return;
    waitpid(pid, &st, 0);
    CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0,
              "out of address space: get() returns NULL, the pool goes on "
              "(status %d)", st);
}
#endif

int main(void)
{
    test_basic();
    test_growth();
    test_reuse();
    test_bounded();
    test_reset();
    test_sizes();
#ifndef POOL_TEST_ASAN
    test_out_of_memory();
#endif
    return check_summary("test_pool");
}
