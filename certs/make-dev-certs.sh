#!/usr/bin/env bash
# Makes development TLS material for the gateway in OUTDIR (ECDSA P-256, SHA-256):
#   ca.crt/ca.key                   development CA (trusted by the partner listener)
#   server.crt/server.key           server certificate for localhost, 127.0.0.1 and ::1
#   client.crt/client.key           partner client (CN hie-hub, SAN URI urn:fhir-gateway:client:hie-hub)
#   client-expired.crt/.key         the same partner, signed by the CA but expired in 2020
#   foreign-ca.crt/.key             a second CA nobody trusts
#   client-foreign.crt/.key         the same partner name, signed by the foreign CA
# Idempotent: when every file is present, the chains verify and no certificate (except the
# expired one) expires within a day, nothing is touched. Otherwise everything is made again.
# Keys are written with mode 0600 and never belong in git (*.key is ignored).
# usage: make-dev-certs.sh OUTDIR
set -euo pipefail

if [[ $# -ne 1 || $1 == -* ]]; then
  echo "usage: $(basename "$0") OUTDIR" >&2
  exit 2
fi
out=$1
command -v openssl >/dev/null || { echo "make-dev-certs: openssl not found" >&2; exit 2; }
mkdir -p "$out"
umask 077

client_uri=urn:fhir-gateway:client:hie-hub
leaves=(server client client-expired client-foreign)

up_to_date() {
  local f
  for f in ca foreign-ca "${leaves[@]}"; do
    [[ -s $out/$f.crt && -s $out/$f.key ]] || return 1
  done
  for f in ca foreign-ca server client client-foreign; do
    openssl x509 -in "$out/$f.crt" -noout -checkend 86400 >/dev/null 2>&1 || return 1
  done
  openssl verify -CAfile "$out/ca.crt" "$out/server.crt" "$out/client.crt" >/dev/null 2>&1 &&
    openssl verify -CAfile "$out/foreign-ca.crt" "$out/client-foreign.crt" >/dev/null 2>&1
}

if up_to_date; then
  echo "make-dev-certs: $out is up to date"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

new_key() {  # new_key FILE
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
}

make_ca() {  # make_ca NAME COMMON_NAME
  new_key "$work/$1.key"
  openssl req -x509 -new -key "$work/$1.key" -sha256 -days 3650 -subj "/O=FHIR Gateway Dev/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" -out "$work/$1.crt"
  # `openssl ca` keeps a small database per issuer; it lets us set exact validity dates.
  mkdir -p "$work/$1.db"
  : >"$work/$1.db/index.txt"
  cat >"$work/$1.cnf" <<EOF
[ca]
default_ca = dev
[dev]
dir = $work/$1.db
database = \$dir/index.txt
new_certs_dir = \$dir
rand_serial = yes
certificate = $work/$1.crt
private_key = $work/$1.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
organizationName = optional
commonName = supplied
EOF
}

issue() {  # issue CA NAME SUBJECT START END EXTENSIONS
  local ca=$1 name=$2 subject=$3 start=$4 end=$5 ext=$6
  new_key "$work/$name.key"
  openssl req -new -key "$work/$name.key" -subj "$subject" -out "$work/$name.csr"
  printf '%s\n' "$ext" >"$work/$name.ext"
  openssl ca -batch -notext -config "$work/$ca.cnf" -in "$work/$name.csr" -out "$work/$name.crt" \
    -startdate "$start" -enddate "$end" -extfile "$work/$name.ext" 2>/dev/null
}

now=$(date -u -d "-1 hour" +%Y%m%d%H%M%SZ)  # an hour back: tolerates small clock skew
year=$(date -u -d '+365 days' +%Y%m%d%H%M%SZ)
leaf_ext=$'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nauthorityKeyIdentifier=keyid'
client_ext="$leaf_ext"$'\nextendedKeyUsage=clientAuth\nsubjectAltName=URI:'"$client_uri"

make_ca ca "FHIR Gateway Development CA"
make_ca foreign-ca "Foreign Development CA"
issue ca server "/O=FHIR Gateway Dev/CN=localhost" "$now" "$year" \
  "$leaf_ext"$'\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1'
issue ca client "/O=FHIR Gateway Dev/CN=hie-hub" "$now" "$year" "$client_ext"
issue ca client-expired "/O=FHIR Gateway Dev/CN=hie-hub" 20200101000000Z 20200201000000Z "$client_ext"
issue foreign-ca client-foreign "/O=FHIR Gateway Dev/CN=hie-hub" "$now" "$year" "$client_ext"

for f in ca foreign-ca "${leaves[@]}"; do
  install -m 0600 "$work/$f.key" "$out/$f.key"
  install -m 0644 "$work/$f.crt" "$out/$f.crt"
done
echo "make-dev-certs: wrote development CA, server and client certificates to $out"
