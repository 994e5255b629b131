// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the checks kmi_sa_add makes before it asks flexsec.ko
 * (flexsecd/kmi_sa.c): the algorithm is one of the module's, the key has a
 * length the module gives that algorithm, and an integrity algorithm goes
 * with the encryption exactly when it must. A refused SA never reaches the
 * sockets, so the interface needs none here.
 */

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <linux/flexsec.h>

#include "algs.h"
#include "ike_proto.h"
#include "kmi_int.h"

static struct kmi k;

/* An SA as child.c fills it, for the ESP transform ENCR/BITS + INTEG. */
static void esp_sa(struct kmi_sa *sa, uint16_t encr, uint16_t bits,
		   uint16_t integ)
{
	memset(sa, 0, sizeof(*sa));
	sa->ifindex = 1;
	sa->inbound = true;
	sa->spi = 0x1000;
	sa->enc_alg = esp_kernel_alg(IKE_TT_ENCR, encr, bits);
	sa->enc_key_len = esp_key_len(IKE_TT_ENCR, encr, bits);
	if (integ) {
		sa->auth_alg = esp_kernel_alg(IKE_TT_INTEG, integ, 0);
		sa->auth_key_len = esp_key_len(IKE_TT_INTEG, integ, 0);
	}
}

/* kmi_sa_add refuses SA with -EINVAL and the message WANT. */
static void refused(const struct kmi_sa *sa, const char *want)
{
	const char *msg = NULL;

	memset(&k, 0, sizeof(k));
	assert_int_equal(kmi_sa_add(&k, sa, &msg), -EINVAL);
	assert_ptr_equal(msg, k.err);
	assert_string_equal(msg, want);
}

static void unknown_algorithms(void **state)
{
	struct kmi_sa sa;

	esp_sa(&sa, IKE_ENCR_AES_GCM_8, 128, 0);
	assert_int_equal(sa.enc_alg, 0);
	refused(&sa, "flexsec.ko has no encryption algorithm 0");
	sa.enc_alg = 99;
	sa.enc_key_len = 16;
	refused(&sa, "flexsec.ko has no encryption algorithm 99");

	esp_sa(&sa, IKE_ENCR_AES_CBC, 256, IKE_INTEG_HMAC_SHA2_256_128);
	sa.auth_alg = 99;
	refused(&sa, "flexsec.ko has no integrity algorithm 99");
}

/* AES-GCM takes 20 or 36 bytes (key and salt), AES-CBC 16, 24 or 32. */
static void key_lengths(void **state)
{
	struct kmi_sa sa;

	esp_sa(&sa, IKE_ENCR_AES_GCM_16, 256, 0);
	assert_int_equal(sa.enc_alg, FLEXSEC_ENC_ALG_AES_GCM);
	assert_int_equal(sa.enc_key_len, 36);
	sa.enc_key_len = 32;
	refused(&sa, "aes-gcm takes no 32-byte key");
	sa.enc_key_len = 16;
	refused(&sa, "aes-gcm takes no 16-byte key");

	esp_sa(&sa, IKE_ENCR_CHACHA20_POLY1305, 0, 0);
	sa.enc_key_len = 32;
	refused(&sa, "chacha20-poly1305 takes no 32-byte key");

	esp_sa(&sa, IKE_ENCR_AES_CBC, 192, IKE_INTEG_HMAC_SHA2_256_128);
	assert_int_equal(sa.enc_key_len, 24);
	sa.enc_key_len = 20;
	refused(&sa, "aes-cbc takes no 20-byte key");

	esp_sa(&sa, IKE_ENCR_AES_CBC, 128, IKE_INTEG_HMAC_SHA2_256_128);
	assert_int_equal(sa.auth_alg, FLEXSEC_AUTH_ALG_HMAC_SHA256_128);
	assert_int_equal(sa.auth_key_len, 32);
	sa.auth_key_len = 20;
	refused(&sa, "hmac-sha256 takes a 32-byte key, not 20");
}

static void integrity_pairing(void **state)
{
	struct kmi_sa sa;

	esp_sa(&sa, IKE_ENCR_AES_GCM_16, 128, 0);
	sa.auth_alg = FLEXSEC_AUTH_ALG_HMAC_SHA1_96;
	sa.auth_key_len = 20;
	refused(&sa, "aes-gcm-128 is an AEAD: no integrity algorithm goes with it");

	esp_sa(&sa, IKE_ENCR_AES_CBC, 128, 0);
	assert_int_equal(sa.auth_alg, 0);
	refused(&sa, "aes-cbc-128 needs an integrity algorithm");
}

/* The value of TOP/net/ipv6/conf/IF/disable_ipv6. */
static char sysctl_value(const char *top, const char *ifname)
{
	char path[256], v[4] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/net/ipv6/conf/%s/disable_ipv6", top,
		 ifname);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(v, sizeof(v), f));
	fclose(f);
	return v[0];
}

/* IPv6 off and on through net.ipv6.conf.IF.disable_ipv6, in a tree of
 * the test's own in place of /proc/sys. */
static void ipv6_switch(void **state)
{
	char top[] = "/tmp/flexsec-kmi-XXXXXX", path[256];
	const char *dirs[] = { "/net", "/net/ipv6", "/net/ipv6/conf",
			       "/net/ipv6/conf/Tunnel0" };
	unsigned int i;
	FILE *f;

	assert_non_null(mkdtemp(top));
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s%s", top, dirs[i]);
		assert_int_equal(mkdir(path, 0700), 0);
	}
	snprintf(path, sizeof(path), "%s%s/disable_ipv6", top, dirs[3]);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("0\n", f);
	fclose(f);
	kmi_sysctl_root = top;
	memset(&k, 0, sizeof(k));

	assert_int_equal(kmi_if_ipv6(&k, "Tunnel0", false), 0);
	assert_int_equal(sysctl_value(top, "Tunnel0"), '1');
	assert_int_equal(kmi_if_ipv6(&k, "Tunnel0", true), 0);
	assert_int_equal(sysctl_value(top, "Tunnel0"), '0');
	/* no IPv6 for the interface: nothing to turn off, none to turn on */
	assert_int_equal(kmi_if_ipv6(&k, "Tunnel9", false), 0);
	assert_int_equal(kmi_if_ipv6(&k, "Tunnel9", true), -ENOENT);
	assert_non_null(strstr(k.err, "Tunnel9/disable_ipv6"));
	assert_int_equal(kmi_if_ipv6(&k, "../Tunnel0", false), -EINVAL);
	assert_int_equal(sysctl_value(top, "Tunnel0"), '0');

	unlink(path);
	for (i = 4; i-- > 0;) {
		snprintf(path, sizeof(path), "%s%s", top, dirs[i]);
		rmdir(path);
	}
	rmdir(top);
	kmi_sysctl_root = "/proc/sys";
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unknown_algorithms),
		cmocka_unit_test(key_lengths),
		cmocka_unit_test(integrity_pairing),
		cmocka_unit_test(ipv6_switch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
