#include "bpf/tcptool_api.h"

#include <errno.h>
#include <stdlib.h>

#include <bpf/libbpf.h>

#include "tcpretrans.skel.h"
#include "tcpstate.skel.h"

struct tcptool {
	struct tcpretrans_bpf *retrans;
	struct tcpstate_bpf *state;
	struct ring_buffer *rb;
	tcptool_fn fn;
	void *ctx;
};

const char *tcptool_state_name(int state)
{
	/* include/net/tcp_states.h */
	static const char *const names[] = {
		[1] = "ESTABLISHED", [2] = "SYN_SENT", [3] = "SYN_RECV", [4] = "FIN_WAIT1",
		[5] = "FIN_WAIT2", [6] = "TIME_WAIT", [7] = "CLOSE", [8] = "CLOSE_WAIT",
		[9] = "LAST_ACK", [10] = "LISTEN", [11] = "CLOSING", [12] = "NEW_SYN_RECV",
		[13] = "BOUND_INACTIVE",
	};

	if (state <= 0 || state >= (int)(sizeof(names) / sizeof(names[0])))
		return "UNKNOWN";
	return names[state] ? names[state] : "UNKNOWN";
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct tcptool *t = ctx;

	if (size >= sizeof(struct tcp_event))
		t->fn(t->ctx, data);
	return 0;
}

static int load_retrans(struct tcptool *t, const struct tcptool_opts *o, bool btf)
{
	int err;

	t->retrans = tcpretrans_bpf__open();
	if (!t->retrans)
		return errno ? -errno : -ENOMEM;
	t->retrans->rodata->targ_family = (__u16)o->family;
	bpf_env_pick(t->retrans->obj, btf);
	err = tcpretrans_bpf__load(t->retrans);
	if (err) {
		tcpretrans_bpf__destroy(t->retrans);
		t->retrans = NULL;
	}
	return err;
}

static int load_state(struct tcptool *t, const struct tcptool_opts *o, bool btf)
{
	int err;

	t->state = tcpstate_bpf__open();
	if (!t->state)
		return errno ? -errno : -ENOMEM;
	t->state->rodata->targ_family = (__u16)o->family;
	t->state->rodata->targ_mode = (__u32)o->kind;
	t->state->rodata->targ_tgid = (__u32)o->pid;
	t->state->rodata->filter_cg = o->cgroup != NULL;
	bpf_env_pick(t->state->obj, btf);
	err = tcpstate_bpf__load(t->state);
	if (err) {
		tcpstate_bpf__destroy(t->state);
		t->state = NULL;
	}
	return err;
}

static int load(struct tcptool *t, const struct tcptool_opts *o, bool btf)
{
	return o->kind == TCPTOOL_RETRANS ? load_retrans(t, o, btf) : load_state(t, o, btf);
}

int tcptool_open(const struct tcptool_opts *o, tcptool_fn fn, void *ctx, struct tcptool **out,
		 struct bpf_env_err *e)
{
	struct tcptool *t = calloc(1, sizeof(*t));
	int err;

	if (!t)
		return bpf_env_fail(e, -ENOMEM, "load", "tcp");
	t->fn = fn;
	t->ctx = ctx;
	err = bpf_env_raw_only() ? -EOPNOTSUPP : load(t, o, true);
	if (err && err != -EPERM)
		err = load(t, o, false);
	if (err || (!t->retrans && !t->state)) {
		err = err ? err : -ENOMEM;
		bpf_env_fail(e, err, "load", o->kind == TCPTOOL_RETRANS ? "tcpretrans" : "tcpstate");
		goto fail;
	}
	if (t->retrans ?
	    bpf_env_ring_start(t->retrans->skeleton, t->retrans->maps.events, NULL, NULL,
			       on_event, t, &t->rb, "tcp", e) :
	    bpf_env_ring_start(t->state->skeleton, t->state->maps.events, t->state->maps.cgroup_map,
			       o->cgroup, on_event, t, &t->rb, "tcp", e))
		goto fail;
	*out = t;
	return 0;
fail:
	tcptool_close(t);
	return e->err;
}

int tcptool_poll(struct tcptool *t, int timeout_ms)
{
	return ring_buffer__poll(t->rb, timeout_ms);
}

uint64_t tcptool_dropped(struct tcptool *t)
{
	return bpf_env_dropped(t->retrans ? t->retrans->maps.dropped : t->state->maps.dropped);
}

void tcptool_close(struct tcptool *t)
{
	if (!t)
		return;
	ring_buffer__free(t->rb);
	tcpretrans_bpf__destroy(t->retrans);
	tcpstate_bpf__destroy(t->state);
	free(t);
}
