/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the control socket's command tree: a request on its way through
 * the tree, the tree's nodes, and the branches and helpers the files of
 * the commands share. ctl.c walks the tree from its top; ctl_show.c holds
 * the show branch, ctl_admin.c the clear, debug and reload commands.
 */
#ifndef FLEXSECD_CTL_INT_H
#define FLEXSECD_CTL_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

#include <json-c/json.h>

enum arg_type { ARG_NONE, ARG_NAME, ARG_ADDR, ARG_ADDR4, ARG_ADDR6 };

/* Set by keywords on the way to a command. */
#define F_NEG		0x01	/* "no debug ...", "undebug ..." */
#define F_DETAILED	0x02
#define F_BRIEF		0x04
#define F_LATEST	0x08
#define F_VA_CONFIG	0x10	/* ... virtual-access N configuration */
#define F_VA_DERIVED	0x20	/* show derived-config ... */

struct ctl_req {
	FILE *out;
	bool json;
	unsigned int flags;
	unsigned int val;	/* the last keyword's value: a debug
				 * category, a trace ring
				 */
	const char *name;	/* a NAME argument */
	struct sockaddr_storage addr;	/* an address argument */
	bool has_addr;
};

struct cmd {
	const char *word;	/* keyword, or the argument's placeholder */
	const char *help;
	enum arg_type arg;
	unsigned int flag;	/* added to ctl_req.flags */
	unsigned int val;	/* when not 0, becomes ctl_req.val */
	const struct cmd *sub;	/* the words that may follow */
	int (*fn)(struct ctl_req *r);	/* the command, when the line ends */
};

#define CMD_END	{ .word = NULL }

/* The branches below the top of the tree. ctl_client.c: the FlexVPN
 * client's, below "show crypto ikev2 client" and "clear crypto ikev2
 * client", and "crypto ikev2 client flexvpn connect". */
extern const struct cmd ctl_show_client_cmds[];
extern const struct cmd ctl_clear_client_cmds[];
extern const struct cmd ctl_crypto_cmds[];
extern const struct cmd ctl_show_cmds[];
extern const struct cmd ctl_clear_cmds[];
extern const struct cmd ctl_debug_cmds[];
extern const struct cmd ctl_no_cmds[];
/* "reload" */
int ctl_reload(struct ctl_req *r);

/* "% MSG", or {"error": MSG}; returns 1, the status of a refusal. */
int ctl_error(struct ctl_req *r, const char *msg);
/* JO as one line of the answer; JO is put. */
void ctl_json(struct ctl_req *r, struct json_object *jo);

#endif /* FLEXSECD_CTL_INT_H */
