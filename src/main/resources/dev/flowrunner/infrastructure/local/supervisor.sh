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
output_dir=${FLOWRUNNER_OUTPUT_DIR:-}
if [ -n "$output_dir" ]; then
    # In a pod: the runner's output goes both to the container's log, which `kubectl logs` and Flowrunner's live
    # view read while it runs, and to stdout.log and stderr.log beside its results, which the collector stores (a
    # container's log goes with its pod). Each stream passes through a named pipe that tee copies.
    out_pipe=$output_dir/.stdout.pipe
    err_pipe=$output_dir/.stderr.pipe
    rm -f "$out_pipe" "$err_pipe"
    mkfifo "$out_pipe" "$err_pipe"
    tee -a "$output_dir/stdout.log" <"$out_pipe" &
    out_tee=$!
    tee -a "$output_dir/stderr.log" <"$err_pipe" >&2 &
    err_tee=$!
    "$@" </dev/null >"$out_pipe" 2>"$err_pipe" &
else
    # A local worker. Its pid is recorded for a restarted server to find it by (SupervisorRecord), and the runner's
    # output goes straight to stdout.log and stderr.log, all three beside the exit file. They, the attempt's folder
    # and its marker are created here, in the worker's process, as a pod makes its own: each file or folder the
    # server created cost it about as much CPU as a MongoDB write. The folder is made twice if need be: the server
    # removes the emptied folders above ended attempts as it goes, and may take a parent between two of mkdir's steps.
    log_dir=${exit_file%/*}
    mkdir -p "$log_dir" 2>/dev/null || mkdir -p "$log_dir"
    # Empty until the server has masked and handed over the attempt's files (AttemptResultsUpload.UNSTORED).
    : >"$log_dir/.flowrunner-unstored"
    printf '%s\n' "$$" >"$log_dir/supervisor.pid"
    "$@" </dev/null >"$log_dir/stdout.log" 2>"$log_dir/stderr.log" &
fi
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
if [ -n "$output_dir" ]; then
    # The logs are whole before the exit is recorded; a process the runner left behind, holding the pipes open, is
    # given a few seconds before the copies stop.
    ( sleep 5; kill "$out_tee" "$err_tee" 2>/dev/null ) &
    watchdog=$!
    wait "$out_tee" "$err_tee"
    kill "$watchdog" 2>/dev/null
    rm -f "$out_pipe" "$err_pipe"
fi
# One write of a few bytes, with no mv: a reader finds the file absent, empty (taken as not there yet) or whole, and
# the attempt's last process is not a copy of mv (a fork and an exec, a few milliseconds between two scenarios).
printf '%s\n' "$code" >"$exit_file"
exit "$code"
