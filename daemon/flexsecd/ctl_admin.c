// SPDX-License-Identifier: GPL-2.0
/*
 * The commands of the control socket that change things, with their
 * branches of the command tree: "clear crypto ...", "debug ...",
 * "undebug ...", "no debug ..." and "reload".
 */

#include <errno.h>
#include <stdlib.h>

#include "ctl_int.h"
#include "daemon.h"
#include "diag.h"
#include "kmi.h"

/* {"KEY": N} or {"ok": true} for the commands that change things. */
static void out_json_u64(struct ctl_req *r, const char *key, uint64_t n)
{
	struct json_object *jo = json_object_new_object();

	if (key)
		json_object_object_add(jo, key, json_object_new_uint64(n));
	else
		json_object_object_add(jo, "ok", json_object_new_boolean(1));
	ctl_json(r, jo);
}

/* --- clear --- */

static int do_clear_session(struct ctl_req *r)
{
	unsigned int n = daemon_clear(r->has_addr ? &r->addr : NULL);

	if (r->json)
		out_json_u64(r, "cleared", n);
	return 0;
}

static int do_clear_sa(struct ctl_req *r)
{
	unsigned int n = daemon_clear_children(r->has_addr ? &r->addr : NULL);

	if (r->json)
		out_json_u64(r, "cleared", n);
	return 0;
}

static int do_clear_diag(struct ctl_req *r)
{
	diag_clear_errors();
	if (r->json)
		out_json_u64(r, NULL, 0);
	return 0;
}

/* --- debug --- */

static void kmi_debug(void)
{
	if (D.kmi)
		kmi_set_debug(D.kmi, dbg_get() & DBG_KMI);
}

/* After a debug command: IOS's sentence, or the new state as JSON. */
static void debug_answer(struct ctl_req *r, const char *what, bool on)
{
	if (r->json)
		diag_show_debug(r->out, true);
	else if (what)
		fprintf(r->out, "%s debugging is %s\n", what,
			on ? "on" : "off");
}

static int do_debug(struct ctl_req *r)
{
	bool on = !(r->flags & F_NEG);
	unsigned int cats = r->val;

	/* the hexdump needs the packet lines; no packet lines, no hexdump */
	if (on && cats == DBG_HEXDUMP)
		cats |= DBG_PACKET;
	if (!on && cats == DBG_PACKET)
		cats |= DBG_HEXDUMP;
	dbg_set(cats, on);
	kmi_debug();
	debug_answer(r, dbg_cat_name(r->val), on);
	return 0;
}

static int do_debug_all(struct ctl_req *r)
{
	bool on = !(r->flags & F_NEG);

	dbg_set(DBG_IKEV2 | DBG_ERROR | DBG_PACKET | DBG_HEXDUMP |
		DBG_INTERNAL | DBG_KMI | DBG_VTEMPLATE, on);
	kmi_debug();
	if (r->json)
		diag_show_debug(r->out, true);
	else
		fprintf(r->out, "All possible debugging has been turned %s\n",
			on ? "on" : "off");
	return 0;
}

static int do_condition(struct ctl_req *r)
{
	bool on = !(r->flags & F_NEG);
	int err = dbg_condition_peer(&r->addr, on);

	if (err == -ENOENT)
		return ctl_error(r, "No such condition");
	if (err == -ENOSPC)
		return ctl_error(r, "Too many debug conditions");
	if (err && err != -EEXIST)
		return ctl_error(r, "Unsupported address");
	debug_answer(r, NULL, on);
	return 0;
}

static int do_condition_reset(struct ctl_req *r)
{
	dbg_condition_clear();
	debug_answer(r, NULL, false);
	return 0;
}

/* --- reload --- */

static int reload_json(struct ctl_req *r)
{
	struct json_object *jo;
	char *text = NULL;
	size_t len = 0;
	FILE *m;
	int ret;

	m = open_memstream(&text, &len);
	if (!m)
		return ctl_error(r, "Out of memory");
	ret = daemon_reload(m);
	if (fclose(m)) {
		free(text);
		return ctl_error(r, "Out of memory");
	}
	jo = json_object_new_object();
	json_object_object_add(jo, "ok", json_object_new_boolean(ret == 0));
	json_object_object_add(jo, "output", json_object_new_string(text));
	ctl_json(r, jo);
	free(text);
	return ret ? 1 : 0;
}

int ctl_reload(struct ctl_req *r)
{
	if (r->json)
		return reload_json(r);
	return daemon_reload(r->out) ? 1 : 0;
}

/* --- the tree, leaves first --- */

static const struct cmd clear_addr[] = {
	{ "A.B.C.D", "Remote address (IPv4 or IPv6)", ARG_ADDR,
	  .fn = do_clear_session },
	CMD_END
};

static const struct cmd clear_remote[] = {
	{ "remote", "Only the sessions with this peer", .sub = clear_addr },
	CMD_END
};

static const struct cmd clear_sa_addr[] = {
	{ "A.B.C.D", "Remote address (IPv4 or IPv6)", ARG_ADDR,
	  .fn = do_clear_sa },
	CMD_END
};

static const struct cmd clear_sa_peer[] = {
	{ "peer", "Only the IPsec SAs with this peer", .sub = clear_sa_addr },
	CMD_END
};

static const struct cmd clear_diag[] = {
	{ "error", "Exit path table", .fn = do_clear_diag },
	CMD_END
};

static const struct cmd clear_ikev2[] = {
	{ "sa", "Every IKEv2 SA", .fn = do_clear_session },
	{ "client", "IKEv2 clients", .sub = ctl_clear_client_cmds },
	{ "diagnose", "IKEv2 diagnostics", .sub = clear_diag },
	CMD_END
};

static const struct cmd clear_crypto[] = {
	{ "session", "Crypto sessions (IKE and IPsec SAs)",
	  .sub = clear_remote, .fn = do_clear_session },
	{ "sa", "IPsec SAs (the IKEv2 SAs stay)", .sub = clear_sa_peer,
	  .fn = do_clear_sa },
	{ "ikev2", "IKEv2", .sub = clear_ikev2 },
	CMD_END
};

const struct cmd ctl_clear_cmds[] = {
	{ "crypto", "Crypto state", .sub = clear_crypto },
	CMD_END
};

static const struct cmd dbg_packet_opts[] = {
	{ "hexdump", "With the bytes in hex", .val = DBG_HEXDUMP,
	  .fn = do_debug },
	CMD_END
};

static const struct cmd dbg_ikev2[] = {
	{ "error", "IKEv2 errors", .val = DBG_ERROR, .fn = do_debug },
	{ "internal", "IKEv2 internals", .val = DBG_INTERNAL,
	  .fn = do_debug },
	{ "packet", "IKEv2 messages, payload by payload", .val = DBG_PACKET,
	  .sub = dbg_packet_opts, .fn = do_debug },
	CMD_END
};

static const struct cmd cond_addr4[] = {
	{ "A.B.C.D", "Peer IPv4 address", ARG_ADDR4, .fn = do_condition },
	CMD_END
};

static const struct cmd cond_addr6[] = {
	{ "X:X:X:X::X", "Peer IPv6 address", ARG_ADDR6, .fn = do_condition },
	CMD_END
};

static const struct cmd cond_peer[] = {
	{ "ipv4", "IPv4 peer", .sub = cond_addr4 },
	{ "ipv6", "IPv6 peer", .sub = cond_addr6 },
	CMD_END
};

static const struct cmd dbg_cond[] = {
	{ "peer", "Debug only this peer", .sub = cond_peer },
	{ "reset", "Remove every condition", .fn = do_condition_reset },
	CMD_END
};

static const struct cmd dbg_crypto[] = {
	{ "ikev2", "IKEv2", .val = DBG_IKEV2, .sub = dbg_ikev2,
	  .fn = do_debug },
	{ "kmi", "Messages to and from flexsec.ko", .val = DBG_KMI,
	  .fn = do_debug },
	{ "condition", "Debug conditions", .sub = dbg_cond },
	CMD_END
};

static const struct cmd dbg_vtemplate[] = {
	{ "cloning", "Virtual-Access interfaces cloned from templates",
	  .val = DBG_VTEMPLATE, .fn = do_debug },
	CMD_END
};

const struct cmd ctl_debug_cmds[] = {
	{ "crypto", "Crypto debugging", .sub = dbg_crypto },
	{ "vtemplate", "Virtual templates", .sub = dbg_vtemplate },
	{ "all", "Every debug switch", .fn = do_debug_all },
	CMD_END
};

const struct cmd ctl_no_cmds[] = {
	{ "debug", "Turn debugging off", .flag = F_NEG, .sub = ctl_debug_cmds },
	CMD_END
};
