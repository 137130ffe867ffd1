/*
 * rr_shard.h - a shard folder: the results of a slice of a run's work
 * items (rrsim COMMAND --shard I/N), to be merged with the other shards
 * into the results folder of the whole run (rrsim merge).
 *
 * A shard folder holds two files (rrsim-results(5), "SHARD FOLDERS"):
 *
 *   shard.txt  what the items are of, one "key value" line each:
 *                rrsim-shard 1            the format
 *                version 0.2.0            of rrsim
 *                command sweep            and the command's arguments
 *                arg --vary               that decide the results, one a
 *                arg iom_share=0.6,0.8    line, %XX-escaped
 *                arg scenarios/nl-baseline.ini
 *                hash 9f0c...             of the resolved plans
 *                seed 42
 *                points 2                 design points (plans)
 *                replications 30
 *                shard 1/4                this one of how many
 *                items 60                 of the whole run
 *                first 0                  the items here: [first,
 *                count 15                 first + count)
 *                data 123456 1f2e...      items.bin's size and FNV-1a 64
 *   items.bin  count records: item number (uint64), length (uint64), the
 *              item's result in rr_item_encode's format.
 *
 * Reading a shard folder is reading data from anyone: every line, number,
 * size and count is checked, the files must be regular files (not links),
 * and any fault is RR_EPARSE with "FILE: what is wrong".
 */
#ifndef RR_SHARD_H
#define RR_SHARD_H

#include <stdint.h>
#include <stdio.h>

#include "rr_experiment.h"
#include "rr_scenario.h"

#define RR_SHARD_MAX_ARGS 512
#define RR_SHARD_MAX_ARG 4096
#define RR_SHARD_MAX_ITEM (1u << 30) /* bytes of one item's result */

typedef struct rr_shard_head {
    char version[32];
    char command[32];
    int argc;
    char *argv[RR_SHARD_MAX_ARGS]; /* owned */
    uint64_t hash, seed, points, reps;
    uint64_t index, count;         /* shard index + 1 of count */
    uint64_t items, first, n;      /* [first, first + n) of items */
    uint64_t data_size, data_hash;
} rr_shard_head;

/* rr_shard_hash - of the n plans with reps replications each: what a
 * merge checks its scenarios by. */
uint64_t rr_shard_hash(const rr_plan *const *plans, size_t n, uint64_t reps);

/* rr_shard_hash_chain - the hash h of a run's earlier calls of
 * rr_run_many followed by one of hash next (a command that runs its
 * design points in batches: sensitivity). */
uint64_t rr_shard_hash_chain(uint64_t h, uint64_t next);

/* Writing a shard whose items come in several calls: rr_shard_begin
 * creates dir/items.bin; rr_shard_add appends the items [first, first +
 * n) of the run from res, which holds the run's items from base on (reps
 * replications a plan, point-major); rr_shard_end closes it, fills
 * h->data_size and h->data_hash and writes dir/shard.txt from h;
 * rr_shard_abandon closes it after a failure (the caller removes the
 * folder).  RR_OK, or RR_EIO / RR_ENOMEM with a message. */
typedef struct rr_shard_writer {
    FILE *f;
    char path[4200];
    uint64_t hash, size;
} rr_shard_writer;

int rr_shard_begin(rr_shard_writer *w, const char *dir, char *err,
                   size_t errlen);
int rr_shard_add(rr_shard_writer *w, const rr_run_result *res, uint64_t reps,
                 uint64_t base, uint64_t first, uint64_t n, char *err,
                 size_t errlen);
int rr_shard_end(rr_shard_writer *w, const char *dir, rr_shard_head *h,
                 char *err, size_t errlen);
void rr_shard_abandon(rr_shard_writer *w);

/* rr_shard_write - shard.txt and items.bin into the folder dir: the items
 * [h->first, h->first + h->n) of res (h->points plans of h->reps
 * replications); fills h->data_size and h->data_hash.  RR_OK, or RR_EIO /
 * RR_ENOMEM with a message. */
int rr_shard_write(const char *dir, rr_shard_head *h,
                   const rr_run_result *res, char *err, size_t errlen);

/* rr_shard_read_head - shard.txt of dir into h (its arguments owned:
 * rr_shard_head_fini), checked in itself (the range within the items, the
 * numbers' ranges) and items.bin's size against it.  RR_EPARSE with
 * "PATH: ..." in err; RR_EIO when a file cannot be read. */
int rr_shard_read_head(const char *dir, rr_shard_head *h, char *err,
                       size_t errlen);
void rr_shard_head_fini(rr_shard_head *h);

/* Reading items.bin, record by record. */
typedef struct rr_shard_items {
    FILE *f;
    char path[4096];
    const rr_shard_head *h;
    uint64_t read, hash;
    void *buf;
    size_t cap;
} rr_shard_items;

int rr_shard_items_open(rr_shard_items *r, const char *dir,
                        const rr_shard_head *h, char *err, size_t errlen);
/* rr_shard_items_next - the next record: its item and bytes (valid until
 * the next call).  RR_OK; RR_ENOTFOUND after the last (the file's hash
 * checked then); RR_EPARSE with "PATH: ..." for anything wrong. */
int rr_shard_items_next(rr_shard_items *r, uint64_t *item, const void **buf,
                        size_t *len, char *err, size_t errlen);
void rr_shard_items_close(rr_shard_items *r);

#endif
