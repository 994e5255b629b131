// SPDX-License-Identifier: GPL-2.0
/*
 * link_flexsec.so: the iproute2 link plugin for flexsec tunnels.
 *
 * ip(8) loads it for "ip link ... type flexsec" and "ip -d link show" of a
 * flexsec device: it turns the words after "type flexsec" into the
 * IFLA_FLEXSEC_* attributes of IFLA_INFO_DATA and prints them back.
 *
 * ip has no plugin ABI: it reads struct link_util, an internal structure, at
 * the offsets it was compiled with, and the plugin calls helpers the ip binary
 * exports. Both are those of iproute2 6.1.0 (Debian 12). When it is loaded,
 * the plugin asks the running ip for its release (ip -V) and checks the size
 * of a struct link_util ip itself exports; on any mismatch it stops ip with an
 * error before ip can use the structure.
 */

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <net/if.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/flexsec.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/types.h>

/* The iproute2 release whose struct link_util and helpers are used here. */
#define FLEXSEC_IPROUTE2	"6.1.0"

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* ip builds link requests in a 1024-byte buffer after the ifinfomsg. */
#define FLEXSEC_REQ_MAX		1024

/*
 * struct link_util of iproute2 6.1.0 (ip/ip_common.h), member for member.
 * ip links the structure into a list through @next and looks it up by @id.
 */
struct link_util {
	struct link_util	*next;
	const char		*id;
	int			maxattr;
	int			(*parse_opt)(struct link_util *lu, int argc,
					     char **argv, struct nlmsghdr *n);
	void			(*print_opt)(struct link_util *lu, FILE *f,
					     struct rtattr *tb[]);
	void			(*print_xstats)(struct link_util *lu, FILE *f,
						struct rtattr *xstats);
	void			(*print_help)(struct link_util *lu, int argc,
					      char **argv, FILE *f);
	int			(*parse_ifla_xstats)(struct link_util *lu,
						     int argc, char **argv);
	int			(*print_ifla_xstats)(struct nlmsghdr *n,
						     void *arg);
};

/* enum output_type and enum color_attr values of iproute2 6.1.0. */
#define IP_PRINT_FP		1
#define IP_PRINT_JSON		2
#define IP_PRINT_ANY		4
#define IP_COLOR_NONE		6

/* Helpers exported by the ip binary of iproute2 6.1.0 (nm -D /usr/bin/ip). */
int addattr_l(struct nlmsghdr *n, int maxlen, int type, const void *data,
	      int alen);
int addattr8(struct nlmsghdr *n, int maxlen, int type, __u8 data);
int addattr32(struct nlmsghdr *n, int maxlen, int type, __u32 data);
int get_u8(__u8 *val, const char *arg, int base);
int get_u32(__u32 *val, const char *arg, int base);
int rtnl_dsfield_a2n(__u32 *id, const char *arg);
int nodev(const char *dev);
void invarg(const char *msg, const char *arg) __attribute__((noreturn));
void missarg(const char *key) __attribute__((noreturn));
void duparg(const char *key, const char *arg) __attribute__((noreturn));
void incomplete_command(void) __attribute__((noreturn));
int ifa_family_color(__u8 family);
int print_color_string(int type, int color, const char *key, const char *fmt,
		       const char *value);
int print_color_uint(int type, int color, const char *key, const char *fmt,
		     unsigned int value);
int print_color_bool(int type, int color, const char *key, const char *fmt,
		     bool value);

/* ------------------------------------------------------------------ */
/* Load-time check of the running ip                                   */
/* ------------------------------------------------------------------ */

static void __attribute__((noreturn, format(printf, 1, 2)))
refuse(const char *fmt, ...)
{
	va_list ap;

	fputs("Error: link_flexsec.so: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	exit(EXIT_FAILURE);
}

/* Run "@exe -V" and read what it prints into @buf (NUL-terminated). */
static bool run_version(const char *exe, char *buf, size_t len)
{
	static char arg0[] = "ip", arg1[] = "-V";
	char *argv[] = { arg0, arg1, NULL };
	posix_spawn_file_actions_t fa;
	size_t used = 0;
	int fds[2], status, err;
	ssize_t got;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return false;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
					 O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
					 O_WRONLY, 0);
	err = posix_spawn(&pid, exe, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (err) {
		close(fds[0]);
		return false;
	}

	while (used < len - 1) {
		got = read(fds[0], buf + used, len - 1 - used);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		used += got;
	}
	buf[used] = '\0';
	close(fds[0]);

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 && used;
}

/*
 * The release in "ip utility, iproute2-6.1.0, libbpf 1.1.2", cut out of
 * @out in place; NULL if there is none.
 */
static const char *iproute2_release(char *out)
{
	char *rel = strstr(out, "iproute2-");

	if (!rel)
		return NULL;
	rel += strlen("iproute2-");
	rel[strcspn(rel, ", \t\n")] = '\0';
	return *rel ? rel : NULL;
}

/*
 * ip exports its built-in link_utils. gre's must be as large as the struct
 * link_util above, and read through it, must show gre's id and callbacks.
 */
static bool link_util_matches(void)
{
	const struct link_util *gre;
	void *sym = NULL;
	Dl_info info;

	gre = dlsym(RTLD_DEFAULT, "gre_link_util");
	if (!gre || !dladdr1(gre, &info, &sym, RTLD_DL_SYMENT) || !sym ||
	    ((const ElfW(Sym) *)sym)->st_size != sizeof(*gre))
		return false;
	return gre->id && strcmp(gre->id, "gre") == 0 && gre->maxattr > 0 &&
	       gre->parse_opt && gre->print_opt && gre->print_help;
}

/*
 * ip reads struct link_util as soon as the plugin is loaded, before calling
 * any of its functions, so the check cannot wait for the first parse.
 */
static void __attribute__((constructor)) flexsec_check_ip(void)
{
	const char *exe = (const char *)getauxval(AT_EXECFN);
	const char *rel = NULL;
	char out[256];

	if (run_version("/proc/self/exe", out, sizeof(out)) ||
	    (exe && run_version(exe, out, sizeof(out))))
		rel = iproute2_release(out);
	if (!rel)
		refuse("cannot tell which iproute2 this ip is (\"ip -V\" failed); it is built for iproute2 %s only.",
		       FLEXSEC_IPROUTE2);
	if (strcmp(rel, FLEXSEC_IPROUTE2) != 0)
		refuse("built for iproute2 %s, but this ip is iproute2-%s; install the plugin built for this iproute2.",
		       FLEXSEC_IPROUTE2, rel);
	if (!link_util_matches())
		refuse("this ip's struct link_util is not that of iproute2 %s; install the plugin built for this iproute2.",
		       FLEXSEC_IPROUTE2);
}

/* ------------------------------------------------------------------ */
/* Help                                                                */
/* ------------------------------------------------------------------ */

static void flexsec_print_help(struct link_util *lu, int argc, char **argv,
			       FILE *f)
{
	fprintf(f,
		"Usage: ... flexsec mode { vti | gre }\n"
		"\t\t  local ADDR remote ADDR\n"
		"\t\t  [ key KEY | [ ikey KEY ] [ okey KEY ] ]\n"
		"\t\t  [ dev PHYS_DEV ]\n"
		"\t\t  [ ttl TTL ]\n"
		"\t\t  [ tos TOS ]\n"
		"\t\t  [ [no]pmtudisc ]\n"
		"\t\t  [ [no]carrier-sa ]\n"
		"\n"
		"Where:\tADDR := { IPV4_ADDRESS | IPV6_ADDRESS }, both of one family\n"
		"\tKEY  := { DOTTED_QUAD | NUMBER }, mode gre only; default none\n"
		"\tTTL  := { 1..255 | inherit }; default 255\n"
		"\tTOS  := { NUMBER | inherit }; default inherit\n"
		"\tPHYS_DEV := underlay device or VRF of the outer packets\n"
		"\tpmtudisc and nocarrier-sa are the defaults; carrier-sa: the\n"
		"\tcarrier is on only while the tunnel has SAs in both directions\n");
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

struct flexsec_addr {
	int		family;
	int		len;
	unsigned char	bytes[16];
};

struct flexsec_opts {
	unsigned int		seen;	/* bit n: IFLA_FLEXSEC attribute n */
	__u32			mode;
	struct flexsec_addr	local;
	struct flexsec_addr	remote;
	__u32			ikey;
	__u32			okey;
	__u32			link;
	__u8			ttl;
	__u8			tos;
	__u8			pmtudisc;
	__u8			carrier_sa;
};

_Static_assert(IFLA_FLEXSEC_MAX < 32, "flexsec_opts.seen is too small");

/* The words followed by an argument. */
static const char *const flexsec_arg_words[] = {
	"mode", "local", "remote", "key", "ikey", "okey", "dev", "ttl", "tos",
};

static bool takes_arg(const char *word)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(flexsec_arg_words); i++)
		if (strcmp(word, flexsec_arg_words[i]) == 0)
			return true;
	return false;
}

static bool seen(const struct flexsec_opts *o, int type)
{
	return o->seen & (1u << type);
}

/* Record that @word set attribute @type; a second time is an error. */
static void mark(struct flexsec_opts *o, int type, const char *word,
		 const char *arg)
{
	if (seen(o, type))
		duparg(word, arg);
	o->seen |= 1u << type;
}

static const char *next_arg(int *argc, char ***argv)
{
	if (*argc <= 1)
		incomplete_command();
	(*argc)--;
	(*argv)++;
	return **argv;
}

static __u32 parse_mode(const char *arg)
{
	if (strcmp(arg, "vti") == 0)
		return FLEXSEC_MODE_VTI;
	if (strcmp(arg, "gre") == 0)
		return FLEXSEC_MODE_GRE;
	invarg("\"mode\" is \"vti\" or \"gre\"", arg);
}

static void parse_addr(const char *word, const char *arg,
		       struct flexsec_addr *a)
{
	char msg[64];

	if (inet_pton(AF_INET, arg, a->bytes) == 1) {
		a->family = AF_INET;
		a->len = 4;
	} else if (inet_pton(AF_INET6, arg, a->bytes) == 1) {
		a->family = AF_INET6;
		a->len = 16;
	} else {
		snprintf(msg, sizeof(msg), "\"%s\" is an IPv4 or IPv6 address",
			 word);
		invarg(msg, arg);
	}
}

/* A GRE key as ip's gre takes it: a number, or a dotted quad. */
static __u32 parse_key(const char *word, const char *arg)
{
	struct in_addr quad;
	char msg[64];
	__u32 key;

	if (strchr(arg, '.')) {
		if (inet_pton(AF_INET, arg, &quad) == 1)
			return ntohl(quad.s_addr);
	} else if (get_u32(&key, arg, 0) == 0) {
		return key;
	}
	snprintf(msg, sizeof(msg), "\"%s\" is a number or a dotted quad", word);
	invarg(msg, arg);
}

static __u8 parse_ttl(const char *arg)
{
	__u8 ttl;

	if (strcmp(arg, "inherit") == 0)
		return 0;
	if (get_u8(&ttl, arg, 0))
		invarg("\"ttl\" is 1..255 or \"inherit\"", arg);
	return ttl;
}

static __u8 parse_tos(const char *arg)
{
	__u32 tos;

	if (strcmp(arg, "inherit") == 0)
		return 1;
	if (rtnl_dsfield_a2n(&tos, arg) || tos > 0xff)
		invarg("\"tos\" is a number or \"inherit\"", arg);
	return tos;
}

/*
 * Parse one word and its argument: 0 when done, 1 when the word is not one
 * of ours, -1 on an error already reported.
 */
static int parse_word(struct flexsec_opts *o, int *argc, char ***argv)
{
	const char *word = **argv;
	const char *arg;

	if (strcmp(word, "pmtudisc") == 0 || strcmp(word, "nopmtudisc") == 0) {
		mark(o, IFLA_FLEXSEC_PMTUDISC, "pmtudisc", word);
		o->pmtudisc = word[0] != 'n';
		return 0;
	}
	if (strcmp(word, "carrier-sa") == 0 ||
	    strcmp(word, "nocarrier-sa") == 0) {
		mark(o, IFLA_FLEXSEC_CARRIER_SA, "carrier-sa", word);
		o->carrier_sa = word[0] != 'n';
		return 0;
	}
	if (!takes_arg(word))
		return 1;

	arg = next_arg(argc, argv);
	if (strcmp(word, "mode") == 0) {
		mark(o, IFLA_FLEXSEC_MODE, word, arg);
		o->mode = parse_mode(arg);
	} else if (strcmp(word, "local") == 0) {
		mark(o, IFLA_FLEXSEC_LOCAL, word, arg);
		parse_addr(word, arg, &o->local);
	} else if (strcmp(word, "remote") == 0) {
		mark(o, IFLA_FLEXSEC_REMOTE, word, arg);
		parse_addr(word, arg, &o->remote);
	} else if (strcmp(word, "key") == 0) {
		mark(o, IFLA_FLEXSEC_IKEY, word, arg);
		mark(o, IFLA_FLEXSEC_OKEY, word, arg);
		o->ikey = o->okey = parse_key(word, arg);
	} else if (strcmp(word, "ikey") == 0) {
		mark(o, IFLA_FLEXSEC_IKEY, word, arg);
		o->ikey = parse_key(word, arg);
	} else if (strcmp(word, "okey") == 0) {
		mark(o, IFLA_FLEXSEC_OKEY, word, arg);
		o->okey = parse_key(word, arg);
	} else if (strcmp(word, "dev") == 0) {
		mark(o, IFLA_FLEXSEC_LINK, word, arg);
		o->link = if_nametoindex(arg);
		if (!o->link)
			return nodev(arg);
	} else if (strcmp(word, "ttl") == 0) {
		mark(o, IFLA_FLEXSEC_TTL, word, arg);
		o->ttl = parse_ttl(arg);
	} else {
		mark(o, IFLA_FLEXSEC_TOS, word, arg);
		o->tos = parse_tos(arg);
	}
	return 0;
}

/* What the words mean together; @create: this is "ip link add". */
static int check_opts(const struct flexsec_opts *o, bool create)
{
	if (create && !seen(o, IFLA_FLEXSEC_MODE))
		missarg("mode");
	if (create && !seen(o, IFLA_FLEXSEC_LOCAL))
		missarg("local");
	if (create && !seen(o, IFLA_FLEXSEC_REMOTE))
		missarg("remote");
	if (seen(o, IFLA_FLEXSEC_LOCAL) && seen(o, IFLA_FLEXSEC_REMOTE) &&
	    o->local.family != o->remote.family) {
		fprintf(stderr,
			"Error: \"local\" and \"remote\" must be addresses of the same family.\n");
		return -1;
	}
	if (seen(o, IFLA_FLEXSEC_MODE) && o->mode == FLEXSEC_MODE_VTI &&
	    (seen(o, IFLA_FLEXSEC_IKEY) || seen(o, IFLA_FLEXSEC_OKEY))) {
		fprintf(stderr,
			"Error: GRE keys (\"key\", \"ikey\", \"okey\") need \"mode gre\".\n");
		return -1;
	}
	return 0;
}

static int put_addr(struct nlmsghdr *n, int type, const struct flexsec_addr *a)
{
	return addattr_l(n, FLEXSEC_REQ_MAX, type, a->bytes, a->len);
}

/* Add the attributes given, in attribute order. */
static int put_opts(const struct flexsec_opts *o, struct nlmsghdr *n)
{
	if (seen(o, IFLA_FLEXSEC_MODE) &&
	    addattr32(n, FLEXSEC_REQ_MAX, IFLA_FLEXSEC_MODE, o->mode))
		return -1;
	if (seen(o, IFLA_FLEXSEC_LOCAL) &&
	    put_addr(n, IFLA_FLEXSEC_LOCAL, &o->local))
		return -1;
	if (seen(o, IFLA_FLEXSEC_REMOTE) &&
	    put_addr(n, IFLA_FLEXSEC_REMOTE, &o->remote))
		return -1;
	if (seen(o, IFLA_FLEXSEC_IKEY) &&
	    addattr32(n, FLEXSEC_REQ_MAX, IFLA_FLEXSEC_IKEY, o->ikey))
		return -1;
	if (seen(o, IFLA_FLEXSEC_OKEY) &&
	    addattr32(n, FLEXSEC_REQ_MAX, IFLA_FLEXSEC_OKEY, o->okey))
		return -1;
	if (seen(o, IFLA_FLEXSEC_LINK) &&
	    addattr32(n, FLEXSEC_REQ_MAX, IFLA_FLEXSEC_LINK, o->link))
		return -1;
	if (seen(o, IFLA_FLEXSEC_TTL) &&
	    addattr8(n, FLEXSEC_REQ_MAX, IFLA_FLEXSEC_TTL, o->ttl))
		return -1;
	if (seen(o, IFLA_FLEXSEC_TOS) &&
	    addattr8(n, FLEXSEC_REQ_MAX, IFLA_FLEXSEC_TOS, o->tos))
		return -1;
	if (seen(o, IFLA_FLEXSEC_PMTUDISC) &&
	    addattr8(n, FLEXSEC_REQ_MAX, IFLA_FLEXSEC_PMTUDISC, o->pmtudisc))
		return -1;
	if (seen(o, IFLA_FLEXSEC_CARRIER_SA) &&
	    addattr8(n, FLEXSEC_REQ_MAX, IFLA_FLEXSEC_CARRIER_SA,
		     o->carrier_sa))
		return -1;
	return 0;
}

static int flexsec_parse_opt(struct link_util *lu, int argc, char **argv,
			     struct nlmsghdr *n)
{
	struct flexsec_opts o = { 0 };
	int err;

	for (; argc > 0; argc--, argv++) {
		if (strcmp(*argv, "help") == 0) {
			flexsec_print_help(lu, argc, argv, stderr);
			return -1;
		}
		err = parse_word(&o, &argc, &argv);
		if (err < 0)
			return err;
		if (err == 0)
			continue;
		fprintf(stderr,
			"Garbage instead of arguments \"%s ...\". Try \"ip link help flexsec\".\n",
			*argv);
		return -1;
	}

	if (check_opts(&o, n->nlmsg_flags & NLM_F_CREATE))
		return -1;
	return put_opts(&o, n);
}

/* ------------------------------------------------------------------ */
/* Printing                                                            */
/* ------------------------------------------------------------------ */

static bool get_u32_attr(const struct rtattr *rta, __u32 *val)
{
	if (!rta || RTA_PAYLOAD(rta) < sizeof(*val))
		return false;
	memcpy(val, RTA_DATA(rta), sizeof(*val));
	return true;
}

static bool get_u8_attr(const struct rtattr *rta, __u8 *val)
{
	if (!rta || RTA_PAYLOAD(rta) < sizeof(*val))
		return false;
	*val = *(const __u8 *)RTA_DATA(rta);
	return true;
}

static void print_mode(const struct rtattr *rta)
{
	char buf[16];
	const char *name = buf;
	__u32 mode;

	if (!get_u32_attr(rta, &mode))
		return;
	if (mode == FLEXSEC_MODE_VTI)
		name = "vti";
	else if (mode == FLEXSEC_MODE_GRE)
		name = "gre";
	else
		snprintf(buf, sizeof(buf), "%u", mode);
	print_color_string(IP_PRINT_ANY, IP_COLOR_NONE, "mode", "mode %s ",
			   name);
}

static void print_endpoint(const char *name, const struct rtattr *rta)
{
	char buf[INET6_ADDRSTRLEN], fmt[16];
	int family;

	if (!rta)
		return;
	if (RTA_PAYLOAD(rta) == 4)
		family = AF_INET;
	else if (RTA_PAYLOAD(rta) == 16)
		family = AF_INET6;
	else
		return;
	if (!inet_ntop(family, RTA_DATA(rta), buf, sizeof(buf)))
		return;
	snprintf(fmt, sizeof(fmt), "%s %%s ", name);
	print_color_string(IP_PRINT_ANY, ifa_family_color(family), name, fmt,
			   buf);
}

static void print_dev(const struct rtattr *rta)
{
	char name[IF_NAMESIZE];
	__u32 link;

	if (!get_u32_attr(rta, &link) || !link)
		return;
	if (!if_indextoname(link, name))
		snprintf(name, sizeof(name), "if%u", link);
	print_color_string(IP_PRINT_ANY, IP_COLOR_NONE, "link", "dev %s ",
			   name);
}

/* As ip's gre: "ttl inherit" for 0, and the number in JSON. */
static void print_ttl(const struct rtattr *rta)
{
	__u8 ttl;

	if (!get_u8_attr(rta, &ttl))
		return;
	if (ttl) {
		print_color_uint(IP_PRINT_ANY, IP_COLOR_NONE, "ttl", "ttl %u ",
				 ttl);
		return;
	}
	print_color_uint(IP_PRINT_JSON, IP_COLOR_NONE, "ttl", NULL, 0);
	print_color_string(IP_PRINT_FP, IP_COLOR_NONE, NULL, "ttl %s ",
			   "inherit");
}

static void print_tos(const struct rtattr *rta)
{
	char buf[8];
	__u8 tos;

	if (!get_u8_attr(rta, &tos) || !tos)
		return;
	snprintf(buf, sizeof(buf), "0x%x", tos);
	print_color_string(IP_PRINT_JSON, IP_COLOR_NONE, "tos", NULL, buf);
	print_color_string(IP_PRINT_FP, IP_COLOR_NONE, NULL, "tos %s ",
			   tos == 1 ? "inherit" : buf);
}

static void print_pmtudisc(const struct rtattr *rta)
{
	__u8 on;

	if (!get_u8_attr(rta, &on))
		return;
	print_color_bool(IP_PRINT_JSON, IP_COLOR_NONE, "pmtudisc", NULL, on);
	if (!on)
		print_color_bool(IP_PRINT_FP, IP_COLOR_NONE, NULL,
				 "nopmtudisc ", false);
}

static void print_carrier_sa(const struct rtattr *rta)
{
	__u8 on;

	if (!get_u8_attr(rta, &on))
		return;
	print_color_bool(IP_PRINT_JSON, IP_COLOR_NONE, "carrier_sa", NULL, on);
	if (on)
		print_color_bool(IP_PRINT_FP, IP_COLOR_NONE, NULL,
				 "carrier-sa ", true);
}

/* A GRE key as ip's gre shows it: a dotted quad. */
static void print_key(const char *name, const struct rtattr *rta)
{
	char buf[INET_ADDRSTRLEN], fmt[16];
	struct in_addr quad;
	__u32 key;

	if (!get_u32_attr(rta, &key))
		return;
	quad.s_addr = htonl(key);
	if (!inet_ntop(AF_INET, &quad, buf, sizeof(buf)))
		return;
	snprintf(fmt, sizeof(fmt), "%s %%s ", name);
	print_color_string(IP_PRINT_ANY, IP_COLOR_NONE, name, fmt, buf);
}

static void flexsec_print_opt(struct link_util *lu, FILE *f,
			      struct rtattr *tb[])
{
	if (!tb)
		return;
	print_mode(tb[IFLA_FLEXSEC_MODE]);
	print_endpoint("remote", tb[IFLA_FLEXSEC_REMOTE]);
	print_endpoint("local", tb[IFLA_FLEXSEC_LOCAL]);
	print_dev(tb[IFLA_FLEXSEC_LINK]);
	print_ttl(tb[IFLA_FLEXSEC_TTL]);
	print_tos(tb[IFLA_FLEXSEC_TOS]);
	print_pmtudisc(tb[IFLA_FLEXSEC_PMTUDISC]);
	print_carrier_sa(tb[IFLA_FLEXSEC_CARRIER_SA]);
	print_key("ikey", tb[IFLA_FLEXSEC_IKEY]);
	print_key("okey", tb[IFLA_FLEXSEC_OKEY]);
}

struct link_util flexsec_link_util = {
	.id		= "flexsec",
	.maxattr	= IFLA_FLEXSEC_MAX,
	.parse_opt	= flexsec_parse_opt,
	.print_opt	= flexsec_print_opt,
	.print_help	= flexsec_print_help,
};
