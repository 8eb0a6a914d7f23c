#!/bin/sh
# Flowrunner's local worker supervisor. It runs the runner's argv exactly as given ("$@": no word is ever
# re-read by the shell) and records the runner's exit code in an exit file. It is a separate, tiny process so
# that the exit code is kept even when the Flowrunner server is gone by the time the runner ends.
exit_file=$1
shift
"$@" </dev/null
code=$?
printf '%s\n' "$code" >"$exit_file.tmp" && mv "$exit_file.tmp" "$exit_file"
exit "$code"
