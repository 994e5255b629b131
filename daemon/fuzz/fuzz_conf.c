// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: flexsec.conf. Any input is parsed; what parses is
 * shown, every kind in text and in JSON, and matched against a few
 * identities and addresses. Messages go to /dev/null.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "conf_show.h"
#include "ike_proto.h"

static FILE *null_file(void)
{
	static FILE *f;

	if (!f)
		f = fopen("/dev/null", "w");
	return f;
}

static void show_all(FILE *out, const struct conf *c)
{
	int json;

	for (json = 0; json < 2; json++) {
		conf_show_ikev2_proposal(out, c, NULL, json);
		conf_show_ikev2_policy(out, c, NULL, json);
		conf_show_ikev2_profile(out, c, NULL, json);
		conf_show_ipsec_transform_set(out, c, NULL, json);
		conf_show_ipsec_profile(out, c, NULL, json);
		conf_show_ikev2_proposal(out, c, "default", json);
		conf_show_ipsec_profile(out, c, "no-such-profile", json);
	}
}

static void match_all(const struct conf *c)
{
	static const uint8_t v4[] = { 192, 0, 2, 1 };
	static const char fqdn[] = "r1.example.com";
	const struct conf_profile *pf[8];
	const struct conf_policy *po[8];
	struct conf_id remote, local;
	unsigned int i;
	char buf[300];

	conf_id_from_payload(IKE_ID_FQDN, (const uint8_t *)fqdn,
			     sizeof(fqdn) - 1, &remote);
	conf_id_from_payload(IKE_ID_IPV4_ADDR, v4, sizeof(v4), &local);
	conf_profiles_matching(c, &remote, &local, pf, 8);
	conf_profiles_matching(c, &local, NULL, pf, 8);
	conf_policies_for(c, &local.addr, po, 8);
	for (i = 0; i < c->n_keyrings; i++) {
		conf_keyring_lookup(&c->keyrings[i], &local.addr, &remote);
		conf_keyring_lookup(&c->keyrings[i], NULL, &local);
	}
	for (i = 0; i < c->n_tunnels; i++) {
		conf_addr_str(&c->tunnels[i].ip, buf, sizeof(buf));
		conf_tunnel_same(c, &c->tunnels[i], c);
	}
	for (i = 0; i < c->n_profiles; i++)
		conf_id_str(&c->profiles[i].identity_local, buf, sizeof(buf));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *out = null_file();
	struct conf *c;

	c = conf_parse_string((const char *)data, size, "fuzz.conf", out);
	if (!c)
		return 0;
	show_all(out, c);
	match_all(c);
	conf_free(c);
	return 0;
}
