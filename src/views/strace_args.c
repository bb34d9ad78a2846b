/* Decoding one argument or return value of a traced syscall into text. */
#include "views/strace.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "bpf/snoop_api.h"

void strace_text_add(struct strace_text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->n + 1 >= t->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);	// NOLINT(clang-analyzer-valist.Uninitialized): va_start above
	va_end(ap);
	if (n > 0)
		t->n = t->n + (size_t)n < t->cap ? t->n + (size_t)n : t->cap - 1;
}

void strace_text_quote(struct strace_text *t, const unsigned char *p, size_t len, size_t max,
		       bool truncated)
{
	size_t shown = len < max ? len : max;

	strace_text_add(t, "\"");
	for (size_t i = 0; i < shown; i++) {
		unsigned char c = p[i];
		bool next_digit = i + 1 < shown && p[i + 1] >= '0' && p[i + 1] <= '7';

		switch (c) {
		case '"': strace_text_add(t, "\\\""); break;
		case '\\': strace_text_add(t, "\\\\"); break;
		case '\n': strace_text_add(t, "\\n"); break;
		case '\t': strace_text_add(t, "\\t"); break;
		case '\r': strace_text_add(t, "\\r"); break;
		case '\v': strace_text_add(t, "\\v"); break;
		case '\f': strace_text_add(t, "\\f"); break;
		default:
			if (c >= 0x20 && c < 0x7f)
				strace_text_add(t, "%c", c);
			else
				strace_text_add(t, next_digit ? "\\%03o" : "\\%o", c);
		}
	}
	strace_text_add(t, "\"%s", truncated || len > max ? "..." : "");
}

struct bitname {
	uint64_t bit;
	const char *name;
};

static void add_bits(struct strace_text *t, uint64_t v, const struct bitname *b, size_t n,
		     const char *zero)
{
	bool any = false;

	if (!v) {
		strace_text_add(t, "%s", zero);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (v & b[i].bit) {
			strace_text_add(t, "%s%s", any ? "|" : "", b[i].name);
			v &= ~b[i].bit;
			any = true;
		}
	if (v)
		strace_text_add(t, "%s%#" PRIx64, any ? "|" : "", v);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct bitname prot_bits[] = {
	{ 1, "PROT_READ" }, { 2, "PROT_WRITE" }, { 4, "PROT_EXEC" },
	{ 0x01000000, "PROT_GROWSDOWN" }, { 0x02000000, "PROT_GROWSUP" },
};
/* include/uapi/asm-generic/mman-common.h, arch/x86/include/uapi/asm/mman.h */
static const struct bitname mmap_bits[] = {
	{ 0x10, "MAP_FIXED" }, { 0x20, "MAP_ANONYMOUS" }, { 0x40, "MAP_32BIT" },
	{ 0x100, "MAP_GROWSDOWN" }, { 0x800, "MAP_DENYWRITE" }, { 0x1000, "MAP_EXECUTABLE" },
	{ 0x2000, "MAP_LOCKED" }, { 0x4000, "MAP_NORESERVE" }, { 0x8000, "MAP_POPULATE" },
	{ 0x10000, "MAP_NONBLOCK" }, { 0x20000, "MAP_STACK" }, { 0x40000, "MAP_HUGETLB" },
	{ 0x80000, "MAP_SYNC" }, { 0x100000, "MAP_FIXED_NOREPLACE" },
};
static const struct bitname at_bits[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, "AT_REMOVEDIR" }, { 0x400, "AT_SYMLINK_FOLLOW" },
	{ 0x800, "AT_NO_AUTOMOUNT" }, { 0x1000, "AT_EMPTY_PATH" },
	{ 0x2000, "AT_STATX_FORCE_SYNC" }, { 0x4000, "AT_STATX_DONT_SYNC" },
};
static const struct bitname access_bits[] = { { 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" } };
static const struct bitname socktype_bits[] = { { 04000, "SOCK_NONBLOCK" }, { 02000000, "SOCK_CLOEXEC" } };

/* "<target>": quoted as strace quotes, without the quotes. */
static void add_target(struct strace_text *t, const char *name)
{
	struct strace_text q;

	strace_text_add(t, "<");
	q.s = t->s + t->n;
	q.n = 0;
	q.cap = t->cap - t->n;
	strace_text_quote(&q, (const unsigned char *)name, strlen(name), 4096, false);
	if (q.n >= 2) {
		memmove(q.s, q.s + 1, q.n - 2);
		t->n += q.n - 2;
		t->s[t->n] = '\0';
	}
	strace_text_add(t, ">");
}

static void add_fd(const struct strace_view *v, pid_t pid, long fd, struct strace_text *t)
{
	const char *name = v->fdname && fd >= 0 ? v->fdname(v->fdctx, pid, fd) : NULL;

	strace_text_add(t, "%ld", fd);
	if (name)
		add_target(t, name);
}

static void add_sockaddr(struct strace_text *t, const unsigned char *p, size_t len)
{
	char addr[INET6_ADDRSTRLEN];
	uint16_t fam, port;

	if (len < 2) {
		strace_text_add(t, "{}");
		return;
	}
	memcpy(&fam, p, 2);
	if (fam == AF_INET && len >= 8) {
		memcpy(&port, p + 2, 2);
		inet_ntop(AF_INET, p + 4, addr, sizeof(addr));
		strace_text_add(t, "{sa_family=AF_INET, sin_port=htons(%u), sin_addr=inet_addr(\"%s\")}",
				ntohs(port), addr);
	} else if (fam == AF_INET6 && len >= 24) {
		memcpy(&port, p + 2, 2);
		inet_ntop(AF_INET6, p + 8, addr, sizeof(addr));
		strace_text_add(t, "{sa_family=AF_INET6, sin6_port=htons(%u), "
				"inet_pton(AF_INET6, \"%s\", &sin6_addr)}", ntohs(port), addr);
	} else if (fam == AF_UNIX) {
		size_t n = strnlen((const char *)p + 2, len - 2);

		strace_text_add(t, "{sa_family=AF_UNIX, sun_path=");
		if (len > 2 && !p[2] && len > 3)	/* abstract: a NUL first */
			strace_text_add(t, "@"), strace_text_quote(t, p + 3, len - 3, len, false);
		else
			strace_text_quote(t, p + 2, n, n, false);
		strace_text_add(t, "}");
	} else {
		strace_text_add(t, "{sa_family=%u}", fam);
	}
}

static void add_ptr(struct strace_text *t, uint64_t p)
{
	if (p)
		strace_text_add(t, "%#" PRIx64, p);
	else
		strace_text_add(t, "NULL");
}

static void add_named(struct strace_text *t, long v, const char *const *names, size_t n)
{
	if (v >= 0 && (size_t)v < n && names[v])
		strace_text_add(t, "%s", names[v]);
	else
		strace_text_add(t, "%ld", v);
}

/* A data slot of e: a buffer or string, or the pointer when nothing was copied. */
static void add_data(const struct strace_view *v, const struct strace_event *e, int slot,
		     uint64_t ptr, bool str, struct strace_text *t)
{
	size_t len = e->len[slot] < STRACE_DATA ? e->len[slot] : STRACE_DATA;

	if (slot < 0 || !len) {
		add_ptr(t, ptr);
		return;
	}
	if (str)	/* with its NUL; cut when the whole buffer was filled */
		strace_text_quote(t, e->data[slot], strnlen((const char *)e->data[slot], len),
				  STRACE_DATA, len >= STRACE_DATA && !e->data[slot][STRACE_DATA - 1]);
	else
		strace_text_quote(t, e->data[slot], len, (size_t)v->strsize,
				  e->full_len[slot] > len);
}

static void add_flags(struct strace_text *t, int a, uint64_t x)
{
	char buf[256];

	switch (a) {
	case SA_OFLAGS: strace_text_add(t, "%s", open_flags_str(x, buf, sizeof(buf))); break;
	case SA_PROT: add_bits(t, x, prot_bits, N(prot_bits), "PROT_NONE"); break;
	case SA_ATFLAGS: add_bits(t, x, at_bits, N(at_bits), "0"); break;
	case SA_ACCESS: add_bits(t, x, access_bits, N(access_bits), "F_OK"); break;
	case SA_MMAP: {
		static const char *const type[] = { NULL, "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE" };

		strace_text_add(t, "%s", type[x & 3] ? type[x & 3] : "0");
		if (x & ~3ULL)
			strace_text_add(t, "|"), add_bits(t, x & ~3ULL, mmap_bits, N(mmap_bits), "");
		break;
	}
	case SA_SOCKTYPE: {
		static const char *const type[] = { NULL, "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW",
						    "SOCK_RDM", "SOCK_SEQPACKET" };

		add_named(t, (long)(x & 0xf), type, N(type));
		if (x & ~0xfULL)
			strace_text_add(t, "|"), add_bits(t, x & ~0xfULL, socktype_bits, N(socktype_bits), "");
		break;
	}
	}
}

bool strace_arg_text(const struct strace_view *v, const struct strace_event *e,
		     const struct strace_sig *sig, int i, struct strace_text *t)
{
	static const char *const whence[] = { "SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE" };
	static const char *const af[] = { [1] = "AF_UNIX", [2] = "AF_INET", [10] = "AF_INET6",
					  [16] = "AF_NETLINK", [17] = "AF_PACKET" };
	uint64_t x = e->args[i];
	int a = sig ? sig->args[i] : SA_HEX;

	switch (a) {
	case SA_INT: strace_text_add(t, "%" PRId64, (int64_t)x); break;
	case SA_UINT: strace_text_add(t, "%" PRIu64, x); break;
	case SA_PTR: add_ptr(t, x); break;
	case SA_FD: add_fd(v, (pid_t)e->pid, (long)(int)x, t); break;
	case SA_DIRFD:
		if ((int)x == -100) {
			const char *cwd = v->fdname ? v->fdname(v->fdctx, (pid_t)e->pid, -100) : NULL;

			strace_text_add(t, "AT_FDCWD");
			if (cwd)
				add_target(t, cwd);
		} else {
			add_fd(v, (pid_t)e->pid, (long)(int)x, t);
		}
		break;
	case SA_PATH: add_data(v, e, strace_sig_slot(sig, i), x, true, t); break;
	case SA_BUF_IN: add_data(v, e, strace_sig_slot(sig, i), x, false, t); break;
	case SA_BUF_OUT:
		if (e->ret < 0 || (e->flags & STRACE_EV_NORETURN))
			add_ptr(t, x);
		else
			add_data(v, e, strace_sig_slot(sig, i), x, false, t);
		break;
	case SA_SA_IN:
	case SA_SA_OUT: {
		int s = strace_sig_slot(sig, i);

		if (s < 0 || !e->len[s] || (a == SA_SA_OUT && e->ret < 0))
			add_ptr(t, x);
		else
			add_sockaddr(t, e->data[s], e->len[s]);
		break;
	}
	case SA_SOCKLEN: {
		int s = i > 0 ? strace_sig_slot(sig, i - 1) : -1;

		if (s >= 0 && e->ret >= 0 && x)
			strace_text_add(t, "[%u]", e->full_len[s]);
		else
			add_ptr(t, x);
		break;
	}
	case SA_MODE: strace_text_add(t, "%#03" PRIo64, x); break;
	case SA_CMODE:
		/* O_CREAT, __O_TMPFILE (include/uapi/asm-generic/fcntl.h) */
		if (!(e->args[i - 1] & (0100 | 020000000)))
			return false;
		strace_text_add(t, "%#03" PRIo64, x);
		break;
	case SA_WHENCE: add_named(t, (long)x, whence, N(whence)); break;
	case SA_SIG: {
		const char *s = sigabbrev_np((int)x);

		if (s)
			strace_text_add(t, "SIG%s", s);
		else
			strace_text_add(t, "%d", (int)x);
		break;
	}
	case SA_AF: add_named(t, (long)x, af, N(af)); break;
	case SA_PROTO: {
		static const char *const proto[] = { [0] = "IPPROTO_IP", [1] = "IPPROTO_ICMP",
			[6] = "IPPROTO_TCP", [17] = "IPPROTO_UDP", [58] = "IPPROTO_ICMPV6" };

		if (e->args[0] == 2 || e->args[0] == 10)	/* AF_INET, AF_INET6 */
			add_named(t, (long)x, proto, N(proto));
		else
			strace_text_add(t, "%" PRId64, (int64_t)x);
		break;
	}
	case SA_OFLAGS: case SA_PROT: case SA_ATFLAGS: case SA_ACCESS: case SA_MMAP: case SA_SOCKTYPE:
		add_flags(t, a, x);
		break;
	default: strace_text_add(t, "%#" PRIx64, x); break;
	}
	return true;
}

/* Kernel-internal restart codes a traced process can see at sys_exit
 * (include/linux/errno.h), with strace's words for them. */
static const char *restart_name(long err, const char **text)
{
	switch (err) {
	case 512: *text = "To be restarted if SA_RESTART is set"; return "ERESTARTSYS";
	case 513: *text = "To be restarted"; return "ERESTARTNOINTR";
	case 514: *text = "To be restarted if no handler"; return "ERESTARTNOHAND";
	case 516: *text = "Interrupted by signal"; return "ERESTART_RESTARTBLOCK";
	}
	return NULL;
}

void strace_ret_text(const struct strace_view *v, const struct strace_event *e,
		     const struct strace_sig *sig, struct strace_text *t)
{
	const char *name, *text;

	if (e->flags & STRACE_EV_NORETURN) {
		strace_text_add(t, "?");
		return;
	}
	if (e->ret < 0 && e->ret >= -4095) {
		name = restart_name(-e->ret, &text);
		if (!name) {
			name = strerrorname_np((int)-e->ret);
			text = strerror((int)-e->ret);
		}
		if (name)
			strace_text_add(t, "-1 %s (%s)", name, text);
		else
			strace_text_add(t, "-1 errno %" PRId64, (int64_t)-e->ret);
		return;
	}
	if (sig && sig->ret == SR_HEX)
		strace_text_add(t, "%#" PRIx64, (uint64_t)e->ret);
	else if (sig && sig->ret == SR_FD)
		add_fd(v, (pid_t)e->pid, (long)e->ret, t);
	else
		strace_text_add(t, "%" PRId64, (int64_t)e->ret);
}
