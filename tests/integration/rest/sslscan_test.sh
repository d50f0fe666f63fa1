#!/usr/bin/env bash
# The TLS offer of both `serve --dev` listeners as sslscan sees it: only TLSv1.2 and TLSv1.3
# (SSLv2/3, TLSv1.0/1.1 disabled), no TLS compression, no insecure renegotiation, not vulnerable
# to Heartbleed, and only AEAD ciphers of at least 128 bits; prints the accepted ciphers.
# The partner port is also scanned with the development partner certificate, since without a
# client certificate no TLSv1.2 handshake completes there.
# Usage: sslscan_test.sh FHIR_GATEWAY          (exit 77 when sslscan is missing)
set -euo pipefail
gateway=$1
here=$(cd "$(dirname "$0")" && pwd)
source "$here/dev_server.sh"
command -v sslscan >/dev/null || { echo "sslscan not found: skipped"; exit 77; }
dir=$(mktemp -d)
trap 'stop_dev_server >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
dev_env=()
start_dev_server "$gateway" "$dir"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "PASS: $*"; }

# scan NAME HOST:PORT WANT_CIPHERS [sslscan options...]
scan() {
  local name=$1 target=$2 want_ciphers=$3
  shift 3
  local out=$dir/$name.txt
  if ! sslscan --no-colour "$@" "$target" >"$out" 2>&1; then
    fail "$name: sslscan failed"
    cat "$out"
    return
  fi
  echo "== $name ($target)"
  local proto state
  for proto in SSLv2 SSLv3 TLSv1.0 TLSv1.1 TLSv1.2 TLSv1.3; do
    state=$(awk -v p="$proto" '$1 == p && ($2 == "enabled" || $2 == "disabled") {print $2}' "$out")
    case $proto in
      TLSv1.2 | TLSv1.3) [[ $state == enabled ]] && pass "$name: $proto enabled" ||
                           fail "$name: $proto is '${state:-not reported}', want enabled" ;;
      *) [[ $state == disabled ]] && pass "$name: $proto disabled" ||
           fail "$name: $proto is '${state:-not reported}', want disabled" ;;
    esac
  done
  if grep -q "Compression enabled" "$out"; then
    fail "$name: TLS compression enabled"
  elif grep -q "Compression disabled" "$out"; then
    pass "$name: TLS compression disabled"
  else
    # This sslscan's OpenSSL cannot offer compression, so it cannot ask the server for it.
    pass "$name: no TLS compression reported ($(grep -A1 'TLS Compression:' "$out" | tail -1))"
  fi
  if grep -qi "insecure session renegotiation" "$out"; then
    fail "$name: insecure renegotiation supported"
  else
    pass "$name: renegotiation: $(grep -A1 'TLS renegotiation:' "$out" | tail -1)"
  fi
  if grep -i "heartbleed" "$out" | grep -v "^  Heartbleed" | grep -qv "not vulnerable"; then
    fail "$name: vulnerable to heartbleed"
  else
    pass "$name: not vulnerable to heartbleed"
  fi
  local ciphers
  ciphers=$(grep -E '^(Preferred|Accepted) ' "$out" || true)
  echo "accepted ciphers:"
  echo "${ciphers:-  (none)}" | sed 's/^/  /'
  if [[ $want_ciphers == yes ]]; then
    grep -q ' TLSv1\.3 ' <<<"$ciphers" && pass "$name: TLSv1.3 ciphers accepted" ||
      fail "$name: no TLSv1.3 cipher accepted"
    grep -q ' TLSv1\.2 ' <<<"$ciphers" && pass "$name: TLSv1.2 ciphers accepted" ||
      fail "$name: no TLSv1.2 cipher accepted"
  fi
  local weak
  weak=$(awk '($1 == "Preferred" || $1 == "Accepted") &&
              ($2 !~ /^TLSv1\.[23]$/ || $3 < 128 || $5 !~ /GCM|CHACHA20|CCM/)' <<<"$ciphers")
  [[ -z $weak ]] && pass "$name: every accepted cipher is AEAD with >= 128 bits" ||
    fail "$name: weak ciphers accepted: $weak"
}

public=$(dev_field fhir_base_url)
partner=$(dev_field partner_base_url)
scan public "${public#https://}" yes
scan partner-no-certificate "${partner#https://}" no
scan partner-with-certificate "${partner#https://}" yes \
  --certs="$(dev_field client_certificate_file)" --pk="$(dev_field client_key_file)" \
  --show-client-cas
if sed -n '/Acceptable client certificate CA names/,/^$/p' "$dir/partner-with-certificate.txt" |
    grep -q "CN=fhir-gateway development CA"; then
  pass "partner: asks for client certificates of the development CA"
else
  fail "partner: the development CA is not among the client CAs"
fi

stop_dev_server || failures=$((failures + 1))
echo "$failures failure(s)"
[[ $failures -eq 0 ]]
