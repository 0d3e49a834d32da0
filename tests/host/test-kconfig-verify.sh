#!/usr/bin/env bash
# scripts/kconfig-verify.sh: a fragment option that Kconfig dropped fails the
# build with its name; options that survived pass.
. "$(dirname "$0")/lib.sh"
verify="$TOP/scripts/kconfig-verify.sh"

cat >"$T_TMP/fragment" <<'X'
CONFIG_A=y
CONFIG_B=y
# CONFIG_C is not set
CONFIG_D="text"
CONFIG_B=n
X
cat >"$T_TMP/good" <<'X'
CONFIG_A=y
# CONFIG_B is not set
CONFIG_D="text"
X
assert_status "all options as asked (later lines override earlier ones)" 0 bash "$verify" "$T_TMP/fragment" "$T_TMP/good"

cat >"$T_TMP/dropped" <<'X'
CONFIG_B=n
# CONFIG_A is not set
CONFIG_C=y
CONFIG_D="other"
X
assert_status "dropped options fail" 1 bash "$verify" "$T_TMP/fragment" "$T_TMP/dropped"
assert_contains "a dropped option is named" "$OUT" "CONFIG_A=y was asked for"
assert_contains "an option that should be off is named" "$OUT" "CONFIG_C=n was asked for, but the .config has CONFIG_C=y"
assert_contains "a changed string value is named" "$OUT" 'CONFIG_D="text" was asked for'
assert_contains "the count of bad options is given" "$OUT" "3 option(s)"
assert_status "a missing file is an error" 2 bash "$verify" "$T_TMP/fragment" "$T_TMP/nonexistent"
finish
