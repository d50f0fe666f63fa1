# Sourced by the integration runners: starts `fhir-gateway serve --dev` on free loopback ports
# and stops it. Not a script of its own.
#   start_dev_server GATEWAY DIR [serve args...]   data in DIR/data, log in DIR/server.log;
#                                                  sets dev_pid and dev_json (waits for it)
#   dev_field NAME                                 a string member of dev.json
#   stop_dev_server                                SIGTERM; fails unless the server exits 0
# Extra environment for the server (e.g. LD_PRELOAD) can be given in the array dev_env.

start_dev_server() {
  local gateway=$1 dir=$2
  shift 2
  dev_json=$dir/data/dev.json
  env "${dev_env[@]}" "$gateway" serve --dev --data "$dir/data" --port 0 --partner-port 0 "$@" \
    >"$dir/server.out" 2>"$dir/server.log" &
  dev_pid=$!
  local i
  for i in $(seq 1 1200); do
    [[ -f $dev_json ]] && return 0
    if ! kill -0 "$dev_pid" 2>/dev/null; then
      echo "the server exited before writing dev.json:"
      tail -n 20 "$dir/server.log" "$dir/server.out"
      return 1
    fi
    sleep 0.1
  done
  echo "no dev.json after 120 s"
  return 1
}

dev_field() {
  sed -n "s/^  \"$1\": \"\\(.*\\)\",\\{0,1\\}\$/\\1/p" "$dev_json"
}

stop_dev_server() {
  [[ -n ${dev_pid:-} ]] || return 0
  local rc=0
  kill -TERM "$dev_pid" 2>/dev/null || true
  wait "$dev_pid" || rc=$?
  dev_pid=
  if [[ $rc -ne 0 ]]; then
    echo "server exit code $rc"
    return 1
  fi
}
