#!/bin/sh
# Makes a private certificate authority for the TLS between the gateway, the alliance and
# the members, and one certificate per service, signed by it (docs/OPERATIONS.md, "TLS").
#
#   deploy/tls/make-ca.sh OUT_DIR [NAME ...]
#
# OUT_DIR receives ca.pem (the bundle every process trusts: MEDALLIANCE_CA_FILE), ca.key
# (keep it offline), and NAME.pem / NAME.key for each service. Each certificate names
# NAME, localhost and 127.0.0.1 (for the container's own healthcheck), and serves both as
# a server certificate (MEDALLIANCE_SERVER_CERT_FILE) and as a client certificate
# (MEDALLIANCE_TLS_CERT_FILE). An existing ca.pem/ca.key in OUT_DIR is reused, so new
# members can be added later. Without NAMEs: the services of docker-compose.yml.
# Keys are written mode 600 (KEY_MODE=640 or 644 when a container user other than the
# file's owner must read a bind-mounted key). Needs the openssl command.
set -eu

out=${1:?usage: make-ca.sh OUT_DIR [NAME ...]}
shift
[ "$#" -gt 0 ] || set -- gateway alliance hospital-dh-lead hospital-dh-district hospital-dh-chc-lakeside hospital-dh-chc-hill
days=${DAYS:-825}
key_mode=${KEY_MODE:-600}
mkdir -p "$out"
umask 077

if [ ! -f "$out/ca.pem" ] || [ ! -f "$out/ca.key" ]; then
  openssl ecparam -name prime256v1 -genkey -noout -out "$out/ca.key"
  openssl req -x509 -new -key "$out/ca.key" -sha256 -days "$((days * 2))" -subj "/O=MedAlliance/CN=MedAlliance internal CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$out/ca.pem"
fi

for name in "$@"; do
  case "$name" in
    *[!A-Za-z0-9.-]* | "" | -*) echo "make-ca.sh: \"$name\" is not a host name" >&2; exit 2 ;;
  esac
  ext="$out/$name.ext"
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth,clientAuth" \
    "subjectAltName=DNS:$name,DNS:localhost,IP:127.0.0.1" > "$ext"
  openssl ecparam -name prime256v1 -genkey -noout -out "$out/$name.key"
  openssl req -new -key "$out/$name.key" -subj "/O=MedAlliance/CN=$name" -out "$out/$name.csr"
  openssl x509 -req -in "$out/$name.csr" -CA "$out/ca.pem" -CAkey "$out/ca.key" -CAcreateserial -sha256 -days "$days" -extfile "$ext" -out "$out/$name.pem" 2>/dev/null
  rm -f "$out/$name.csr" "$ext"
  chmod "$key_mode" "$out/$name.key"
  chmod 644 "$out/$name.pem"
done
chmod 644 "$out/ca.pem"
echo "CA: $out/ca.pem; certificates: $*"
