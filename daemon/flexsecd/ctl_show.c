// SPDX-License-Identifier: GPL-2.0
/*
 * The show branch of the control socket's command tree: "show crypto
 * ikev2|ipsec|session ...", "show monitor event-trace ..." and "show
 * debugging", each calling the show function of its state.
 */

#include <stdlib.h>

#include "conf_show.h"
#include "ctl_int.h"
#include "daemon.h"
#include "diag.h"
#include "show.h"

static int need_conf(struct ctl_req *r)
{
	return D.conf ? 0 : ctl_error(r, "No configuration loaded");
}

static int do_show_proposal(struct ctl_req *r)
{
	if (need_conf(r))
		return 1;
	return conf_show_ikev2_proposal(r->out, D.conf, r->name, r->json) ?
	       1 : 0;
}

static int do_show_policy(struct ctl_req *r)
{
	if (need_conf(r))
		return 1;
	return conf_show_ikev2_policy(r->out, D.conf, r->name, r->json) ?
	       1 : 0;
}

static int do_show_profile(struct ctl_req *r)
{
	if (need_conf(r))
		return 1;
	return conf_show_ikev2_profile(r->out, D.conf, r->name, r->json) ?
	       1 : 0;
}

static int do_show_tset(struct ctl_req *r)
{
	if (need_conf(r))
		return 1;
	return conf_show_ipsec_transform_set(r->out, D.conf, r->name,
					     r->json) ? 1 : 0;
}

static int do_show_ipsec_profile(struct ctl_req *r)
{
	if (need_conf(r))
		return 1;
	return conf_show_ipsec_profile(r->out, D.conf, r->name, r->json) ?
	       1 : 0;
}

static int do_show_authz(struct ctl_req *r)
{
	if (need_conf(r))
		return 1;
	return conf_show_authz_policy(r->out, D.conf, r->name, r->json) ?
	       1 : 0;
}

static int do_show_pool(struct ctl_req *r)
{
	return conf_show_local_pool(r->out, D.pools, AF_INET, r->name,
				    r->json) ? 1 : 0;
}

static int do_show_pool6(struct ctl_req *r)
{
	return conf_show_local_pool(r->out, D.pools, AF_INET6, r->name,
				    r->json) ? 1 : 0;
}

static int do_show_va(struct ctl_req *r)
{
	char *end;
	unsigned long n = strtoul(r->name ? r->name : "", &end, 10);

	if (!r->name || *end || !n || n > 100000)
		return ctl_error(r, "Virtual-Access numbers are 1 and up");
	return show_virtual_access(r->out, (unsigned int)n,
				   r->flags & F_VA_CONFIG,
				   r->flags & F_VA_DERIVED, r->json) ? 1 : 0;
}

static int do_show_ikev2_sa(struct ctl_req *r)
{
	return show_ikev2_sa(r->out, r->flags & F_DETAILED, r->json) ? 1 : 0;
}

static int do_show_stats(struct ctl_req *r)
{
	return show_ikev2_stats(r->out, r->json) ? 1 : 0;
}

static int do_show_ipsec_sa(struct ctl_req *r)
{
	return show_ipsec_sa(r->out, r->has_addr ? &r->addr : NULL,
			     r->json) ? 1 : 0;
}

static int do_show_session(struct ctl_req *r)
{
	return show_crypto_session(r->out, r->flags & F_BRIEF,
				   r->flags & F_DETAILED,
				   r->has_addr ? &r->addr : NULL,
				   r->json) ? 1 : 0;
}

static int do_show_diag(struct ctl_req *r)
{
	diag_show_errors(r->out, r->json);
	return 0;
}

static const char *const trace_names[] = { "error", "event", "exception" };

static int do_show_trace(struct ctl_req *r)
{
	if (!r->val || r->val > 3)
		return ctl_error(r, "Incomplete command.");
	return diag_show_trace(r->out, trace_names[r->val - 1],
			       r->flags & F_LATEST, r->json) ? 1 : 0;
}

static int do_show_debugging(struct ctl_req *r)
{
	diag_show_debug(r->out, r->json);
	return 0;
}

/* --- the tree, leaves first --- */

static const struct cmd sa_opts[] = {
	{ "detailed", "Everything about each SA", .fn = do_show_ikev2_sa,
	  .flag = F_DETAILED },
	CMD_END
};

static const struct cmd proposal_name[] = {
	{ "WORD", "Proposal name", ARG_NAME, .fn = do_show_proposal },
	CMD_END
};

static const struct cmd policy_name[] = {
	{ "WORD", "Policy name", ARG_NAME, .fn = do_show_policy },
	CMD_END
};

static const struct cmd profile_name[] = {
	{ "WORD", "Profile name", ARG_NAME, .fn = do_show_profile },
	CMD_END
};

static const struct cmd authz_name[] = {
	{ "WORD", "Authorization policy name", ARG_NAME, .fn = do_show_authz },
	CMD_END
};

static const struct cmd authz_opts[] = {
	{ "policy", "IKEv2 authorization policies", .sub = authz_name,
	  .fn = do_show_authz },
	CMD_END
};

static const struct cmd pool_name[] = {
	{ "WORD", "Pool name", ARG_NAME, .fn = do_show_pool },
	CMD_END
};

static const struct cmd ip_local_opts[] = {
	{ "pool", "Local address pools", .sub = pool_name, .fn = do_show_pool },
	CMD_END
};

static const struct cmd pool6_name[] = {
	{ "WORD", "Pool name", ARG_NAME, .fn = do_show_pool6 },
	CMD_END
};

static const struct cmd ipv6_local_opts[] = {
	{ "pool", "Local IPv6 prefix pools", .sub = pool6_name,
	  .fn = do_show_pool6 },
	CMD_END
};

static const struct cmd show_ipv6[] = {
	{ "local", "Local IPv6 prefix pools", .sub = ipv6_local_opts },
	CMD_END
};

static const struct cmd va_config[] = {
	{ "configuration", "The configuration it was given",
	  .flag = F_VA_CONFIG, .fn = do_show_va },
	CMD_END
};

static const struct cmd va_num[] = {
	{ "NUMBER", "Virtual-Access interface number", ARG_NAME,
	  .sub = va_config, .fn = do_show_va },
	CMD_END
};

static const struct cmd show_interfaces[] = {
	{ "virtual-access", "Virtual-Access interfaces", .sub = va_num },
	CMD_END
};

static const struct cmd va_num_derived[] = {
	{ "NUMBER", "Virtual-Access interface number", ARG_NAME,
	  .flag = F_VA_DERIVED, .fn = do_show_va },
	CMD_END
};

static const struct cmd derived_va[] = {
	{ "virtual-access", "Virtual-Access interfaces", .sub = va_num_derived },
	CMD_END
};

static const struct cmd show_derived[] = {
	{ "interface", "One interface", .sub = derived_va },
	CMD_END
};

static const struct cmd show_ip[] = {
	{ "local", "Local address pools", .sub = ip_local_opts },
	CMD_END
};

static const struct cmd diag_opts[] = {
	{ "error", "Exit path table", .fn = do_show_diag },
	CMD_END
};

static const struct cmd show_ikev2[] = {
	{ "sa", "IKEv2 security associations", .sub = sa_opts,
	  .fn = do_show_ikev2_sa },
	{ "stats", "IKEv2 statistics", .fn = do_show_stats },
	{ "authorization", "IKEv2 authorization", .sub = authz_opts },
	{ "client", "IKEv2 clients", .sub = ctl_show_client_cmds },
	{ "proposal", "IKEv2 proposals", .sub = proposal_name,
	  .fn = do_show_proposal },
	{ "policy", "IKEv2 policies", .sub = policy_name,
	  .fn = do_show_policy },
	{ "profile", "IKEv2 profiles", .sub = profile_name,
	  .fn = do_show_profile },
	{ "diagnose", "IKEv2 diagnostics", .sub = diag_opts },
	CMD_END
};

static const struct cmd ipsec_peer_addr[] = {
	{ "A.B.C.D", "Peer address (IPv4 or IPv6)", ARG_ADDR,
	  .fn = do_show_ipsec_sa },
	CMD_END
};

static const struct cmd ipsec_sa_opts[] = {
	{ "peer", "Only the SAs with this peer", .sub = ipsec_peer_addr },
	CMD_END
};

static const struct cmd tset_name[] = {
	{ "WORD", "Transform set name", ARG_NAME, .fn = do_show_tset },
	CMD_END
};

static const struct cmd ipsec_profile_name[] = {
	{ "WORD", "IPsec profile name", ARG_NAME,
	  .fn = do_show_ipsec_profile },
	CMD_END
};

static const struct cmd show_ipsec[] = {
	{ "sa", "IPsec security associations", .sub = ipsec_sa_opts,
	  .fn = do_show_ipsec_sa },
	{ "transform-set", "IPsec transform sets", .sub = tset_name,
	  .fn = do_show_tset },
	{ "profile", "IPsec profiles", .sub = ipsec_profile_name,
	  .fn = do_show_ipsec_profile },
	CMD_END
};

static const struct cmd session_addr_opts[] = {
	{ "brief", "One line per session", .flag = F_BRIEF,
	  .fn = do_show_session },
	CMD_END
};

static const struct cmd session_addr[] = {
	{ "A.B.C.D", "Remote address (IPv4 or IPv6)", ARG_ADDR,
	  .sub = session_addr_opts, .fn = do_show_session },
	CMD_END
};

static const struct cmd session_remote[] = {
	{ "remote", "Only the sessions with this peer", .sub = session_addr },
	CMD_END
};

static const struct cmd session_opts[] = {
	{ "brief", "One line per session", .flag = F_BRIEF,
	  .sub = session_remote, .fn = do_show_session },
	{ "detail", "With the assigned addresses and routes",
	  .flag = F_DETAILED, .sub = session_remote, .fn = do_show_session },
	{ "remote", "Only the sessions with this peer", .sub = session_addr },
	CMD_END
};

static const struct cmd show_crypto[] = {
	{ "ikev2", "IKEv2", .sub = show_ikev2 },
	{ "ipsec", "IPsec", .sub = show_ipsec },
	{ "session", "Crypto sessions", .sub = session_opts,
	  .fn = do_show_session },
	CMD_END
};

static const struct cmd trace_range[] = {
	{ "all", "Every entry of the buffer", .fn = do_show_trace },
	{ "latest", "Entries since the last display", .flag = F_LATEST,
	  .fn = do_show_trace },
	CMD_END
};

static const struct cmd trace_ring[] = {
	{ "error", "IKEv2 errors", .val = 1, .sub = trace_range },
	{ "event", "IKEv2 events", .val = 2, .sub = trace_range },
	{ "exception", "IKEv2 exceptions", .val = 3, .sub = trace_range },
	CMD_END
};

static const struct cmd trace_ikev2[] = {
	{ "ikev2", "IKEv2 traces", .sub = trace_ring },
	CMD_END
};

static const struct cmd trace_crypto[] = {
	{ "crypto", "Crypto traces", .sub = trace_ikev2 },
	CMD_END
};

static const struct cmd show_monitor[] = {
	{ "event-trace", "Event traces", .sub = trace_crypto },
	CMD_END
};

const struct cmd ctl_show_cmds[] = {
	{ "crypto", "Crypto state", .sub = show_crypto },
	{ "monitor", "Monitoring", .sub = show_monitor },
	{ "ip", "IP", .sub = show_ip },
	{ "ipv6", "IPv6", .sub = show_ipv6 },
	{ "interfaces", "Interfaces", .sub = show_interfaces },
	{ "derived-config", "Configuration an interface was given",
	  .sub = show_derived },
	{ "debugging", "Debug switches and conditions",
	  .fn = do_show_debugging },
	CMD_END
};
