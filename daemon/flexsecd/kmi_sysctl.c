// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 on a tunnel interface, through net.ipv6.conf.IF.disable_ipv6 (the
 * kernel takes no devconf change over rtnetlink for IPv6). A tunnel with
 * no IPv6 configured has IPv6 off: no link-local address, so no router
 * solicitation or MLD report goes into SAs that carry IPv4 alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kmi_int.h"

const char *kmi_sysctl_root = "/proc/sys";

int kmi_if_ipv6(struct kmi *k, const char *name, bool on)
{
	char path[256];
	const char *v = on ? "0\n" : "1\n";
	ssize_t n;
	int fd, err = 0;

	if (!name[0] || strchr(name, '/') || strstr(name, ".."))
		return kmi_fail(k, -EINVAL, "%s: not an interface name", name);
	snprintf(path, sizeof(path), "%s/net/ipv6/conf/%s/disable_ipv6",
		 kmi_sysctl_root, name);
	kmi_dbg(0, "flexsecd setting net.ipv6.conf.%s.disable_ipv6 = %c",
		name, v[0]);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	/* no IPv6 in the kernel or the namespace: nothing to turn off */
	if (fd < 0)
		return errno == ENOENT && !on ? 0 :
		       kmi_fail(k, -errno, "%s: %s", path, strerror(errno));
	n = write(fd, v, 2);
	if (n != 2)
		err = kmi_fail(k, n < 0 ? -errno : -EIO, "%s: %s", path,
			       n < 0 ? strerror(errno) : "short write");
	close(fd);
	return err;
}
