/* Answers kept between requests (see memo.h): a table of flat answers under one lock, found by
 * the key's hash in a set of a few slots (the oldest in the set makes room). */
#include "core/memo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { MEMO_WAYS = 4, MEMO_SETS = 1024, MEMO_SLOTS = MEMO_WAYS * MEMO_SETS };

typedef struct Slot {
	char key[MEMO_KEY_MAX];
	MemoVersion version;
	void *value;
	size_t size;
} Slot;

static Slot slots[MEMO_SLOTS];
static unsigned char next_way[MEMO_SETS];
static size_t kept_bytes; /* the sizes of every value kept */
static size_t hand;       /* the next slot emptied when kept_bytes is over MEMO_BYTES_MAX */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

MemoVersion memo_version(Db *db)
{
	MemoVersion v = {.id = -1};
	Stmt *st = db_stmt(db, "memo_version",
			   "SELECT (SELECT COALESCE(MAX(id), 0) FROM audit_log), "
			   "(SELECT value FROM settings WHERE key = 'instance')");
	if (st && db_step(st) == DB_ROW && !db_col_is_null(st, 1)) {
		const char *in = db_col_text(st, 1);
		if (strlen(in) < sizeof v.instance) {
			strcpy(v.instance, in);
			v.id = db_col_int(st, 0);
		}
	}
	if (st)
		db_reset(st);
	return v;
}

int memo_version_same(const MemoVersion *a, const MemoVersion *b)
{
	return a->id >= 0 && a->id == b->id && strcmp(a->instance, b->instance) == 0;
}

/* FNV-1a. */
static size_t set_of(const char *key)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h % MEMO_SETS;
}

static Slot *find(size_t set, const char *key)
{
	for (size_t i = set * MEMO_WAYS; i < (set + 1) * MEMO_WAYS; i++)
		if (slots[i].value && strcmp(slots[i].key, key) == 0)
			return &slots[i];
	return NULL;
}

void *memo_get_copy(const char *key, const MemoVersion *version, size_t *size)
{
	if (version->id < 0 || strlen(key) >= MEMO_KEY_MAX)
		return NULL;
	void *copy = NULL;
	size_t set = set_of(key);
	pthread_mutex_lock(&lock);
	Slot *s = find(set, key);
	if (s && memo_version_same(&s->version, version) && (copy = malloc(s->size ? s->size : 1))) {
		memcpy(copy, s->value, s->size);
		*size = s->size;
	}
	pthread_mutex_unlock(&lock);
	return copy;
}

/* Empties a slot (under the lock); its value is freed by the caller (outside the lock). */
static void *empty(Slot *s)
{
	void *v = s->value;
	if (v)
		kept_bytes -= s->size;
	s->value = NULL;
	s->size = 0;
	return v;
}

int memo_get(const char *key, const MemoVersion *version, void *out, size_t size)
{
	if (version->id < 0 || strlen(key) >= MEMO_KEY_MAX)
		return 0;
	int hit = 0;
	size_t set = set_of(key);
	pthread_mutex_lock(&lock);
	Slot *s = find(set, key);
	if (s && memo_version_same(&s->version, version) && s->size == size) {
		memcpy(out, s->value, size);
		hit = 1;
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

void memo_put(const char *key, const MemoVersion *version, const void *value, size_t size)
{
	if (version->id < 0 || strlen(key) >= MEMO_KEY_MAX || size > MEMO_VALUE_MAX)
		return;
	void *copy = malloc(size ? size : 1);
	if (!copy)
		return; /* nothing kept: the next request counts again */
	memcpy(copy, value, size);
	size_t set = set_of(key);
	void *gone[MEMO_SLOTS / 64 + 2];
	size_t ngone = 0;
	pthread_mutex_lock(&lock);
	Slot *s = find(set, key);
	if (!s) {
		s = &slots[set * MEMO_WAYS + next_way[set]];
		next_way[set] = (unsigned char)((next_way[set] + 1) % MEMO_WAYS);
	}
	gone[ngone++] = empty(s);
	/* Room within the bytes allowed: the oldest kept go first, a few at a time. */
	for (size_t looked = 0; kept_bytes + size > MEMO_BYTES_MAX && looked < MEMO_SLOTS && ngone < sizeof gone / sizeof *gone;
	     looked++) {
		Slot *o = &slots[hand];
		hand = (hand + 1) % MEMO_SLOTS;
		if (o != s && o->value)
			gone[ngone++] = empty(o);
	}
	if (kept_bytes + size > MEMO_BYTES_MAX) {
		pthread_mutex_unlock(&lock);
		free(copy);
	} else {
		strcpy(s->key, key);
		s->version = *version;
		s->value = copy;
		s->size = size;
		kept_bytes += size;
		pthread_mutex_unlock(&lock);
	}
	for (size_t i = 0; i < ngone; i++)
		free(gone[i]);
}

void memo_clear(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < MEMO_SLOTS; i++)
		free(empty(&slots[i]));
	memset(next_way, 0, sizeof next_way);
	hand = 0;
	pthread_mutex_unlock(&lock);
}
