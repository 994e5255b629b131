// SPDX-License-Identifier: GPL-2.0
/*
 * The FlexVPN client's commands on the control socket: "show crypto ikev2
 * client flexvpn [NAME]", "crypto ikev2 client flexvpn connect [NAME]"
 * and "clear crypto ikev2 client flexvpn NAME".
 */

#include "client.h"
#include "ctl_int.h"

static int do_show(struct ctl_req *r)
{
	return show_client_flexvpn(r->out, r->name, r->json) ? 1 : 0;
}

static int done(struct ctl_req *r, int err, const char *msg)
{
	if (err)
		return ctl_error(r, msg);
	if (r->json)
		fprintf(r->out, "{\"ok\":true}\n");
	return 0;
}

static int do_connect(struct ctl_req *r)
{
	char msg[128];

	return done(r, client_connect_cmd(r->name, msg, sizeof(msg)), msg);
}

static int do_clear(struct ctl_req *r)
{
	char msg[128];

	return done(r, client_clear_cmd(r->name, msg, sizeof(msg)), msg);
}

static const struct cmd show_name[] = {
	{ "WORD", "FlexVPN client name", ARG_NAME, .fn = do_show },
	CMD_END
};

const struct cmd ctl_show_client_cmds[] = {
	{ "flexvpn", "FlexVPN clients", .sub = show_name, .fn = do_show },
	CMD_END
};

static const struct cmd connect_name[] = {
	{ "WORD", "FlexVPN client name", ARG_NAME, .fn = do_connect },
	CMD_END
};

static const struct cmd flexvpn_exec[] = {
	{ "connect", "Connect (connect manual)", .sub = connect_name,
	  .fn = do_connect },
	CMD_END
};

static const struct cmd client_exec[] = {
	{ "flexvpn", "FlexVPN clients", .sub = flexvpn_exec },
	CMD_END
};

static const struct cmd ikev2_exec[] = {
	{ "client", "IKEv2 clients", .sub = client_exec },
	CMD_END
};

const struct cmd ctl_crypto_cmds[] = {
	{ "ikev2", "IKEv2", .sub = ikev2_exec },
	CMD_END
};

static const struct cmd clear_name[] = {
	{ "WORD", "FlexVPN client name", ARG_NAME, .fn = do_clear },
	CMD_END
};

const struct cmd ctl_clear_client_cmds[] = {
	{ "flexvpn", "Reconnect (or, connect manual, disconnect) a client",
	  .sub = clear_name },
	CMD_END
};
