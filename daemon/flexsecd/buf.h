/* SPDX-License-Identifier: GPL-2.0 */
/* A growable byte buffer for building IKE messages. */
#ifndef FLEXSECD_BUF_H
#define FLEXSECD_BUF_H

#include <stddef.h>
#include <stdint.h>

struct buf {
	uint8_t *p;
	size_t len;
	size_t cap;
	int err;	/* sticky: set when an allocation failed */
};

void buf_init(struct buf *b);
/* Frees the memory after wiping it (the buffer may have held keys). */
void buf_free(struct buf *b);
/* Room for N more bytes, returned for the caller to fill; NULL (and err)
 * when out of memory. The length grows by N. */
uint8_t *buf_add(struct buf *b, size_t n);
int buf_put(struct buf *b, const void *data, size_t n);
int buf_put8(struct buf *b, uint8_t v);
int buf_put16(struct buf *b, uint16_t v);	/* network order */
int buf_put32(struct buf *b, uint32_t v);
int buf_put64(struct buf *b, uint64_t v);
void buf_set16(struct buf *b, size_t off, uint16_t v);
void buf_set32(struct buf *b, size_t off, uint32_t v);

/* Reading helpers: network order, no bounds checks (callers check). */
static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

#endif /* FLEXSECD_BUF_H */
