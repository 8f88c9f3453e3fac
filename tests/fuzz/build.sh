#!/bin/sh
# Builds the libFuzzer targets with clang (ASan + UBSan) into tests/fuzz/out.
# Usage: tests/fuzz/build.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/out"
mkdir -p "$out"
cat > "$out/config.h" <<EOC
#define PACKAGE_VERSION "fuzz"
#define GETTEXT_PACKAGE "ticket-lookup"
#define LOCALEDIR "/usr/share/locale"
#define APPLICATION_ID "io.github.ticketlookup.TicketLookup"
#define BASE_APPLICATION_ID "io.github.ticketlookup.TicketLookup"
#define PROFILE ""
EOC
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$out -I$root/src/core \
  $(pkg-config --cflags glib-2.0 gio-2.0 json-glib-1.0 libsoup-3.0 libsecret-1)"
libs="$(pkg-config --libs glib-2.0 gio-2.0 json-glib-1.0 libsoup-3.0 libsecret-1)"
core="$root/src/core/tl-input.c $root/src/core/tl-json.c $root/src/core/tl-ticket.c $root/src/core/tl-ticket-read.c $root/src/core/tl-text.c $root/src/core/tl-redactor.c $root/src/core/tl-error-body.c $root/src/core/tl-lookup-error.c $root/src/core/tl-proxy.c $root/src/core/tl-tls.c $root/src/core/tl-local-file.c"
for t in input ticket-json ticket-xml error-body redact ca-file; do
  # shellcheck disable=SC2086
  clang $flags -o "$out/fuzz-$t" "$here/fuzz-$t.c" $core $libs
done
echo "built: $(ls "$out" | grep '^fuzz-' | tr '\n' ' ')"
