#!/bin/sh
# Flowrunner's worker supervisor. It runs the runner's argv exactly as given ("$@": no word is ever re-read by the
# shell) and records the runner's exit code in an exit file. It is a separate, tiny process so that the exit code is
# kept even when the Flowrunner server is gone by the time the runner ends.
#
# A TERM (a pod deleted for a timeout or a stop, whose containers all get it; or a local kill) is passed on to the
# runner, and the runner's end is recorded as any other: the collector then stores what the runner wrote. In a pod
# this script is the container's first process, which the kernel protects from signals it does not handle.
exit_file=$1
shift
"$@" </dev/null &
runner=$!
signalled=0
trap 'signalled=1; kill -TERM "$runner" 2>/dev/null' TERM INT
wait "$runner"
code=$?
# A trapped signal ends the wait early: wait again for the runner's own exit status.
while [ "$signalled" = 1 ]; do
    signalled=0
    wait "$runner"
    code=$?
done
printf '%s\n' "$code" >"$exit_file.tmp" && mv "$exit_file.tmp" "$exit_file"
exit "$code"
