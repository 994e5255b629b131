// SPDX-License-Identifier: GPL-2.0
/*
 * Proposals: IKE proposals from the configuration, ESP proposals from
 * transform sets, and the choice of one transform of each type from a
 * peer's proposal that ours accept (RFC 7296 3.3). Pure functions, unit
 * tested.
 */
#include <stdio.h>
#include <string.h>

#include "algs.h"
#include "proposal.h"

static const char *tr_name(const struct ike_transform *t, char *buf,
			   size_t len)
{
	const struct alg *a = alg_find(t->type, t->id, t->keybits);

	if (t->type == IKE_TT_ESN)
		return t->id ? "Use ESN" : "Don't use ESN";
	if (t->type == IKE_TT_DH && a)
		return dh_show(t->id);
	if (a)
		return a->show;
	snprintf(buf, len, "%s-%u%s%.0u",
		 t->type == IKE_TT_ENCR ? "ENCR" : t->type == IKE_TT_PRF ? "PRF" :
		 t->type == IKE_TT_INTEG ? "INTEG" : t->type == IKE_TT_DH ? "DH" :
		 "TRANS", t->id, t->keybits ? "/" : "", t->keybits);
	return buf;
}

void ike_proposal_str(const struct ike_proposal *p, char *buf, size_t len)
{
	static const uint8_t order[] = {
		IKE_TT_ENCR, IKE_TT_INTEG, IKE_TT_PRF, IKE_TT_DH, IKE_TT_ESN
	};
	size_t off = 0;
	unsigned int i, j;
	char tmp[32];

	buf[0] = 0;
	for (i = 0; i < sizeof(order); i++) {
		for (j = 0; j < p->n; j++) {
			if (p->tr[j].type != order[i])
				continue;
			off += (size_t)snprintf(buf + off, off < len ? len - off : 0,
						" %s", tr_name(&p->tr[j], tmp,
							       sizeof(tmp)));
			if (off >= len)
				return;
		}
	}
}

static void add_tr(struct ike_proposal *p, uint8_t type, uint16_t id,
		   uint16_t bits)
{
	if (p->n >= IKE_MAX_TRANSFORMS)
		return;
	p->tr[p->n].type = type;
	p->tr[p->n].id = id;
	p->tr[p->n].keybits = bits;
	p->tr[p->n].unknown_attr = false;
	p->n++;
}

/* A configured proposal as one IKE proposal of the SA payload. */
void ike_conf_proposal(const struct conf_proposal *cp, uint8_t num,
			     struct ike_proposal *p)
{
	unsigned int i;

	memset(p, 0, sizeof(*p));
	p->num = num;
	p->proto = IKE_PROTO_IKE;
	for (i = 0; i < cp->n_encr; i++)
		add_tr(p, IKE_TT_ENCR, cp->encr[i], cp->encr_bits[i]);
	for (i = 0; i < cp->n_prf; i++)
		add_tr(p, IKE_TT_PRF, cp->prf[i], 0);
	for (i = 0; i < cp->n_integ; i++)
		add_tr(p, IKE_TT_INTEG, cp->integ[i], 0);
	for (i = 0; i < cp->n_group; i++)
		add_tr(p, IKE_TT_DH, cp->group[i], 0);
}

/* Our proposals for the local address LOCAL, in policy order. */
void ike_our_proposals(const struct conf *c, const struct sockaddr_storage *local,
			  struct ike_sa_pl *sa)
{
	const struct conf_policy *pol[CONF_MAX_LIST];
	struct conf_addr la = { .family = AF_INET, .plen = 32 };
	unsigned int np, i, j;

	memcpy(la.a, &((const struct sockaddr_in *)local)->sin_addr, 4);
	memset(sa, 0, sizeof(*sa));
	np = conf_policies_for(c, &la, pol, CONF_MAX_LIST);
	for (i = 0; i < np; i++) {
		for (j = 0; j < pol[i]->n_proposals; j++) {
			const struct conf_proposal *cp =
				conf_proposal(c, pol[i]->proposals[j]);

			if (!cp || sa->n >= IKE_MAX_PROPOSALS)
				continue;
			ike_conf_proposal(cp, (uint8_t)(sa->n + 1),
					 &sa->prop[sa->n]);
			sa->n++;
		}
	}
}

/* The first transform of TYPE in the peer's proposal RP that OURS has. */
static bool pick(const struct ike_proposal *rp, const struct ike_proposal *ours,
		 uint8_t type, struct ike_transform *out)
{
	unsigned int i, j;

	for (i = 0; i < rp->n; i++) {
		if (rp->tr[i].type != type || rp->tr[i].unknown_attr)
			continue;
		for (j = 0; j < ours->n; j++)
			if (ours->tr[j].type == type &&
			    ours->tr[j].id == rp->tr[i].id &&
			    ours->tr[j].keybits == rp->tr[i].keybits) {
				*out = rp->tr[i];
				return true;
			}
	}
	return false;
}

/* One transform of each type from RP acceptable by one of OURS, into
 * CHOSEN (a single-transform-per-type proposal); false when none fits. */
bool ike_select_proposal(const struct ike_proposal *rp, const struct ike_sa_pl *ours,
		       struct ike_proposal *chosen)
{
	struct ike_transform enc, integ = { .type = IKE_TT_INTEG }, prf, dh;
	unsigned int i;

	if (rp->proto != IKE_PROTO_IKE || rp->spi_size)
		return false;
	for (i = 0; i < ours->n; i++) {
		const struct ike_proposal *o = &ours->prop[i];
		const struct alg *a;

		if (!pick(rp, o, IKE_TT_ENCR, &enc))
			continue;
		a = alg_find(IKE_TT_ENCR, enc.id, enc.keybits);
		if (!a)
			continue;
		/* With an AEAD, integrity transforms of the peer's are for
		 * its other ciphers and are left out of the choice. */
		if (!a->aead && !pick(rp, o, IKE_TT_INTEG, &integ)) {
			continue;
		}
		if (!pick(rp, o, IKE_TT_PRF, &prf) || !pick(rp, o, IKE_TT_DH, &dh))
			continue;
		memset(chosen, 0, sizeof(*chosen));
		chosen->num = rp->num;
		chosen->proto = IKE_PROTO_IKE;
		add_tr(chosen, IKE_TT_ENCR, enc.id, enc.keybits);
		add_tr(chosen, IKE_TT_PRF, prf.id, 0);
		if (!a->aead)
			add_tr(chosen, IKE_TT_INTEG, integ.id, 0);
		add_tr(chosen, IKE_TT_DH, dh.id, 0);
		return true;
	}
	return false;
}

void ike_suite_from(const struct ike_proposal *p, struct ike_suite *s)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < p->n; i++) {
		switch (p->tr[i].type) {
		case IKE_TT_ENCR:
			s->encr = p->tr[i].id;
			s->encr_bits = p->tr[i].keybits;
			break;
		case IKE_TT_PRF:
			s->prf = p->tr[i].id;
			break;
		case IKE_TT_INTEG:
			s->integ = p->tr[i].id;
			break;
		case IKE_TT_DH:
			s->dh = p->tr[i].id;
			break;
		}
	}
}

void esp_tset_proposal(const struct conf_transform_set *t, uint8_t num,
			  uint32_t spi, uint16_t pfs, struct ike_proposal *p)
{
	memset(p, 0, sizeof(*p));
	p->num = num;
	p->proto = IKE_PROTO_ESP;
	p->spi_size = 4;
	p->spi[0] = (uint8_t)(spi >> 24);
	p->spi[1] = (uint8_t)(spi >> 16);
	p->spi[2] = (uint8_t)(spi >> 8);
	p->spi[3] = (uint8_t)spi;
	p->tr[p->n++] = (struct ike_transform){ IKE_TT_ENCR, t->encr, t->encr_bits, false };
	if (t->integ)
		p->tr[p->n++] = (struct ike_transform){ IKE_TT_INTEG, t->integ, 0, false };
	if (pfs)
		p->tr[p->n++] = (struct ike_transform){ IKE_TT_DH, pfs, 0, false };
	p->tr[p->n++] = (struct ike_transform){ IKE_TT_ESN, IKE_ESN_NO, 0, false };
}

/* The ESP transforms of RP that transform set T accepts, into CH. */
bool esp_match_tset(const struct ike_proposal *rp,
		    const struct conf_transform_set *t, uint16_t pfs,
		    bool want_dh, struct esp_choice *ch)
{
	bool enc = false, integ = !t->integ, esn = false, dh = !want_dh;
	bool esn_seen = false;
	unsigned int i;

	for (i = 0; i < rp->n; i++) {
		const struct ike_transform *tr = &rp->tr[i];

		if (tr->unknown_attr)
			continue;
		switch (tr->type) {
		case IKE_TT_ENCR:
			if (tr->id == t->encr && tr->keybits == t->encr_bits)
				enc = true;
			break;
		case IKE_TT_INTEG:
			if (t->integ && tr->id == t->integ)
				integ = true;
			break;
		case IKE_TT_ESN:
			esn_seen = true;
			if (!esn) {
				esn = true;
				ch->esn = tr->id == IKE_ESN_YES;
			}
			break;
		case IKE_TT_DH:
			if (want_dh && tr->id == pfs)
				dh = true;
			break;
		}
	}
	if (!esn_seen) {
		esn = true;
		ch->esn = false;
	}
	if (!enc || !integ || !esn || !dh)
		return false;
	ch->encr = t->encr;
	ch->encr_bits = t->encr_bits;
	ch->integ = t->integ;
	return true;
}

