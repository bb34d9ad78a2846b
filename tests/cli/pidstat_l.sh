# pidstat -l: the command line without trailing whitespace (sysstat writes it
# raw, so a trailing newline shows as nothing), embedded control bytes
# escaped. Fixture pid_cmdline: PID 42's cmdline is
# "prog\0--opt\0a\tb\x01c\0last\n \n\0".
. "$TRIAGE_SRC/tests/lib.sh"
R="--root $FIX/pid_cmdline"
expect_eq "-l text" "$("$TRIAGE" pidstat -l -p 42 $R | awk 'NR == 4' | sed 's/.*  0  //')" 'prog --opt a\tb\x01c last'
expect_eq "-l json" "$("$TRIAGE" pidstat -l -p 42 --json $R | jq -c '.statistics[0].tasks[0].command')" '"prog --opt a\tb\u0001c last"'
# without -l: comm, escaped
expect_eq "comm" "$("$TRIAGE" pidstat -p 42 $R | awk 'NR == 4' | sed 's/.*  0  //')" 'my (evil)\nname'
done_test
