/* The carried TCP dump of a long-running collector (triage_collect_socks.h). */
#include "cmd/triage_collect_socks.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct collect_socks {
	struct sample_socks_sig sig;	/* at the last walk; ok false: none yet */
	struct sd_sock *kept;		/* its sockets but the listeners */
	size_t nkept;
	int age;			/* windows carried since */
};

struct collect_socks *collect_socks_new(void)
{
	return calloc(1, sizeof(struct collect_socks));
}

void collect_socks_free(struct collect_socks *k)
{
	if (!k)
		return;
	free(k->kept);
	free(k);
}

/* Keep t's sockets but the listeners, and the signature they go with. */
static void keep(struct collect_socks *k, const struct sd_table *t, const struct sample_socks_sig *sig)
{
	size_t n = 0;

	free(k->kept);
	k->kept = malloc((t->n ? t->n : 1) * sizeof(*k->kept));
	k->nkept = 0;
	k->sig.ok = false;
	if (!k->kept)
		return;
	for (size_t i = 0; i < t->n; i++)
		if (t->s[i].state != SD_LISTEN)
			k->kept[n++] = t->s[i];
	k->nkept = n;
	k->sig = *sig;
	k->age = 0;
}

int collect_socks_dump(struct collect_socks *k, const struct root *r, const struct sample *smp,
		       struct sd_table *t)
{
	struct sample_socks_sig sig;
	size_t n0 = t->n;
	int err;

	if (!k)
		return nl_sockdiag_dump_tcp(r, ~0u, t);
	sample_socks_sig(smp, &sig);
	if (k->age + 1 < SAMPLE_SOCKS_REFRESH && sample_socks_sig_eq(&k->sig, &sig) && !t->want_info) {
		if (k->nkept && t->cap < t->n + k->nkept) {
			struct sd_sock *s = realloc(t->s, (t->n + k->nkept) * sizeof(*s));

			if (!s)
				return -ENOMEM;
			t->s = s;
			t->cap = t->n + k->nkept;
		}
		if (k->nkept)
			memcpy(t->s + t->n, k->kept, k->nkept * sizeof(*k->kept));
		t->n += k->nkept;
		k->age++;
		err = nl_sockdiag_dump_tcp(r, 1u << SD_LISTEN, t);
		if (err) {
			t->n = n0;	/* no listeners: no carried half either */
			k->sig.ok = false;
		}
		return err;
	}
	err = nl_sockdiag_dump_tcp(r, ~0u, t);
	if (err)
		k->sig.ok = false;
	else
		keep(k, t, &sig);
	return err;
}
