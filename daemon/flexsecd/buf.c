// SPDX-License-Identifier: GPL-2.0
/* A growable byte buffer for building IKE messages. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define BUF_MIN_CAP	256

void buf_init(struct buf *b)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->err = 0;
}

void buf_free(struct buf *b)
{
	if (b->p) {
		explicit_bzero(b->p, b->cap);
		free(b->p);
	}
	buf_init(b);
}

/*
 * Grows the buffer to hold at least NEED bytes. The old memory is copied
 * and wiped by hand rather than realloc'd so that no stale copy of what
 * it held is left on the heap.
 */
static int buf_grow(struct buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : BUF_MIN_CAP;
	uint8_t *p;

	while (cap < need) {
		if (cap > SIZE_MAX / 2) {
			cap = need;
			break;
		}
		cap *= 2;
	}
	p = malloc(cap);
	if (!p)
		return -1;
	if (b->p) {
		memcpy(p, b->p, b->len);
		explicit_bzero(b->p, b->cap);
		free(b->p);
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

uint8_t *buf_add(struct buf *b, size_t n)
{
	uint8_t *p;

	if (b->err)
		return NULL;
	if (n > SIZE_MAX - b->len) {
		b->err = ENOMEM;
		return NULL;
	}
	/* an empty buffer gets memory even for N == 0: never NULL on success */
	if ((!b->p || b->len + n > b->cap) && buf_grow(b, b->len + n) < 0) {
		b->err = ENOMEM;
		return NULL;
	}
	p = b->p + b->len;
	b->len += n;
	return p;
}

int buf_put(struct buf *b, const void *data, size_t n)
{
	uint8_t *p = buf_add(b, n);

	if (!p)
		return -1;
	if (n)
		memcpy(p, data, n);
	return 0;
}

int buf_put8(struct buf *b, uint8_t v)
{
	return buf_put(b, &v, 1);
}

int buf_put16(struct buf *b, uint16_t v)
{
	uint8_t d[2] = { v >> 8, v };

	return buf_put(b, d, sizeof(d));
}

int buf_put32(struct buf *b, uint32_t v)
{
	uint8_t d[4] = { v >> 24, v >> 16, v >> 8, v };

	return buf_put(b, d, sizeof(d));
}

int buf_put64(struct buf *b, uint64_t v)
{
	if (buf_put32(b, (uint32_t)(v >> 32)) < 0)
		return -1;
	return buf_put32(b, (uint32_t)v);
}

void buf_set16(struct buf *b, size_t off, uint16_t v)
{
	if (b->err || off > b->len || b->len - off < 2)
		return;
	b->p[off] = v >> 8;
	b->p[off + 1] = v;
}

void buf_set32(struct buf *b, size_t off, uint32_t v)
{
	if (b->err || off > b->len || b->len - off < 4)
		return;
	b->p[off] = v >> 24;
	b->p[off + 1] = v >> 16;
	b->p[off + 2] = v >> 8;
	b->p[off + 3] = v;
}
