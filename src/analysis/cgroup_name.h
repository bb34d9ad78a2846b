/* What a cgroup path says about who runs a process (issue 13: "every finding
 * about a process names its cgroup and, where the path says so, the systemd
 * unit or container id"). Pure string work on paths as /proc/PID/cgroup
 * gives them:
 *   /system.slice/nginx.service                       systemd unit nginx.service
 *   /user.slice/user-1000.slice/session-4.scope       systemd unit session-4.scope
 *   /system.slice/docker-<64 hex>.scope, /docker/<id> docker container <12 hex>
 *   .../cri-containerd-<id>.scope, /containerd/<id>   containerd container
 *   .../crio-<id>.scope                               cri-o container
 *   /machine.slice/libpod-<id>.scope                  podman container
 *   /kubepods.slice/...-pod<uid>.slice/<runtime>-<id>.scope,
 *   /kubepods/burstable/pod<uid>/<id>                 kubernetes pod <uid> container <12 hex>
 */
#ifndef TRIAGE_ANALYSIS_CGROUP_NAME_H
#define TRIAGE_ANALYSIS_CGROUP_NAME_H

#include <stddef.h>

/* Writes e.g. "systemd unit nginx.service" or "docker container 0123456789ab"
 * into out and returns 0; -1 (out "") when the path names neither. */
int cgroup_owner_name(const char *path, char *out, size_t size);

struct finding;
/* Add "cgroup PATH (OWNER)" to f's evidence, unless it names the cgroup already. */
void finding_cgroup(struct finding *f, const char *path);

#endif
