#!/bin/bash
# Runs the bash completion of ticket-lookup-cli as bash-completion would.
# Usage: test_completion.sh COMPLETION_FILE   (TAP output)
set -u

bc=""
for f in /usr/share/bash-completion/bash_completion /etc/bash_completion; do
  [ -r "$f" ] && { bc=$f; break; }
done
if [ -z "$bc" ]; then
  echo "1..0 # SKIP bash-completion is not installed"
  exit 0
fi
# shellcheck disable=SC1090
source "$bc"
# shellcheck disable=SC1090
source "$1"
# outside a real completion bash refuses compopt; record what the function asks for instead
compopt () { COMPOPT_ARGS="$*"; }

n=0
failed=0
check () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

# complete LINE: fills COMPREPLY as if TAB were pressed at the end of LINE
complete_line () {
  COMP_LINE=$1
  COMP_POINT=${#COMP_LINE}
  read -r -a COMP_WORDS <<< "$COMP_LINE"
  if [[ $COMP_LINE == *" " ]]; then COMP_WORDS+=(""); fi
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  COMPOPT_ARGS=""
  _ticket_lookup_cli ticket-lookup-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
}

has () { local want=$1; shift; for w in "$@"; do [ "$w" = "$want" ] && return 0; done; return 1; }

complete -p ticket-lookup-cli >/dev/null 2>&1
check $? "the completion is registered for ticket-lookup-cli"

complete_line "ticket-lookup-cli --ba"
has "--batch=" "${COMPREPLY[@]}" && has "--base-url=" "${COMPREPLY[@]}"
check $? "options: --ba offers --batch= and --base-url= (got: ${COMPREPLY[*]})"

complete_line "ticket-lookup-cli --"
[ "${#COMPREPLY[@]}" -eq 20 ]
check $? "options: -- offers all 20 options (got ${#COMPREPLY[@]})"

complete_line "ticket-lookup-cli --jo"
[ "${COMPREPLY[*]}" = "--jobs=" ] && [ "$COMPOPT_ARGS" = "-o nospace" ]
check $? "an option that takes a value ends in = with no space after it (got: ${COMPREPLY[*]}; $COMPOPT_ARGS)"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/logs"
touch "$dir/support.log" "$dir/secret.txt" "$dir/office-root.pem"
cd "$dir" || exit 1

complete_line "ticket-lookup-cli --batch su"
has "support.log" "${COMPREPLY[@]}"
check $? "files after --batch (got: ${COMPREPLY[*]})"

complete_line "ticket-lookup-cli --password-file se"
has "secret.txt" "${COMPREPLY[@]}"
check $? "files after --password-file (got: ${COMPREPLY[*]})"

complete_line "ticket-lookup-cli --proxy-password-file se"
has "secret.txt" "${COMPREPLY[@]}"
check $? "files after --proxy-password-file (got: ${COMPREPLY[*]})"
complete_line "ticket-lookup-cli --ca-file of"
has "office-root.pem" "${COMPREPLY[@]}"
check $? "files after --ca-file (got: ${COMPREPLY[*]})"

complete_line "ticket-lookup-cli -b lo"
has "logs" "${COMPREPLY[@]}"
check $? "directories after -b (got: ${COMPREPLY[*]})"

complete_line "ticket-lookup-cli --timeout "
[ "${#COMPREPLY[@]}" -eq 0 ]
check $? "nothing is offered for --timeout's value (got: ${COMPREPLY[*]})"

complete_line "ticket-lookup-cli --base-url "
has "https://connect.maklare.vitec.net" "${COMPREPLY[@]}"
check $? "the production address after --base-url (got: ${COMPREPLY[*]})"

# every option of --help is completed
cli=${TL_CLI:-}
if [ -n "$cli" ]; then
  complete_line "ticket-lookup-cli --"
  missing=""
  for opt in $("$cli" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    has "$opt" "${COMPREPLY[@]}" || has "$opt=" "${COMPREPLY[@]}" || missing="$missing $opt"
  done
  [ -z "$missing" ]
  check $? "every option of --help is completed (missing:${missing:- none})"
fi

echo "1..$n"
exit $failed
