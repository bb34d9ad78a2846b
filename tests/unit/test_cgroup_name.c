/* analysis/cgroup_name: the systemd unit or container a cgroup path names,
 * on the path shapes of systemd, docker, containerd, cri-o, podman and
 * kubernetes (both cgroup drivers); and the evidence line of a finding. */
#include "test.h"

#include <string.h>

#include "analysis/cgroup_name.h"
#include "analysis/finding.h"

static void expect_owner(const char *path, const char *want)
{
	char b[200];
	int r = cgroup_owner_name(path, b, sizeof(b));

	if (want) {
		assert_int_equal(r, 0);
		assert_string_equal(b, want);
	} else {
		assert_int_equal(r, -1);
		assert_string_equal(b, "");
	}
}

static void test_shapes(void **state)
{
	(void)state;
	expect_owner("/system.slice/nginx.service", "systemd unit nginx.service");
	expect_owner("/user.slice/user-1000.slice/session-4.scope", "systemd unit session-4.scope");
	expect_owner("/system.slice/podman.service", "systemd unit podman.service");
	expect_owner("/system.slice/docker-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope",
		     "docker container 0123456789ab");
	expect_owner("/docker/0123456789abcdef0123", "docker container 0123456789ab");
	expect_owner("/system.slice/containerd.service/cri-containerd-abcdef0123456789.scope",
		     "containerd container abcdef012345");
	expect_owner("/machine.slice/libpod-aabbccddeeff00112233.scope", "podman container aabbccddeeff");
	expect_owner("/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1a2b3c4d_5e6f_7a8b_9c0d_112233445566.slice/"
		     "crio-abcdef0123456789abcdef.scope",
		     "kubernetes pod 1a2b3c4d_5e6f_7a8b_9c0d_112233445566 container abcdef012345");
	expect_owner("/kubepods/burstable/pod1a2b3c4d-5e6f-7a8b-9c0d-112233445566/fedcba9876543210fedcba98",
		     "kubernetes pod 1a2b3c4d-5e6f-7a8b-9c0d-112233445566 container fedcba987654");
	/* an id under a parent of another name: "container", said once */
	expect_owner("/process_api/6c78abbc5e62ad3d1d01238334130780", "container 6c78abbc5e62");
	expect_owner("/app.slice/web", NULL);
	expect_owner("/", NULL);
	expect_owner("", NULL);
	expect_owner("/docker-short.scope", "systemd unit docker-short.scope");	/* no 12-hex id: a scope */
}

static void test_evidence(void **state)
{
	struct findings fs = { 0 };
	struct finding *f = findings_add(&fs, RULE_CPU_SINGLE_THREAD, SEV_WARNING, 1, "cpu");
	(void)state;
	assert_non_null(f);
	f->pid = 4242;
	finding_cgroup(f, "/system.slice/nginx.service");
	assert_int_equal(f->nevidence, 1);
	assert_string_equal(f->evidence[0], "pid 4242 runs in cgroup /system.slice/nginx.service (systemd unit nginx.service)");
	finding_cgroup(f, "/system.slice/nginx.service");	/* named already: once */
	assert_int_equal(f->nevidence, 1);
	finding_cgroup(f, "/");	/* the root cgroup says nothing */
	assert_int_equal(f->nevidence, 1);
	findings_free(&fs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_evidence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
