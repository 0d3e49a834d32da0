#!/usr/bin/env bash
# ShellCheck on every shell script of the harness: scripts/, tests/, bench/,
# guest/, analysis/plots/ and .ci/run. Scripts that run in the guest
# (#!/bin/sh, #!/bin/busybox sh) are busybox ash: checked as dash, the
# nearest dialect ShellCheck 0.9 knows (0.10 adds busybox); the rest as bash.
# One ShellCheck run per dialect, one result per file. Settings and the
# project-wide exclusions: .shellcheckrc at the top.
. "$(dirname "$0")/lib.sh"

if ! command -v shellcheck >/dev/null; then
	not_ok "shellcheck is installed" "shellcheck is missing: run 'make deps'"
	finish
fi

# The harness's shell scripts, by path: its data (results/, runs/, build/,
# fixtures) holds generated steps.sh files (steps.txt in results/) that are
# not ours to lint.
harness_scripts() {
	(cd "$TOP" && find scripts tests bench guest analysis/plots .ci \
		-path tests/host/fixtures -prune -o -type f \
		\( -name '*.sh' -o -path guest/init -o -path .ci/run \) -print) | sort
}

bash_files=() sh_files=()
while IFS= read -r f; do
	case "$(head -n 1 "$TOP/$f")" in
	'#!/bin/sh' | '#!/bin/busybox sh') sh_files+=("$f") ;;
	*) bash_files+=("$f") ;;
	esac
done < <(harness_scripts)

# With -f gcc, ShellCheck prints "file:line:col: level: message [SCnnnn]", one a line.
# Status 1 means findings, anything else that ShellCheck itself failed.
lint() {
	local shell="$1" rc=0
	shift
	(cd "$TOP" && shellcheck -f gcc -s "$shell" "$@") >>"$T_TMP/findings" 2>"$T_TMP/errors" || rc=$?
	if [ "$rc" -gt 1 ]; then
		not_ok "shellcheck runs (-s $shell)" "status $rc" "$(head -n 5 "$T_TMP/errors")"
	fi
}
: >"$T_TMP/findings"
lint bash "${bash_files[@]}"
lint dash "${sh_files[@]}"

per_file shellcheck "$T_TMP/findings" "${bash_files[@]}" "${sh_files[@]}"
finish
