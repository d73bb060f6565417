/*
 * tb_table.c - the id -> instance tables of a session.
 *
 * The protocol names every instance by an integer id chosen by the harness (solver_id, problem_id,
 * evaluator_id); several may be alive at once. Sessions hold a handful, so an unsorted array is enough.
 */
#include <stdlib.h>

#include "tb_internal.h"

static size_t tb_table_index(const tb_table *table, uint64_t id) {
    for (size_t i = 0; i < table->len; i++) {
        if (table->entries[i].id == id) {
            return i;
        }
    }
    return table->len;
}

void *tb_table_find(const tb_table *table, uint64_t id) {
    size_t i = tb_table_index(table, id);
    return i < table->len ? table->entries[i].item : NULL;
}

int tb_table_put(tb_table *table, uint64_t id, void *item) {
    if (table->len == table->cap) {
        size_t cap = table->cap ? 2 * table->cap : 4;
        struct tb_table_entry *entries = realloc(table->entries, cap * sizeof *entries);
        if (!entries) {
            return -1;
        }
        table->entries = entries;
        table->cap = cap;
    }
    table->entries[table->len].id = id;
    table->entries[table->len].item = item;
    table->len++;
    return 0;
}

void *tb_table_remove(tb_table *table, uint64_t id) {
    size_t i = tb_table_index(table, id);
    if (i == table->len) {
        return NULL;
    }
    void *item = table->entries[i].item;
    /* Keep insertion order so that tb_table_pop drains the newest first. */
    for (size_t j = i + 1; j < table->len; j++) {
        table->entries[j - 1] = table->entries[j];
    }
    table->len--;
    return item;
}

void *tb_table_pop(tb_table *table) {
    if (table->len == 0) {
        return NULL;
    }
    table->len--;
    return table->entries[table->len].item;
}

void tb_table_free(tb_table *table) {
    free(table->entries);
    table->entries = NULL;
    table->len = table->cap = 0;
}
