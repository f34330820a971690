/* Per-request memory: many small allocations freed together in one call. */
#ifndef ISHC_ARENA_H
#define ISHC_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
	ArenaBlock *head;   /* newest block first */
	size_t used;        /* bytes handed out, for the size cap */
	size_t cap;         /* 0 = no cap; past it, allocations fail (return NULL) */
} Arena;

/* Initialise an empty arena; cap of 0 means unlimited. No memory is taken until first use. */
void arena_init(Arena *a, size_t cap);

/* Returns n bytes aligned for any type, zeroed, valid until arena_free(). NULL when the cap is
 * reached or memory runs out; callers treat NULL as "too large" (413) or fatal. */
void *arena_alloc(Arena *a, size_t n);

/* Copies n bytes of s and a terminating NUL into the arena. NULL as arena_alloc. */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);

/* printf into the arena. NULL as arena_alloc. */
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Frees every block; the arena is empty and reusable afterwards. */
void arena_free(Arena *a);

#endif
