# Every subcommand run as an unprivileged user (nobody) ends by itself with a
# documented status and never with a crash signal or a sanitizer report; what
# it could not do is said on stderr.
. "$TRIAGE_SRC/tests/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root to switch to nobody"
command -v setpriv >/dev/null || skip "setpriv (util-linux) not installed"
asnobody() { timeout -k 2 15 setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
NOBODY_DIR=$(mktemp -d /tmp/triage-nobody.XXXXXX); chmod 0777 "$NOBODY_DIR"
trap 'rm -rf "$NOBODY_DIR"' EXIT
# Short arguments per command, so that each one finishes in about a second.
declare -A args=(
	[triage]="-d 1" [uptime]="" [vmstat]="1 2" [mpstat]="-P ALL 1 1" [pidstat]="1 1"
	[iostat]="-x 1 2" [free]="" [sar]="-n DEV,EDEV,TCP,ETCP,SOCK 1 1" [top]="-b -n 1"
	[dmesg]="" [df]="" [fds]="" [ss]="-s" [psi]="" [cgroup]="" [pid]="1"
	[stat]="-- true" [profile]="-d 1 --format folded -a" [flamegraph]="/dev/null"
	[runqlat]="1 1" [biolatency]="1 1" [biosnoop]="-d 1" [execsnoop]="-d 1"
	[opensnoop]="-d 1" [syscount]="-d 1" [offcputime]="1" [tcpretrans]="-d 1"
	[tcplife]="-d 1" [tcpconnect]="-d 1" [tcpaccept]="-d 1"
	[strace]="-p 1 -d 1" [syslat]="1 1" [fsslower]="-d 1" [filetop]="-d 1" [tcptop]="-d 1" [cachestat]="-d 1"
	[serve]="--textfile $NOBODY_DIR --count 1 -i 0.2" [oomkill]="-d 1" [pmap]="1" [slabtop]="" [biotop]="1 1" [killsnoop]="-d 1" [memleak]="-p 1 -d 1"
)
cmds=$($TRIAGE --help | awk '/^Commands:/{f=1; next} f && /^  [a-z]/{print $1} f && /^$/{exit}')
[ -n "$cmds" ] || fail "no commands listed in --help"
for c in $cmds; do
	a=${args[$c]-}
	if [ "$c" = triage ]; then set -- $a; else set -- "$c" $a; fi
	err=$(asnobody "$TRIAGE" "$@" 2>&1 >/dev/null); rc=$?
	echo "nobody: triage $* -> exit $rc${err:+: $(echo "$err" | head -1)}"
	if [ $rc -ge 124 ]; then fail "triage $* as nobody: exit $rc (timeout or signal): $err"; fi
	if echo "$err" | grep -qE 'Sanitizer|runtime error'; then fail "triage $* as nobody: $err"; fi
	# the report's statuses 1 and 2 are findings (warning, critical), not failures
	if [ "$c" = triage ] && [ $rc -le 2 ]; then continue; fi
	if [ $rc -ne 0 ] && [ -z "$err" ]; then fail "triage $* as nobody failed (exit $rc) without a message"; fi
done
done_test
