// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for ESP encryption and decryption of one packet.
 *
 * Known answers: published ESP packets are decrypted and compared with
 * their plaintext, then tampered with (one bit of the packet, the sequence
 * number) and must fail to verify. Encryption cannot be compared with a
 * published packet, since the IV comes from the transform's IV generator
 * (seqiv or echainiv, salted per transform): the vector's payload is
 * encrypted instead, the result checked field by field and decrypted back.
 *
 * Vectors:
 *  - draft-mcgrew-gcm-test-01 ("Test Cases for the use of GCM and GMAC in
 *    IPsec ESP"), section 4, AES-GCM test cases 1 to 14; case 7 uses
 *    AES-192, which flexsec refuses, and serves as a refused key.
 *  - RFC 7634 appendix A, the ChaCha20-Poly1305 ESP example.
 *  - RFC 3602 section 4, test cases 5 to 8: AES-128-CBC ESP packets, with
 *    no ICV. The ICVs appended here are not published: each is the HMAC of
 *    the published packet (with ESN, followed by the high half of the
 *    sequence number, RFC 4303 section 2.2.1), truncated as RFC 2404 and
 *    RFC 4868 say, computed apart from the kernel, with the key of the
 *    first test case of RFC 4868 section 2.7.2 (0x0b bytes).
 *
 * Round trips: every algorithm of crypto.c, ESN on and off, payloads of
 * many lengths in skbs of several shapes (tight, paged, cloned).
 */

#include <crypto/aead.h>
#include <kunit/skbuff.h>
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/in.h>
#include <linux/jiffies.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <uapi/linux/flexsec.h>
#ifdef CONFIG_X86
#include <asm/fpu/api.h>
#endif

#include "../crypto.h"
#include "../esp.h"
#include "../sa.h"

/* Room the caller asks for in front of the ESP header (an IPv4 header). */
#define ESP_TEST_HEADROOM	20

/**
 * struct esp_kat - one known-answer vector
 * @id: number of the vector in this suite
 * @what: source and test case
 * @enc_alg: enum flexsec_enc_alg
 * @auth_alg: enum flexsec_auth_alg, for aes-cbc
 * @key: encryption key, followed by the salt for the AEADs
 * @klen: its length
 * @akey: integrity key, for aes-cbc
 * @aklen: its length
 * @esn: extended sequence numbers
 * @seq: the 64-bit sequence number (the packet carries the low half)
 * @packet: ESP header, IV, ciphertext and ICV (the outer header stripped)
 * @len: its length
 * @plain: payload, padding, pad length and next header
 * @plen: its length
 */
struct esp_kat {
	int id;
	const char *what;
	u32 enc_alg;
	u32 auth_alg;
	const char *key;
	unsigned int klen;
	const char *akey;
	unsigned int aklen;
	bool esn;
	u64 seq;
	const char *packet;
	unsigned int len;
	const char *plain;
	unsigned int plen;
};

static const struct esp_kat esp_kats[] = {
	{
		.id	= 1,
		.what	= "draft-mcgrew-gcm-test-01 case 1, AES-128-GCM, ESN",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\x4c\x80\xcd\xef\xbb\x5d\x10\xda"
			  "\x90\x6a\xc7\x3c\x36\x13\xa6\x34"
			  "\x2e\x44\x3b\x68",
		.klen	= 20,
		.esn	= true,
		.seq	= 0x8765432100000000ULL,
		.packet	= "\x00\x00\x43\x21\x00\x00\x00\x00"
			  "\x49\x56\xed\x7e\x3b\x24\x4c\xfe"
			  "\xfe\xcf\x53\x7e\x72\x9d\x5b\x07"
			  "\xdc\x30\xdf\x52\x8d\xd2\x2b\x76"
			  "\x8d\x1b\x98\x73\x66\x96\xa6\xfd"
			  "\x34\x85\x09\xfa\x13\xce\xac\x34"
			  "\xcf\xa2\x43\x6f\x14\xa3\xf3\xcf"
			  "\x65\x92\x5b\xf1\xf4\xa1\x3c\x5d"
			  "\x15\xb2\x1e\x18\x84\xf5\xff\x62"
			  "\x47\xae\xab\xb7\x86\xb9\x3b\xce"
			  "\x61\xbc\x17\xd7\x68\xfd\x97\x32"
			  "\x45\x90\x18\x14\x8f\x6c\xbe\x72"
			  "\x2f\xd0\x47\x96\x56\x2d\xfd\xb4",
		.len	= 104,
		.plain	= "\x45\x00\x00\x48\x69\x9a\x00\x00"
			  "\x80\x11\x4d\xb7\xc0\xa8\x01\x02"
			  "\xc0\xa8\x01\x01\x0a\x9b\xf1\x56"
			  "\x38\xd3\x01\x00\x00\x01\x00\x00"
			  "\x00\x00\x00\x00\x04\x5f\x73\x69"
			  "\x70\x04\x5f\x75\x64\x70\x03\x73"
			  "\x69\x70\x09\x63\x79\x62\x65\x72"
			  "\x63\x69\x74\x79\x02\x64\x6b\x00"
			  "\x00\x21\x00\x01\x01\x02\x02\x01",
		.plen	= 72,
	},
	{
		.id	= 2,
		.what	= "draft-mcgrew-gcm-test-01 case 2, AES-128-GCM",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\xfe\xff\xe9\x92\x86\x65\x73\x1c"
			  "\x6d\x6a\x8f\x94\x67\x30\x83\x08"
			  "\xca\xfe\xba\xbe",
		.klen	= 20,
		.seq	= 0xa,
		.packet	= "\x00\x00\xa5\xf8\x00\x00\x00\x0a"
			  "\xfa\xce\xdb\xad\xde\xca\xf8\x88"
			  "\xde\xb2\x2c\xd9\xb0\x7c\x72\xc1"
			  "\x6e\x3a\x65\xbe\xeb\x8d\xf3\x04"
			  "\xa5\xa5\x89\x7d\x33\xae\x53\x0f"
			  "\x1b\xa7\x6d\x5d\x11\x4d\x2a\x5c"
			  "\x3d\xe8\x18\x27\xc1\x0e\x9a\x4f"
			  "\x51\x33\x0d\x0e\xec\x41\x66\x42"
			  "\xcf\xbb\x85\xa5\xb4\x7e\x48\xa4"
			  "\xec\x3b\x9b\xa9\x5d\x91\x8b\xd1"
			  "\x83\xb7\x0d\x3a\xa8\xbc\x6e\xe4"
			  "\xc3\x09\xe9\xd8\x5a\x41\xad\x4a",
		.len	= 96,
		.plain	= "\x45\x00\x00\x3e\x69\x8f\x00\x00"
			  "\x80\x11\x4d\xcc\xc0\xa8\x01\x02"
			  "\xc0\xa8\x01\x01\x0a\x98\x00\x35"
			  "\x00\x2a\x23\x43\xb2\xd0\x01\x00"
			  "\x00\x01\x00\x00\x00\x00\x00\x00"
			  "\x03\x73\x69\x70\x09\x63\x79\x62"
			  "\x65\x72\x63\x69\x74\x79\x02\x64"
			  "\x6b\x00\x00\x01\x00\x01\x00\x01",
		.plen	= 64,
	},
	{
		.id	= 3,
		.what	= "draft-mcgrew-gcm-test-01 case 3, AES-256-GCM",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\xab\xbc\xcd\xde\xf0\x01\x12\x23"
			  "\x34\x45\x56\x67\x78\x89\x9a\xab"
			  "\xab\xbc\xcd\xde\xf0\x01\x12\x23"
			  "\x34\x45\x56\x67\x78\x89\x9a\xab"
			  "\x11\x22\x33\x44",
		.klen	= 36,
		.seq	= 0x2,
		.packet	= "\x4a\x2c\xbf\xe3\x00\x00\x00\x02"
			  "\x01\x02\x03\x04\x05\x06\x07\x08"
			  "\xff\x42\x5c\x9b\x72\x45\x99\xdf"
			  "\x7a\x3b\xcd\x51\x01\x94\xe0\x0d"
			  "\x6a\x78\x10\x7f\x1b\x0b\x1c\xbf"
			  "\x06\xef\xae\x9d\x65\xa5\xd7\x63"
			  "\x74\x8a\x63\x79\x85\x77\x1d\x34"
			  "\x7f\x05\x45\x65\x9f\x14\xe9\x9d"
			  "\xef\x84\x2d\x8e\xb3\x35\xf4\xee"
			  "\xcf\xdb\xf8\x31\x82\x4b\x4c\x49"
			  "\x15\x95\x6c\x96",
		.len	= 84,
		.plain	= "\x45\x00\x00\x30\x69\xa6\x40\x00"
			  "\x80\x06\x26\x90\xc0\xa8\x01\x02"
			  "\x93\x89\x15\x5e\x0a\x9e\x00\x8b"
			  "\x2d\xc5\x7e\xe0\x00\x00\x00\x00"
			  "\x70\x02\x40\x00\x20\xbf\x00\x00"
			  "\x02\x04\x05\xb4\x01\x01\x04\x02"
			  "\x01\x02\x02\x01",
		.plen	= 52,
	},
	{
		.id	= 4,
		.what	= "draft-mcgrew-gcm-test-01 case 4, AES-128-GCM",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\x00\x00\x00\x00\x00\x00\x00\x00"
			  "\x00\x00\x00\x00\x00\x00\x00\x00"
			  "\x00\x00\x00\x00",
		.klen	= 20,
		.seq	= 0x1,
		.packet	= "\x00\x00\x00\x00\x00\x00\x00\x01"
			  "\x00\x00\x00\x00\x00\x00\x00\x00"
			  "\x46\x88\xda\xf2\xf9\x73\xa3\x92"
			  "\x73\x29\x09\xc3\x31\xd5\x6d\x60"
			  "\xf6\x94\xab\xaa\x41\x4b\x5e\x7f"
			  "\xf5\xfd\xcd\xff\xf5\xe9\xa2\x84"
			  "\x45\x64\x76\x49\x27\x19\xff\xb6"
			  "\x4d\xe7\xd9\xdc\xa1\xe1\xd8\x94"
			  "\xbc\x3b\xd5\x78\x73\xed\x4d\x18"
			  "\x1d\x19\xd4\xd5\xc8\xc1\x8a\xf3"
			  "\xf8\x21\xd4\x96\xee\xb0\x96\xe9"
			  "\x8a\xd2\xb6\x9e\x47\x99\xc7\x1d",
		.len	= 96,
		.plain	= "\x45\x00\x00\x3c\x99\xc5\x00\x00"
			  "\x80\x01\xcb\x7a\x40\x67\x93\x18"
			  "\x01\x01\x01\x01\x08\x00\x07\x5c"
			  "\x02\x00\x44\x00\x61\x62\x63\x64"
			  "\x65\x66\x67\x68\x69\x6a\x6b\x6c"
			  "\x6d\x6e\x6f\x70\x71\x72\x73\x74"
			  "\x75\x76\x77\x61\x62\x63\x64\x65"
			  "\x66\x67\x68\x69\x01\x02\x02\x01",
		.plen	= 64,
	},
	{
		.id	= 5,
		.what	= "draft-mcgrew-gcm-test-01 case 5, AES-128-GCM, ESN",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\x3d\xe0\x98\x74\xb3\x88\xe6\x49"
			  "\x19\x88\xd0\xc3\x60\x7e\xae\x1f"
			  "\x57\x69\x0e\x43",
		.klen	= 20,
		.esn	= true,
		.seq	= 0x1010101010101010ULL,
		.packet	= "\x42\xf6\x7e\x3f\x10\x10\x10\x10"
			  "\x4e\x28\x00\x00\xa2\xfc\xa1\xa3"
			  "\xfb\xa2\xca\xa4\x85\x3c\xf9\xf0"
			  "\xf2\x2c\xb1\x0d\x86\xdd\x83\xb0"
			  "\xfe\xc7\x56\x91\xcf\x1a\x04\xb0"
			  "\x0d\x11\x38\xec\x9c\x35\x79\x17"
			  "\x65\xac\xbd\x87\x01\xad\x79\x84"
			  "\x5b\xf9\xfe\x3f\xba\x48\x7b\xc9"
			  "\x17\x55\xe6\x66\x2b\x4c\x8d\x0d"
			  "\x1f\x5e\x22\x73\x95\x30\x32\x0a"
			  "\xe0\xd7\x31\xcc\x97\x8e\xca\xfa"
			  "\xea\xe8\x8f\x00\xe8\x0d\x6e\x48",
		.len	= 96,
		.plain	= "\x45\x00\x00\x3c\x99\xc3\x00\x00"
			  "\x80\x01\xcb\x7c\x40\x67\x93\x18"
			  "\x01\x01\x01\x01\x08\x00\x08\x5c"
			  "\x02\x00\x43\x00\x61\x62\x63\x64"
			  "\x65\x66\x67\x68\x69\x6a\x6b\x6c"
			  "\x6d\x6e\x6f\x70\x71\x72\x73\x74"
			  "\x75\x76\x77\x61\x62\x63\x64\x65"
			  "\x66\x67\x68\x69\x01\x02\x02\x01",
		.plen	= 64,
	},
	{
		.id	= 6,
		.what	= "draft-mcgrew-gcm-test-01 case 6, AES-128-GCM, ESN",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\x3d\xe0\x98\x74\xb3\x88\xe6\x49"
			  "\x19\x88\xd0\xc3\x60\x7e\xae\x1f"
			  "\x57\x69\x0e\x43",
		.klen	= 20,
		.esn	= true,
		.seq	= 0x1010101010101010ULL,
		.packet	= "\x42\xf6\x7e\x3f\x10\x10\x10\x10"
			  "\x4e\x28\x00\x00\xa2\xfc\xa1\xa3"
			  "\xfb\xa2\xca\x84\x5e\x5d\xf9\xf0"
			  "\xf2\x2c\x3e\x6e\x86\xdd\x83\x1e"
			  "\x1f\xc6\x57\x92\xcd\x1a\xf9\x13"
			  "\x0e\x13\x79\xed\x36\x9f\x07\x1f"
			  "\x35\xe0\x34\xbe\x95\xf1\x12\xe4"
			  "\xe7\xd0\x5d\x35",
		.len	= 60,
		.plain	= "\x45\x00\x00\x1c\x42\xa2\x00\x00"
			  "\x80\x01\x44\x1f\x40\x67\x93\xb6"
			  "\xe0\x00\x00\x02\x0a\x00\xf5\xff"
			  "\x01\x02\x02\x01",
		.plen	= 28,
	},
	{
		.id	= 7,
		.what	= "draft-mcgrew-gcm-test-01 case 8, AES-128-GCM, ESN",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\xab\xbc\xcd\xde\xf0\x01\x12\x23"
			  "\x34\x45\x56\x67\x78\x89\x9a\xab"
			  "\xde\xca\xf8\x88",
		.klen	= 20,
		.esn	= true,
		.seq	= 0x1,
		.packet	= "\x00\x00\x01\x00\x00\x00\x00\x01"
			  "\xca\xfe\xde\xba\xce\xfa\xce\x74"
			  "\x18\xa6\xfd\x42\xf7\x2c\xbf\x4a"
			  "\xb2\xa2\xea\x90\x1f\x73\xd8\x14"
			  "\xe3\xe7\xf2\x43\xd9\x54\x12\xe1"
			  "\xc3\x49\xc1\xd2\xfb\xec\x16\x8f"
			  "\x91\x90\xfe\xeb\xaf\x2c\xb0\x19"
			  "\x84\xe6\x58\x63\x96\x5d\x74\x72"
			  "\xb7\x9d\xa3\x45\xe0\xe7\x80\x19"
			  "\x1f\x0d\x2f\x0e\x0f\x49\x6c\x22"
			  "\x6f\x21\x27\xb2\x7d\xb3\x57\x24"
			  "\xe7\x84\x5d\x68\x65\x1f\x57\xe6"
			  "\x5f\x35\x4f\x75\xff\x17\x01\x57"
			  "\x69\x62\x34\x36",
		.len	= 108,
		.plain	= "\x45\x00\x00\x49\x33\xba\x00\x00"
			  "\x7f\x11\x91\x06\xc3\xfb\x1d\x10"
			  "\xc2\xb1\xd3\x26\xc0\x28\x31\xce"
			  "\x00\x35\xdd\x7b\x80\x03\x02\xd5"
			  "\x00\x00\x4e\x20\x00\x1e\x8c\x18"
			  "\xd7\x5b\x81\xdc\x91\xba\xa0\x47"
			  "\x6b\x91\xb9\x24\xb2\x80\x38\x9d"
			  "\x92\xc9\x63\xba\xc0\x46\xec\x95"
			  "\x9b\x62\x66\xc0\x47\x22\xb1\x49"
			  "\x23\x01\x01\x01",
		.plen	= 76,
	},
	{
		.id	= 8,
		.what	= "draft-mcgrew-gcm-test-01 case 9, AES-256-GCM, ESN",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\xab\xbc\xcd\xde\xf0\x01\x12\x23"
			  "\x34\x45\x56\x67\x78\x89\x9a\xab"
			  "\xab\xbc\xcd\xde\xf0\x01\x12\x23"
			  "\x34\x45\x56\x67\x78\x89\x9a\xab"
			  "\x73\x61\x6c\x74",
		.klen	= 36,
		.esn	= true,
		.seq	= 0x156f3126dd0db99bULL,
		.packet	= "\x17\x40\x5e\x67\xdd\x0d\xb9\x9b"
			  "\x61\x6e\x64\x01\x69\x76\x65\x63"
			  "\xf2\xd6\x9e\xcd\xbd\x5a\x0d\x5b"
			  "\x8d\x5e\xf3\x8b\xad\x4d\xa5\x8d"
			  "\x1f\x27\x8f\xde\x98\xef\x67\x54"
			  "\x9d\x52\x4a\x30\x18\xd9\xa5\x7f"
			  "\xf4\xd3\xa3\x1c\xe6\x73\x11\x9e"
			  "\x45\x16\x26\xc2\x41\x57\x71\xe3"
			  "\xb7\xee\xbc\xa6\x14\xc8\x9b\x35",
		.len	= 72,
		.plain	= "\x45\x08\x00\x28\x73\x2c\x00\x00"
			  "\x40\x06\xe9\xf9\x0a\x01\x06\x12"
			  "\x0a\x01\x03\x8f\x06\xb8\x80\x23"
			  "\xdd\x6b\xaf\xbe\xcb\x71\x26\x02"
			  "\x50\x10\x1f\x64\x6d\x54\x00\x01",
		.plen	= 40,
	},
	{
		.id	= 9,
		.what	= "draft-mcgrew-gcm-test-01 case 10, AES-128-GCM, ESN",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\x3d\xe0\x98\x74\xb3\x88\xe6\x49"
			  "\x19\x88\xd0\xc3\x60\x7e\xae\x1f"
			  "\x57\x69\x0e\x43",
		.klen	= 20,
		.esn	= true,
		.seq	= 0x1010101010101010ULL,
		.packet	= "\x42\xf6\x7e\x3f\x10\x10\x10\x10"
			  "\x4e\x28\x00\x00\xa2\xfc\xa1\xa3"
			  "\xfb\xa2\xca\xd1\x2f\xc1\xf9\xf0"
			  "\x0d\x3c\xeb\xf3\x05\x41\x0d\xb8"
			  "\x3d\x77\x84\xb6\x07\x32\x3d\x22"
			  "\x0f\x24\xb0\xa9\x7d\x54\x18\x28"
			  "\x00\xca\xdb\x0f\x68\xd9\x9e\xf0"
			  "\xe0\xc0\xc8\x9a\xe9\xbe\xa8\x88"
			  "\x4e\x52\xd6\x5b\xc1\xaf\xd0\x74"
			  "\x0f\x74\x24\x44\x74\x7b\x5b\x39"
			  "\xab\x53\x31\x63\xaa\xd4\x55\x0e"
			  "\xe5\x16\x09\x75\xcd\xb6\x08\xc5"
			  "\x76\x91\x89\x60\x97\x63\xb8\xe1"
			  "\x8c\xaa\x81\xe2",
		.len	= 108,
		.plain	= "\x45\x00\x00\x49\x33\x3e\x00\x00"
			  "\x7f\x11\x91\x82\xc3\xfb\x1d\x10"
			  "\xc2\xb1\xd3\x26\xc0\x28\x31\xce"
			  "\x00\x35\xcb\x45\x80\x03\x02\x5b"
			  "\x00\x00\x01\xe0\x00\x1e\x8c\x18"
			  "\xd6\x57\x59\xd5\x22\x84\xa0\x35"
			  "\x2c\x71\x47\x5c\x88\x80\x39\x1c"
			  "\x76\x4d\x6e\x5e\xe0\x49\x6b\x32"
			  "\x5a\xe2\x70\xc0\x38\x99\x49\x39"
			  "\x15\x01\x01\x01",
		.plen	= 76,
	},
	{
		.id	= 10,
		.what	= "draft-mcgrew-gcm-test-01 case 11, AES-256-GCM, ESN",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\xab\xbc\xcd\xde\xf0\x01\x12\x23"
			  "\x34\x45\x56\x67\x78\x89\x9a\xab"
			  "\xab\xbc\xcd\xde\xf0\x01\x12\x23"
			  "\x34\x45\x56\x67\x78\x89\x9a\xab"
			  "\x73\x61\x6c\x74",
		.klen	= 36,
		.esn	= true,
		.seq	= 0x156f3126dd0db99bULL,
		.packet	= "\x17\x40\x5e\x67\xdd\x0d\xb9\x9b"
			  "\x61\x6e\x64\x01\x69\x76\x65\x63"
			  "\xd4\xb7\xed\x86\xa1\x77\x7f\x2e"
			  "\xa1\x3d\x69\x73\xd3\x24\xc6\x9e"
			  "\x7b\x43\xf8\x26\xfb\x56\x83\x12"
			  "\x26\x50\x8b\xeb\xd2\xdc\xeb\x18"
			  "\xd0\xa6\xdf\x10\xe5\x48\x7d\xf0"
			  "\x74\x11\x3e\x14\xc6\x41\x02\x4e"
			  "\x3e\x67\x73\xd9\x1a\x62\xee\x42"
			  "\x9b\x04\x3a\x10\xe3\xef\xe6\xb0"
			  "\x12\xa4\x93\x63\x41\x23\x64\xf8"
			  "\xc0\xca\xc5\x87\xf2\x49\xe5\x6b"
			  "\x11\xe2\x4f\x30\xe4\x4c\xcc\x76",
		.len	= 104,
		.plain	= "\x63\x69\x73\x63\x6f\x01\x72\x75"
			  "\x6c\x65\x73\x01\x74\x68\x65\x01"
			  "\x6e\x65\x74\x77\x65\x01\x64\x65"
			  "\x66\x69\x6e\x65\x01\x74\x68\x65"
			  "\x74\x65\x63\x68\x6e\x6f\x6c\x6f"
			  "\x67\x69\x65\x73\x01\x74\x68\x61"
			  "\x74\x77\x69\x6c\x6c\x01\x64\x65"
			  "\x66\x69\x6e\x65\x74\x6f\x6d\x6f"
			  "\x72\x72\x6f\x77\x01\x02\x02\x01",
		.plen	= 72,
	},
	{
		.id	= 11,
		.what	= "draft-mcgrew-gcm-test-01 case 12, AES-128-GCM",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\x7d\x77\x3d\x00\xc1\x44\xc5\x25"
			  "\xac\x61\x9d\x18\xc8\x4a\x3f\x47"
			  "\xd9\x66\x42\x67",
		.klen	= 20,
		.seq	= 0xffffffff,
		.packet	= "\x33\x54\x67\xae\xff\xff\xff\xff"
			  "\x43\x45\x7e\x91\x82\x44\x3b\xc6"
			  "\x43\x7f\x86\x6b\xcb\x3f\x69\x9f"
			  "\xe9\xb0\x82\x2b\xac\x96\x1c\x45"
			  "\x04\xbe\xf2\x70",
		.len	= 36,
		.plain	= "\x01\x02\x02\x01",
		.plen	= 4,
	},
	{
		.id	= 12,
		.what	= "draft-mcgrew-gcm-test-01 case 13, AES-128-GCM, ESN",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\xab\xbc\xcd\xde\xf0\x01\x12\x23"
			  "\x34\x45\x56\x67\x78\x89\x9a\xab"
			  "\xde\xca\xf8\x88",
		.klen	= 20,
		.esn	= true,
		.seq	= 0x1,
		.packet	= "\x00\x00\x01\x00\x00\x00\x00\x01"
			  "\xca\xfe\xde\xba\xce\xfa\xce\x74"
			  "\x29\xc9\xfc\x69\xa1\x97\xd0\x38"
			  "\xcc\xdd\x14\xe2\xdd\xfc\xaa\x05"
			  "\x43\x33\x21\x64\x41\x25\x03\x52"
			  "\x43\x03\xed\x3c\x6c\x5f\x28\x38"
			  "\x43\xaf\x8c\x3e",
		.len	= 52,
		.plain	= "\x74\x6f\x01\x62\x65\x01\x6f\x72"
			  "\x01\x6e\x6f\x74\x01\x74\x6f\x01"
			  "\x62\x65\x00\x01",
		.plen	= 20,
	},
	{
		.id	= 13,
		.what	= "draft-mcgrew-gcm-test-01 case 14, AES-256-GCM, ESN",
		.enc_alg = FLEXSEC_ENC_ALG_AES_GCM,
		.key	= "\x6c\x65\x67\x61\x6c\x69\x7a\x65"
			  "\x6d\x61\x72\x69\x6a\x75\x61\x6e"
			  "\x61\x61\x6e\x64\x64\x6f\x69\x74"
			  "\x62\x65\x66\x6f\x72\x65\x69\x61"
			  "\x74\x75\x72\x6e",
		.klen	= 36,
		.esn	= true,
		.seq	= 0xffffffffffffffffULL,
		.packet	= "\x79\x6b\x69\x63\xff\xff\xff\xff"
			  "\x33\x30\x21\x69\x67\x65\x74\x6d"
			  "\xf9\x7a\xb2\xaa\x35\x6d\x8e\xdc"
			  "\xe1\x76\x44\xac\x8c\x78\xe2\x5d"
			  "\xd2\x4d\xed\xbb\x29\xeb\xf1\xb6"
			  "\x4a\x27\x4b\x39\xb4\x9c\x3a\x86"
			  "\x4c\xd3\xd7\x8c\xa4\xae\x68\xa3"
			  "\x2b\x42\x45\x8f\xb5\x7d\xbe\x82"
			  "\x1d\xcc\x63\xb9\xd0\x93\x7b\xa2"
			  "\x94\x5f\x66\x93\x68\x66\x1a\x32"
			  "\x9f\xb4\xc0\x53",
		.len	= 84,
		.plain	= "\x45\x00\x00\x30\xda\x3a\x00\x00"
			  "\x80\x01\xdf\x3b\xc0\xa8\x00\x05"
			  "\xc0\xa8\x00\x01\x08\x00\xc6\xcd"
			  "\x02\x00\x07\x00\x61\x62\x63\x64"
			  "\x65\x66\x67\x68\x69\x6a\x6b\x6c"
			  "\x6d\x6e\x6f\x70\x71\x72\x73\x74"
			  "\x01\x02\x02\x01",
		.plen	= 52,
	},
	{
		.id	= 14,
		.what	= "RFC 7634 appendix A, ChaCha20-Poly1305",
		.enc_alg = FLEXSEC_ENC_ALG_CHACHA20_POLY1305,
		.key	= "\x80\x81\x82\x83\x84\x85\x86\x87"
			  "\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"
			  "\x90\x91\x92\x93\x94\x95\x96\x97"
			  "\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f"
			  "\xa0\xa1\xa2\xa3",
		.klen	= 36,
		.seq	= 0x5,
		.packet	= "\x01\x02\x03\x04\x00\x00\x00\x05"
			  "\x10\x11\x12\x13\x14\x15\x16\x17"
			  "\x24\x03\x94\x28\xb9\x7f\x41\x7e"
			  "\x3c\x13\x75\x3a\x4f\x05\x08\x7b"
			  "\x67\xc3\x52\xe6\xa7\xfa\xb1\xb9"
			  "\x82\xd4\x66\xef\x40\x7a\xe5\xc6"
			  "\x14\xee\x80\x99\xd5\x28\x44\xeb"
			  "\x61\xaa\x95\xdf\xab\x4c\x02\xf7"
			  "\x2a\xa7\x1e\x7c\x4c\x4f\x64\xc9"
			  "\xbe\xfe\x2f\xac\xc6\x38\xe8\xf3"
			  "\xcb\xec\x16\x3f\xac\x46\x9b\x50"
			  "\x27\x73\xf6\xfb\x94\xe6\x64\xda"
			  "\x91\x65\xb8\x28\x29\xf6\x41\xe0"
			  "\x76\xaa\xa8\x26\x6b\x7f\xb0\xf7"
			  "\xb1\x1b\x36\x99\x07\xe1\xad\x43",
		.len	= 120,
		.plain	= "\x45\x00\x00\x54\xa6\xf2\x00\x00"
			  "\x40\x01\xe7\x78\xc6\x33\x64\x05"
			  "\xc0\x00\x02\x05\x08\x00\x5b\x7a"
			  "\x3a\x08\x00\x00\x55\x3b\xec\x10"
			  "\x00\x07\x36\x27\x08\x09\x0a\x0b"
			  "\x0c\x0d\x0e\x0f\x10\x11\x12\x13"
			  "\x14\x15\x16\x17\x18\x19\x1a\x1b"
			  "\x1c\x1d\x1e\x1f\x20\x21\x22\x23"
			  "\x24\x25\x26\x27\x28\x29\x2a\x2b"
			  "\x2c\x2d\x2e\x2f\x30\x31\x32\x33"
			  "\x34\x35\x36\x37\x01\x02\x02\x04",
		.plen	= 88,
	},
	{
		.id	= 15,
		.what	= "RFC 3602 case 5, AES-128-CBC, HMAC-SHA-256-128",
		.enc_alg = FLEXSEC_ENC_ALG_AES_CBC,
		.auth_alg = FLEXSEC_AUTH_ALG_HMAC_SHA256_128,
		.key	= "\x90\xd3\x82\xb4\x10\xee\xba\x7a"
			  "\xd9\x38\xc4\x6c\xec\x1a\x82\xbf",
		.klen	= 16,
		.akey	= "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b",
		.aklen	= 32,
		.seq	= 0x1,
		.packet	= "\x00\x00\x43\x21\x00\x00\x00\x01"
			  "\xe9\x6e\x8c\x08\xab\x46\x57\x63"
			  "\xfd\x09\x8d\x45\xdd\x3f\xf8\x93"
			  "\xf6\x63\xc2\x5d\x32\x5c\x18\xc6"
			  "\xa9\x45\x3e\x19\x4e\x12\x08\x49"
			  "\xa4\x87\x0b\x66\xcc\x6b\x99\x65"
			  "\x33\x00\x13\xb4\x89\x8d\xc8\x56"
			  "\xa4\x69\x9e\x52\x3a\x55\xdb\x08"
			  "\x0b\x59\xec\x3a\x8e\x4b\x7e\x52"
			  "\x77\x5b\x07\xd1\xdb\x34\xed\x9c"
			  "\x53\x8a\xb5\x0c\x55\x1b\x87\x4a"
			  "\xa2\x69\xad\xd0\x47\xad\x2d\x59"
			  "\x13\xac\x19\xb7\xcf\xba\xd4\xa6"
			  "\x17\x31\x89\x6e\x10\xaa\xf6\x0f"
			  "\x5e\x4b\xd4\x14\xd6\x7e\x26\x8d",
		.len	= 120,
		.plain	= "\x08\x00\x0e\xbd\xa7\x0a\x00\x00"
			  "\x8e\x9c\x08\x3d\xb9\x5b\x07\x00"
			  "\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
			  "\x10\x11\x12\x13\x14\x15\x16\x17"
			  "\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
			  "\x20\x21\x22\x23\x24\x25\x26\x27"
			  "\x28\x29\x2a\x2b\x2c\x2d\x2e\x2f"
			  "\x30\x31\x32\x33\x34\x35\x36\x37"
			  "\x01\x02\x03\x04\x05\x06\x07\x08"
			  "\x09\x0a\x0b\x0c\x0d\x0e\x0e\x01",
		.plen	= 80,
	},
	{
		.id	= 16,
		.what	= "RFC 3602 case 6, AES-128-CBC, HMAC-SHA-256-128, ESN",
		.enc_alg = FLEXSEC_ENC_ALG_AES_CBC,
		.auth_alg = FLEXSEC_AUTH_ALG_HMAC_SHA256_128,
		.key	= "\x90\xd3\x82\xb4\x10\xee\xba\x7a"
			  "\xd9\x38\xc4\x6c\xec\x1a\x82\xbf",
		.klen	= 16,
		.akey	= "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b",
		.aklen	= 32,
		.esn	= true,
		.seq	= 0x100000008ULL,
		.packet	= "\x00\x00\x43\x21\x00\x00\x00\x08"
			  "\x69\xd0\x8d\xf7\xd2\x03\x32\x9d"
			  "\xb0\x93\xfc\x49\x24\xe5\xbd\x80"
			  "\xf5\x19\x95\x88\x1e\xc4\xe0\xc4"
			  "\x48\x89\x87\xce\x74\x2e\x81\x09"
			  "\x68\x9b\xb3\x79\xd2\xd7\x50\xc0"
			  "\xd9\x15\xdc\xa3\x46\xa8\x9f\x75"
			  "\x75\x15\x70\x3b\xe6\xaf\xa2\xce"
			  "\x76\x25\xb9\x67\xde\x7d\xeb\x61",
		.len	= 72,
		.plain	= "\x08\x00\xb5\xe8\xa8\x0a\x05\x00"
			  "\xa6\x9c\x08\x3d\x0b\x66\x0e\x00"
			  "\x77\x77\x77\x77\x77\x77\x77\x77"
			  "\x77\x77\x77\x77\x01\x02\x02\x01",
		.plen	= 32,
	},
	{
		.id	= 17,
		.what	= "RFC 3602 case 7, AES-128-CBC, HMAC-SHA1-96",
		.enc_alg = FLEXSEC_ENC_ALG_AES_CBC,
		.auth_alg = FLEXSEC_AUTH_ALG_HMAC_SHA1_96,
		.key	= "\x01\x23\x45\x67\x89\xab\xcd\xef"
			  "\x01\x23\x45\x67\x89\xab\xcd\xef",
		.klen	= 16,
		.akey	= "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b",
		.aklen	= 20,
		.seq	= 0x2,
		.packet	= "\x00\x00\x87\x65\x00\x00\x00\x02"
			  "\xf4\xe7\x65\x24\x4f\x64\x07\xad"
			  "\xf1\x3d\xc1\x38\x0f\x67\x3f\x37"
			  "\x77\x3b\x52\x41\xa4\xc4\x49\x22"
			  "\x5e\x4f\x3c\xe5\xed\x61\x1b\x0c"
			  "\x23\x7c\xa9\x6c\xf7\x4a\x93\x01"
			  "\x3c\x1b\x0e\xa1\xa0\xcf\x70\xf8"
			  "\xe4\xec\xae\xc7\x8a\xc5\x3a\xad"
			  "\x7a\x0f\x02\x2b\x85\x92\x43\xc6"
			  "\x47\x75\x2e\x94\xa8\x59\x35\x2b"
			  "\x8a\x4d\x4d\x2d\xec\xd1\x36\xe5"
			  "\xc1\x77\xf1\x32\xad\x3f\xbf\xb2"
			  "\x20\x1a\xc9\x90\x4c\x74\xee\x0a"
			  "\x10\x9e\x0c\xa1\xe4\xdf\xe9\xd5"
			  "\xa1\x00\xb8\x42\xf1\xc2\x2f\x0d"
			  "\xef\xe6\x28\xe3\xb9\x86\x9d\x2a"
			  "\x64\xbe\xac\x38",
		.len	= 132,
		.plain	= "\x45\x00\x00\x54\x09\x04\x00\x00"
			  "\x40\x01\xf9\x88\xc0\xa8\x7b\x03"
			  "\xc0\xa8\x7b\xc8\x08\x00\x9f\x76"
			  "\xa9\x0a\x01\x00\xb4\x9c\x08\x3d"
			  "\x02\xa2\x04\x00\x08\x09\x0a\x0b"
			  "\x0c\x0d\x0e\x0f\x10\x11\x12\x13"
			  "\x14\x15\x16\x17\x18\x19\x1a\x1b"
			  "\x1c\x1d\x1e\x1f\x20\x21\x22\x23"
			  "\x24\x25\x26\x27\x28\x29\x2a\x2b"
			  "\x2c\x2d\x2e\x2f\x30\x31\x32\x33"
			  "\x34\x35\x36\x37\x01\x02\x03\x04"
			  "\x05\x06\x07\x08\x09\x0a\x0a\x04",
		.plen	= 96,
	},
	{
		.id	= 18,
		.what	= "RFC 3602 case 8, AES-128-CBC, HMAC-SHA-384-192, ESN",
		.enc_alg = FLEXSEC_ENC_ALG_AES_CBC,
		.auth_alg = FLEXSEC_AUTH_ALG_HMAC_SHA384_192,
		.key	= "\x01\x23\x45\x67\x89\xab\xcd\xef"
			  "\x01\x23\x45\x67\x89\xab\xcd\xef",
		.klen	= 16,
		.akey	= "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b",
		.aklen	= 48,
		.esn	= true,
		.seq	= 0x89abcdef00000005ULL,
		.packet	= "\x00\x00\x87\x65\x00\x00\x00\x05"
			  "\x85\xd4\x72\x24\xb5\xf3\xdd\x5d"
			  "\x21\x01\xd4\xea\x8d\xff\xab\x22"
			  "\x15\xb9\x26\x83\x81\x95\x96\xa8"
			  "\x04\x72\x32\xcc\x00\xf7\x04\x8f"
			  "\xe4\x53\x18\xe1\x1f\x8a\x0f\x62"
			  "\xed\xe3\xc3\xfc\x61\x20\x3b\xb5"
			  "\x0f\x98\x0a\x08\xc9\x84\x3f\xd3"
			  "\xa1\xb0\x6d\x5c\x07\xff\x96\x39"
			  "\xb7\xeb\x7d\xfb\x35\x12\xe5\xde"
			  "\x43\x5e\x72\x07\xed\x97\x1e\xf3"
			  "\xd2\x72\x6d\x9b\x5e\xf6\xaf\xfc"
			  "\x6d\x17\xa0\xde\xcb\xb1\x38\x92"
			  "\x3b\x29\x76\x6a\xcb\xda\x05\x76"
			  "\xdb\xbe\xf6\xfd\x79\x08\xf7\xc3"
			  "\x6b\x27\x4c\x53\xfe\xb9\x00\x19",
		.len	= 128,
		.plain	= "\x45\x00\x00\x44\x09\x0c\x00\x00"
			  "\x40\x01\xf9\x90\xc0\xa8\x7b\x03"
			  "\xc0\xa8\x7b\xc8\x08\x00\xd6\x3c"
			  "\xaa\x0a\x02\x00\xc6\x9c\x08\x3d"
			  "\xa3\xde\x03\x00\xff\xff\xff\xff"
			  "\xff\xff\xff\xff\xff\xff\xff\xff"
			  "\xff\xff\xff\xff\xff\xff\xff\xff"
			  "\xff\xff\xff\xff\xff\xff\xff\xff"
			  "\xff\xff\xff\xff\x01\x02\x03\x04"
			  "\x05\x06\x07\x08\x09\x0a\x0a\x04",
		.plen	= 80,
	},
	{
		.id	= 19,
		.what	= "RFC 3602 case 8, AES-128-CBC, HMAC-SHA-512-256",
		.enc_alg = FLEXSEC_ENC_ALG_AES_CBC,
		.auth_alg = FLEXSEC_AUTH_ALG_HMAC_SHA512_256,
		.key	= "\x01\x23\x45\x67\x89\xab\xcd\xef"
			  "\x01\x23\x45\x67\x89\xab\xcd\xef",
		.klen	= 16,
		.akey	= "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
			  "\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b",
		.aklen	= 64,
		.seq	= 0x5,
		.packet	= "\x00\x00\x87\x65\x00\x00\x00\x05"
			  "\x85\xd4\x72\x24\xb5\xf3\xdd\x5d"
			  "\x21\x01\xd4\xea\x8d\xff\xab\x22"
			  "\x15\xb9\x26\x83\x81\x95\x96\xa8"
			  "\x04\x72\x32\xcc\x00\xf7\x04\x8f"
			  "\xe4\x53\x18\xe1\x1f\x8a\x0f\x62"
			  "\xed\xe3\xc3\xfc\x61\x20\x3b\xb5"
			  "\x0f\x98\x0a\x08\xc9\x84\x3f\xd3"
			  "\xa1\xb0\x6d\x5c\x07\xff\x96\x39"
			  "\xb7\xeb\x7d\xfb\x35\x12\xe5\xde"
			  "\x43\x5e\x72\x07\xed\x97\x1e\xf3"
			  "\xd2\x72\x6d\x9b\x5e\xf6\xaf\xfc"
			  "\x6d\x17\xa0\xde\xcb\xb1\x38\x92"
			  "\x12\x8e\xb2\x73\x0a\x94\xe3\xdd"
			  "\xec\xbf\x58\x8b\x3e\x79\xa7\x15"
			  "\xd2\xd1\x16\x05\x84\x29\x01\x10"
			  "\xd7\xda\x37\x1d\x37\x0a\x31\x6f",
		.len	= 136,
		.plain	= "\x45\x00\x00\x44\x09\x0c\x00\x00"
			  "\x40\x01\xf9\x90\xc0\xa8\x7b\x03"
			  "\xc0\xa8\x7b\xc8\x08\x00\xd6\x3c"
			  "\xaa\x0a\x02\x00\xc6\x9c\x08\x3d"
			  "\xa3\xde\x03\x00\xff\xff\xff\xff"
			  "\xff\xff\xff\xff\xff\xff\xff\xff"
			  "\xff\xff\xff\xff\xff\xff\xff\xff"
			  "\xff\xff\xff\xff\xff\xff\xff\xff"
			  "\xff\xff\xff\xff\x01\x02\x03\x04"
			  "\x05\x06\x07\x08\x09\x0a\x0a\x04",
		.plen	= 80,
	},
};

static void esp_kat_desc(const struct esp_kat *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%02d %s", v->id, v->what);
}

KUNIT_ARRAY_PARAM(esp_kat, esp_kats, esp_kat_desc);

/**
 * struct esp_alg - one algorithm of crypto.c, for round trips
 * @name: for the report
 * @enc_alg: enum flexsec_enc_alg
 * @klen: encryption key length, salt included
 * @auth_alg: enum flexsec_auth_alg, for aes-cbc
 * @aklen: integrity key length
 * @esn: extended sequence numbers
 * @ivlen: the IV length the transform must have
 * @icvlen: the ICV length it must have
 * @align: the ciphertext alignment it must have
 */
struct esp_alg {
	const char *name;
	u32 enc_alg;
	unsigned int klen;
	u32 auth_alg;
	unsigned int aklen;
	bool esn;
	u8 ivlen;
	u8 icvlen;
	u8 align;
};

#define AEAD(name, alg, klen, esn) \
	{ name, FLEXSEC_ENC_ALG_##alg, klen, 0, 0, esn, 8, 16, 4 }
#define CBC(name, klen, auth, aklen, icvlen, esn) \
	{ name, FLEXSEC_ENC_ALG_AES_CBC, klen, FLEXSEC_AUTH_ALG_##auth, \
	  aklen, esn, 16, icvlen, 16 }

static const struct esp_alg esp_algs[] = {
	AEAD("aes128-gcm", AES_GCM, 16 + 4, false),
	AEAD("aes128-gcm esn", AES_GCM, 16 + 4, true),
	AEAD("aes256-gcm", AES_GCM, 32 + 4, false),
	AEAD("aes256-gcm esn", AES_GCM, 32 + 4, true),
	AEAD("chacha20-poly1305", CHACHA20_POLY1305, 32 + 4, false),
	AEAD("chacha20-poly1305 esn", CHACHA20_POLY1305, 32 + 4, true),
	CBC("aes128-cbc hmac(sha1)", 16, HMAC_SHA1_96, 20, 12, false),
	CBC("aes128-cbc hmac(sha256)", 16, HMAC_SHA256_128, 32, 16, false),
	CBC("aes128-cbc hmac(sha384)", 16, HMAC_SHA384_192, 48, 24, false),
	CBC("aes128-cbc hmac(sha512)", 16, HMAC_SHA512_256, 64, 32, false),
	CBC("aes128-cbc hmac(sha1) esn", 16, HMAC_SHA1_96, 20, 12, true),
	CBC("aes128-cbc hmac(sha256) esn", 16, HMAC_SHA256_128, 32, 16, true),
	CBC("aes128-cbc hmac(sha384) esn", 16, HMAC_SHA384_192, 48, 24, true),
	CBC("aes128-cbc hmac(sha512) esn", 16, HMAC_SHA512_256, 64, 32, true),
	CBC("aes192-cbc hmac(sha1)", 24, HMAC_SHA1_96, 20, 12, false),
	CBC("aes192-cbc hmac(sha256)", 24, HMAC_SHA256_128, 32, 16, false),
	CBC("aes192-cbc hmac(sha384)", 24, HMAC_SHA384_192, 48, 24, false),
	CBC("aes192-cbc hmac(sha512)", 24, HMAC_SHA512_256, 64, 32, false),
	CBC("aes192-cbc hmac(sha1) esn", 24, HMAC_SHA1_96, 20, 12, true),
	CBC("aes192-cbc hmac(sha256) esn", 24, HMAC_SHA256_128, 32, 16, true),
	CBC("aes192-cbc hmac(sha384) esn", 24, HMAC_SHA384_192, 48, 24, true),
	CBC("aes192-cbc hmac(sha512) esn", 24, HMAC_SHA512_256, 64, 32, true),
	CBC("aes256-cbc hmac(sha1)", 32, HMAC_SHA1_96, 20, 12, false),
	CBC("aes256-cbc hmac(sha256)", 32, HMAC_SHA256_128, 32, 16, false),
	CBC("aes256-cbc hmac(sha384)", 32, HMAC_SHA384_192, 48, 24, false),
	CBC("aes256-cbc hmac(sha512)", 32, HMAC_SHA512_256, 64, 32, false),
	CBC("aes256-cbc hmac(sha1) esn", 32, HMAC_SHA1_96, 20, 12, true),
	CBC("aes256-cbc hmac(sha256) esn", 32, HMAC_SHA256_128, 32, 16, true),
	CBC("aes256-cbc hmac(sha384) esn", 32, HMAC_SHA384_192, 48, 24, true),
	CBC("aes256-cbc hmac(sha512) esn", 32, HMAC_SHA512_256, 64, 32, true),
};

static void esp_alg_desc(const struct esp_alg *a, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", a->name);
}

KUNIT_ARRAY_PARAM(esp_alg, esp_algs, esp_alg_desc);

static void esp_test_xform_free(void *x)
{
	flexsec_xform_free(x);
}

/* An SA with only what esp.c uses: the transform and the SPI. */
static struct flexsec_sa *esp_test_sa(struct kunit *test, u32 enc_alg,
				      const void *key, unsigned int klen,
				      u32 auth_alg, const void *akey,
				      unsigned int aklen, bool esn, u32 spi)
{
	struct flexsec_sa *sa;
	int err;

	sa = kunit_kzalloc(test, sizeof(*sa), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sa);
	err = flexsec_xform_init(&sa->xform, enc_alg, key, klen, auth_alg,
				 akey, aklen, esn, NULL, NULL, NULL);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "flexsec_xform_init()");
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							esp_test_xform_free,
							&sa->xform), 0);
	sa->spi = spi;
	return sa;
}

/* A linear skb holding @len bytes of @data, freed when the test ends. */
static struct sk_buff *esp_test_skb(struct kunit *test, const void *data,
				    unsigned int len, unsigned int headroom,
				    unsigned int tailroom)
{
	struct sk_buff *skb;

	skb = alloc_skb(headroom + len + tailroom, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							kunit_action_kfree_skb,
							skb), 0);
	skb_reserve(skb, headroom);
	skb_put_data(skb, data, len);
	return skb;
}

/**
 * struct esp_wait - a call to esp.c and its completion
 * @done: signalled by the done callback
 * @skb: what the callback was given
 * @sa: likewise
 * @err: likewise
 */
struct esp_wait {
	struct completion done;
	struct sk_buff *skb;
	struct flexsec_sa *sa;
	int err;
};

static void esp_test_done(struct sk_buff *skb, struct flexsec_sa *sa,
			  void *priv, int err)
{
	struct esp_wait *w = priv;

	w->skb = skb;
	w->sa = sa;
	w->err = err;
	complete(&w->done);
}

/*
 * The outcome of a call that returned @err: the callback must not run on a
 * synchronous return, and must be given the packet, its SA and the error
 * otherwise.
 */
static int esp_test_wait(struct kunit *test, struct esp_wait *w,
			 struct flexsec_sa *sa, struct sk_buff *skb, int err)
{
	if (err != -EINPROGRESS) {
		KUNIT_EXPECT_FALSE_MSG(test, completion_done(&w->done),
				       "done called, yet returned %d", err);
		return err;
	}
	if (!wait_for_completion_timeout(&w->done, 30 * HZ)) {
		KUNIT_FAIL(test, "no completion 30 s after -EINPROGRESS");
		wait_for_completion(&w->done);
	}
	KUNIT_EXPECT_PTR_EQ(test, w->skb, skb);
	KUNIT_EXPECT_PTR_EQ(test, w->sa, sa);
	KUNIT_EXPECT_NE_MSG(test, w->err, -EINPROGRESS,
			    "done called before the end");
	return w->err;
}

static int esp_test_encrypt(struct kunit *test, struct flexsec_sa *sa,
			    struct sk_buff *skb, u64 seq, u8 nexthdr)
{
	struct esp_wait w;
	int err;

	init_completion(&w.done);
	err = flexsec_esp_encrypt(sa, skb, seq, nexthdr, ESP_TEST_HEADROOM,
				  esp_test_done, &w);
	return esp_test_wait(test, &w, sa, skb, err);
}

static int esp_test_decrypt(struct kunit *test, struct flexsec_sa *sa,
			    struct sk_buff *skb, u64 seq)
{
	struct esp_wait w;
	int err;

	init_completion(&w.done);
	err = flexsec_esp_decrypt(sa, skb, seq, esp_test_done, &w);
	return esp_test_wait(test, &w, sa, skb, err);
}

/* Decrypt a copy of @len bytes of @packet, bit @bit of byte @at flipped. */
static int esp_test_decrypt_flipped(struct kunit *test, struct flexsec_sa *sa,
				    const u8 *packet, unsigned int len,
				    int at, u8 bit, u64 seq)
{
	struct sk_buff *skb = esp_test_skb(test, packet, len, 0, 0);

	if (at >= 0)
		skb->data[at] ^= bit;
	return esp_test_decrypt(test, sa, skb, seq);
}

static u32 esp_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* The ESP header flexsec_esp_encrypt() must write. */
static void esp_test_header(u8 *hdr, u32 spi, u64 seq)
{
	__be32 h[2] = { htonl(spi), htonl(lower_32_bits(seq)) };

	memcpy(hdr, h, sizeof(h));
}

static void esp_kat_test(struct kunit *test)
{
	const struct esp_kat *v = test->param_value;
	const u8 *packet = (const u8 *)v->packet;
	const u8 *plain = (const u8 *)v->plain;
	unsigned int ivlen, icvlen, off, payload;
	struct flexsec_sa *sa;
	struct sk_buff *skb;
	int i, err, flips[6];
	u8 nexthdr;

	sa = esp_test_sa(test, v->enc_alg, v->key, v->klen, v->auth_alg,
			 v->akey, v->aklen, v->esn, esp_be32(packet));
	ivlen = sa->xform.ivlen;
	icvlen = sa->xform.icvlen;
	off = FLEXSEC_ESP_HLEN + ivlen;
	KUNIT_ASSERT_EQ_MSG(test, v->len, off + v->plen + icvlen,
			    "vector %d: packet length", v->id);

	/* Decryption, in place. */
	skb = esp_test_skb(test, packet, v->len, 0, 0);
	err = esp_test_decrypt(test, sa, skb, v->seq);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "vector %d: decryption", v->id);
	KUNIT_EXPECT_EQ_MSG(test, skb->len, v->len, "vector %d", v->id);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data, packet, off,
			       "vector %d: header and IV changed", v->id);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data + off, plain, v->plen,
			       "vector %d: plaintext", v->id);

	/* One bit flipped anywhere but in the sequence number field. */
	flips[0] = 3;				/* SPI */
	flips[1] = FLEXSEC_ESP_HLEN;		/* IV */
	flips[2] = off;				/* ciphertext */
	flips[3] = off + v->plen - 1;
	flips[4] = v->len - icvlen;		/* ICV */
	flips[5] = v->len - 1;
	for (i = 0; i < ARRAY_SIZE(flips); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    esp_test_decrypt_flipped(test, sa, packet,
							     v->len, flips[i],
							     BIT(i % 8), v->seq),
				    -EBADMSG, "vector %d: bit %d of byte %d flipped",
				    v->id, i % 8, flips[i]);

	/*
	 * The sequence number: its low half always counts, its high half only
	 * with ESN.
	 */
	KUNIT_EXPECT_EQ_MSG(test,
			    esp_test_decrypt_flipped(test, sa, packet, v->len,
						     -1, 0, v->seq ^ 1),
			    -EBADMSG, "vector %d: wrong low half", v->id);
	skb = esp_test_skb(test, packet, v->len, 0, 0);
	err = esp_test_decrypt(test, sa, skb, v->seq ^ BIT_ULL(32));
	if (v->esn) {
		KUNIT_EXPECT_EQ_MSG(test, err, -EBADMSG,
				    "vector %d: wrong high half", v->id);
	} else {
		KUNIT_EXPECT_EQ_MSG(test, err, 0,
				    "vector %d: high half without ESN", v->id);
		KUNIT_EXPECT_MEMEQ(test, skb->data + off, plain, v->plen);
	}

	/* Encryption of the vector's payload, on the same SA. */
	payload = v->plen - 2 - plain[v->plen - 2];
	nexthdr = plain[v->plen - 1];
	skb = esp_test_skb(test, plain, payload, 0, 0);
	err = esp_test_encrypt(test, sa, skb, v->seq, nexthdr);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "vector %d: encryption", v->id);
	KUNIT_ASSERT_EQ_MSG(test, skb->len, v->len,
			    "vector %d: encrypted length", v->id);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data, packet, FLEXSEC_ESP_HLEN,
			       "vector %d: ESP header", v->id);
	err = esp_test_decrypt(test, sa, skb, v->seq);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "vector %d: decryption of ours",
			    v->id);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data + off, plain, v->plen,
			       "vector %d: padding, pad length, next header",
			       v->id);
}

enum esp_shape {
	ESP_ROOMY,	/* room enough at both ends */
	ESP_TIGHT,	/* no headroom, no tailroom to speak of */
	ESP_PAGED,	/* most of the payload in a page fragment */
	ESP_CLONED,	/* a clone shares the data */
	ESP_SHAPES,
};

static const char *const esp_shape_names[] = {
	"roomy", "tight", "paged", "cloned",
};

static struct sk_buff *esp_test_shaped(struct kunit *test, const u8 *payload,
				       unsigned int len, enum esp_shape shape,
				       struct sk_buff **clone)
{
	unsigned int head = min(len, 8U);
	struct sk_buff *skb;
	struct page *page;

	*clone = NULL;
	switch (shape) {
	case ESP_TIGHT:
		return esp_test_skb(test, payload, len, 0, 0);
	case ESP_PAGED:
		skb = esp_test_skb(test, payload, head, 0, 0);
		if (len == head)
			return skb;
		page = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, page);
		memcpy(page_address(page), payload + head, len - head);
		skb_add_rx_frag(skb, 0, page, 0, len - head, PAGE_SIZE);
		return skb;
	case ESP_CLONED:
		skb = esp_test_skb(test, payload, len, 64, 64);
		*clone = skb_clone(skb, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, *clone);
		KUNIT_ASSERT_EQ(test,
				kunit_add_action_or_reset(test,
							  kunit_action_kfree_skb,
							  *clone), 0);
		return skb;
	default:
		return esp_test_skb(test, payload, len, 64, 64);
	}
}

/*
 * Encrypt @len bytes, check the packet, decrypt it back, and decrypt it
 * again with the high half of the sequence number changed. The IV of the
 * packet is returned in @iv.
 */
static void esp_round_trip(struct kunit *test, struct flexsec_sa *sa,
			   unsigned int len, u64 seq, enum esp_shape shape,
			   u8 *iv)
{
	const struct flexsec_xform *x = &sa->xform;
	unsigned int clen = ALIGN(len + 2, x->align);
	unsigned int off = FLEXSEC_ESP_HLEN + x->ivlen;
	unsigned int total = off + clen + x->icvlen;
	u8 nexthdr = len % 2 ? IPPROTO_IPIP : IPPROTO_IPV6;
	unsigned int padlen = clen - len - 2, i;
	struct sk_buff *skb, *clone;
	u8 *payload, *expect, *sent;
	u8 hdr[FLEXSEC_ESP_HLEN];
	int err;

	payload = kunit_kmalloc(test, len + 1, GFP_KERNEL);
	expect = kunit_kmalloc(test, clen, GFP_KERNEL);
	sent = kunit_kmalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, payload);
	KUNIT_ASSERT_NOT_NULL(test, expect);
	KUNIT_ASSERT_NOT_NULL(test, sent);
	for (i = 0; i < len; i++)
		payload[i] = i * 7 + len;
	memcpy(expect, payload, len);
	for (i = 0; i < padlen; i++)
		expect[len + i] = i + 1;
	expect[len + padlen] = padlen;
	expect[len + padlen + 1] = nexthdr;

	skb = esp_test_shaped(test, payload, len, shape, &clone);
	err = esp_test_encrypt(test, sa, skb, seq, nexthdr);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "%u bytes, %s, seq %#llx: encryption",
			    len, esp_shape_names[shape], seq);
	KUNIT_ASSERT_EQ_MSG(test, skb->len, total, "%u bytes, %s: length",
			    len, esp_shape_names[shape]);
	KUNIT_EXPECT_FALSE(test, skb_is_nonlinear(skb));
	KUNIT_EXPECT_GE_MSG(test, skb_headroom(skb), ESP_TEST_HEADROOM,
			    "%u bytes, %s: headroom", len,
			    esp_shape_names[shape]);
	KUNIT_EXPECT_PTR_EQ(test, skb_transport_header(skb), skb->data);
	esp_test_header(hdr, sa->spi, seq);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data, hdr, sizeof(hdr),
			       "%u bytes, seq %#llx: ESP header", len, seq);
	if (clone)
		KUNIT_EXPECT_MEMEQ_MSG(test, clone->data, payload, len,
				       "%u bytes: the clone's data changed",
				       len);
	memcpy(sent, skb->data, total);
	memcpy(iv, skb->data + FLEXSEC_ESP_HLEN, x->ivlen);

	err = esp_test_decrypt(test, sa, skb, seq);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "%u bytes, seq %#llx: decryption",
			    len, seq);
	KUNIT_EXPECT_MEMEQ_MSG(test, skb->data + off, expect, clen,
			       "%u bytes: payload, padding, pad length, next header",
			       len);

	skb = esp_test_skb(test, sent, total, 0, 0);
	err = esp_test_decrypt(test, sa, skb, seq ^ BIT_ULL(32));
	KUNIT_EXPECT_EQ_MSG(test, err, x->esn ? -EBADMSG : 0,
			    "%u bytes, seq %#llx: high half changed", len, seq);
}

static const u64 esp_seqs[] = {
	1, 2, 0x7fffffff, 0xffffffff, 0x100000000ULL, 0x1fffffffeULL,
	0x0123456789abcdefULL, U64_MAX,
};

/* Key bytes that differ from one algorithm to the next. */
static void esp_test_key(u8 *key, unsigned int len, u8 seed)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		key[i] = seed + i * 13;
}

static struct flexsec_sa *esp_alg_sa(struct kunit *test,
				     const struct esp_alg *a, u32 spi)
{
	u8 key[32 + 4], akey[64];
	struct flexsec_sa *sa;

	esp_test_key(key, a->klen, a->klen + a->auth_alg);
	esp_test_key(akey, a->aklen, a->aklen + 1);
	sa = esp_test_sa(test, a->enc_alg, key, a->klen, a->auth_alg, akey,
			 a->aklen, a->esn, spi);
	KUNIT_EXPECT_EQ(test, sa->xform.ivlen, a->ivlen);
	KUNIT_EXPECT_EQ(test, sa->xform.icvlen, a->icvlen);
	KUNIT_EXPECT_EQ(test, sa->xform.align, a->align);
	KUNIT_EXPECT_EQ(test, sa->xform.esn, a->esn);
	return sa;
}

/* IVs of consecutive round trips, whose sequence numbers differ. */
static void esp_check_ivs(struct kunit *test, const struct esp_alg *a,
			  const u8 *iv, u64 seq, const u8 *prev, u64 prev_seq)
{
	__be64 s = cpu_to_be64(seq), p = cpu_to_be64(prev_seq);
	u8 d[8], want[8];
	unsigned int i;

	KUNIT_EXPECT_MEMNEQ_MSG(test, iv, prev, a->ivlen,
				"same IV for seq %#llx and %#llx", prev_seq, seq);
	if (a->enc_alg == FLEXSEC_ENC_ALG_AES_CBC)
		return;
	/* seqiv: the IV is the sequence number XOR a per-transform salt. */
	memcpy(want, &s, sizeof(want));
	memcpy(d, &p, sizeof(d));
	for (i = 0; i < sizeof(d); i++) {
		want[i] ^= d[i];
		d[i] = iv[i] ^ prev[i];
	}
	KUNIT_EXPECT_MEMEQ_MSG(test, d, want, sizeof(d),
			       "IVs of seq %#llx and %#llx", prev_seq, seq);
}

static void esp_alg_test(struct kunit *test)
{
	static const unsigned int big[] = { 255, 1400, 3000 };
	const struct esp_alg *a = test->param_value;
	unsigned int i, small, len;
	struct flexsec_sa *sa;
	u8 iv[2][16];
	u64 seq = 0;

	sa = esp_alg_sa(test, a, 0xc0a80001 + a->klen);

	/*
	 * Every padding length, then a few large packets; each with the next
	 * sequence number and skb shape. The IV generator must be given the
	 * whole sequence number: seqiv makes the IV the number XOR a salt,
	 * echainiv an encryption of it.
	 */
	small = max(a->align + 2U, 12U);
	for (i = 0; i < small + ARRAY_SIZE(big); i++) {
		u64 prev = seq;

		len = i < small ? i : big[i - small];
		seq = esp_seqs[i % ARRAY_SIZE(esp_seqs)];
		esp_round_trip(test, sa, len, seq, i % ESP_SHAPES, iv[i % 2]);
		if (i)
			esp_check_ivs(test, a, iv[i % 2], seq, iv[(i + 1) % 2],
				      prev);
	}
}

/*
 * The asynchronous path: with the FPU taken, the SIMD implementations hand
 * requests to cryptd, as they do when a packet arrives while the FPU is in
 * use, and the callback reports the outcome.
 */
static void esp_async_test(struct kunit *test)
{
#ifdef CONFIG_X86
	const struct esp_alg *a = test->param_value;
	unsigned int total, async = 0;
	struct esp_wait w;
	struct sk_buff *skb;
	struct flexsec_sa *sa;
	u8 payload[100], *sent;
	int err, round;

	sa = esp_alg_sa(test, a, 0x00a5c000 + a->klen);
	memset(payload, 0x5a, sizeof(payload));
	total = FLEXSEC_ESP_HLEN + a->ivlen +
		ALIGN(sizeof(payload) + 2, a->align) + a->icvlen;
	sent = kunit_kmalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sent);

	skb = esp_test_skb(test, payload, sizeof(payload), 64, 64);
	init_completion(&w.done);
	kernel_fpu_begin();
	err = flexsec_esp_encrypt(sa, skb, 0x100000007ULL, IPPROTO_IPIP,
				  ESP_TEST_HEADROOM, esp_test_done, &w);
	kernel_fpu_end();
	async += err == -EINPROGRESS;
	err = esp_test_wait(test, &w, sa, skb, err);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "encryption");
	KUNIT_ASSERT_EQ(test, skb->len, total);
	memcpy(sent, skb->data, total);

	/* Intact, then with its ICV or its sequence number wrong. */
	for (round = 0; round < 3; round++) {
		skb = esp_test_skb(test, sent, total, 0, 0);
		if (round == 1)
			skb->data[total - 1] ^= 0x80;
		init_completion(&w.done);
		kernel_fpu_begin();
		err = flexsec_esp_decrypt(sa, skb, round == 2 ? 8 : 0x100000007ULL,
					  esp_test_done, &w);
		kernel_fpu_end();
		async += err == -EINPROGRESS;
		err = esp_test_wait(test, &w, sa, skb, err);
		KUNIT_EXPECT_EQ_MSG(test, err, round ? -EBADMSG : 0,
				    "decryption %d", round);
		if (!round)
			KUNIT_EXPECT_MEMEQ(test, skb->data + FLEXSEC_ESP_HLEN +
					   a->ivlen, payload, sizeof(payload));
	}
	if (!async)
		kunit_skip(test, "%s completed synchronously", a->name);
#else
	kunit_skip(test, "needs x86 to defer to cryptd");
#endif
}

/* Keys flexsec refuses, among them draft-mcgrew-gcm-test-01 case 7's. */
static void esp_refused_test(struct kunit *test)
{
	static const u8 aes192_gcm[] =
		"\xfe\xff\xe9\x92\x86\x65\x73\x1c"
		"\x6d\x6a\x8f\x94\x67\x30\x83\x08"
		"\xfe\xff\xe9\x92\x86\x65\x73\x1c"
		"\xca\xfe\xba\xbe";
	static const struct {
		const char *what;
		u32 enc_alg;
		unsigned int klen;
		u32 auth_alg;
		unsigned int aklen;
	} cases[] = {
		{ "aes192-gcm", FLEXSEC_ENC_ALG_AES_GCM, 24 + 4, 0, 0 },
		{ "aes-gcm without salt", FLEXSEC_ENC_ALG_AES_GCM, 16, 0, 0 },
		{ "aes-gcm with an HMAC", FLEXSEC_ENC_ALG_AES_GCM, 16 + 4,
		  FLEXSEC_AUTH_ALG_HMAC_SHA256_128, 32 },
		{ "chacha20-poly1305 without salt",
		  FLEXSEC_ENC_ALG_CHACHA20_POLY1305, 32, 0, 0 },
		{ "aes-cbc without HMAC", FLEXSEC_ENC_ALG_AES_CBC, 16, 0, 0 },
		{ "aes-cbc with a short HMAC key", FLEXSEC_ENC_ALG_AES_CBC, 16,
		  FLEXSEC_AUTH_ALG_HMAC_SHA256_128, 20 },
		{ "aes-cbc with a salt", FLEXSEC_ENC_ALG_AES_CBC, 16 + 4,
		  FLEXSEC_AUTH_ALG_HMAC_SHA1_96, 20 },
		{ "unknown algorithm", 99, 16, 0, 0 },
	};
	struct flexsec_xform x = {};
	u8 key[64] = {}, akey[64] = {};
	unsigned int i;

	memcpy(key, aes192_gcm, 24 + 4);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		KUNIT_EXPECT_EQ_MSG(test,
				    flexsec_xform_init(&x, cases[i].enc_alg,
						       key, cases[i].klen,
						       cases[i].auth_alg, akey,
						       cases[i].aklen, false,
						       NULL, NULL, NULL),
				    -EINVAL, "%s", cases[i].what);
		KUNIT_EXPECT_NULL(test, x.aead);
	}
}

/*
 * The first use of each algorithm builds its templates, asking for modules
 * on the way: seconds each in an emulated guest.
 */
#define ESP_SLOW	{ .speed = KUNIT_SPEED_SLOW }

static struct kunit_case esp_cases[] = {
	KUNIT_CASE_PARAM_ATTR(esp_kat_test, esp_kat_gen_params, ESP_SLOW),
	KUNIT_CASE_PARAM_ATTR(esp_alg_test, esp_alg_gen_params, ESP_SLOW),
	KUNIT_CASE_PARAM(esp_async_test, esp_alg_gen_params),
	KUNIT_CASE(esp_refused_test),
	{}
};

static struct kunit_suite esp_suite = {
	.name = "flexsec_esp",
	.test_cases = esp_cases,
};

kunit_test_suite(esp_suite);
