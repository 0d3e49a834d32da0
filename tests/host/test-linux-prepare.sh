#!/usr/bin/env bash
# make linux / make export-patches on a miniature source tree: the series is
# applied on a base commit, work that is not in patches/ is never destroyed,
# a patch that no longer applies is named, and export writes a format-patch
# series with a cover letter whose text survives re-export.
. "$(dirname "$0")/lib.sh"

src="$T_TMP/src/linux-source-6.12"
mkdir -p "$src/mm"
printf 'int a;\nint b;\nint c;\n' >"$src/mm/memory.c"
printf 'VERSION = 6\n' >"$src/Makefile"
# Like Debian's: ignore everything at the top level.
printf '/*\n!/debian/\n' >"$src/.gitignore"
tar -cJf "$T_TMP/linux-source.tar.xz" -C "$T_TMP/src" linux-source-6.12

export LINUX_TARBALL="$T_TMP/linux-source.tar.xz"
export LINUX_DIR="$T_TMP/linux"
export PATCHES_DIR="$T_TMP/patches"
export LINUX_SOURCE_VERSION_OVERRIDE="6.12.117-1~test1"
export BUILD="$T_TMP/build"
# A first version: "[PATCH n/m]", files NNNN-*.patch (experiments/series-version
# of the project says otherwise; the second version is tested below).
export SERIES_VERSION=1
mkdir -p "$PATCHES_DIR"
# shellcheck disable=SC2317 # prepare and export_patches: called through assert_status
prepare() { bash "$TOP/scripts/linux-prepare.sh"; }
# shellcheck disable=SC2317
export_patches() { bash "$TOP/scripts/export-patches.sh"; }
lgit() { git -C "$LINUX_DIR" "$@"; }
commit() {
	lgit -c user.name=Test -c user.email=test@example.org commit -q -a -m "$1" -m "Because a test says so."
}

assert_status "make linux creates linux/ from the tarball" 0 prepare
assert_eq "the base commit is tagged base" "$(lgit rev-parse HEAD)" "$(lgit rev-parse 'base^{commit}')"
assert_contains "the tag records the Debian version" "$(lgit tag -l --format='%(contents)' base)" "6.12.117-1~test1"

sed -i 's/int b;/int b = 1;/' "$LINUX_DIR/mm/memory.c"
assert_status "uncommitted changes stop make linux" 1 prepare
assert_contains "the error says why" "$OUT" "uncommitted changes"
commit "mm: initialise b"
assert_status "a commit that is not in patches/ stops make linux" 1 prepare
assert_contains "the error names the commit" "$OUT" "mm: initialise b"

assert_status "export-patches writes the series" 0 export_patches
assert_eq "one patch and a cover letter" "2" "$(find "$PATCHES_DIR" -mindepth 1 -maxdepth 1 | wc -l)"
assert_status "after export, make linux is satisfied" 0 prepare
assert_contains "and says linux/ is up to date" "$OUT" "up to date"

# The cover letter's subject and text survive a re-export.
sed -i 's/\*\*\* SUBJECT HERE \*\*\*/mm: a test series/; s/\*\*\* BLURB HERE \*\*\*/This series exists for a test./' \
	"$PATCHES_DIR/0000-cover-letter.patch"
sed -i 's/int c;/int c = 2;/' "$LINUX_DIR/mm/memory.c"
# A subject long enough to be folded: "[PATCH 2/2]" and "[PATCH]" fold it
# at different places, which must not make the series look changed.
commit "mm: initialise c, with a subject that is long enough to be folded by format-patch"
assert_status "export of two patches" 0 export_patches
assert_status "a folded subject still matches linux/" 0 prepare
assert_contains "so linux/ is up to date" "$OUT" "up to date"
cover=$(cat "$PATCHES_DIR/0000-cover-letter.patch")
assert_contains "the cover letter keeps its subject" "$cover" "Subject: [PATCH 0/2] mm: a test series"
assert_contains "the cover letter keeps its text" "$cover" "This series exists for a test."
assert_contains "the cover letter has a fresh shortlog" "$cover" "mm: initialise c, with"
assert_eq "the text appears once" 1 "$(grep -c 'This series exists' "$PATCHES_DIR/0000-cover-letter.patch")"

# A new source file is hidden by that .gitignore: it must not be lost.
printf 'int d;\n' >"$LINUX_DIR/mm/new.c"
assert_status "a new file hidden by Debian's .gitignore stops export" 1 export_patches
assert_contains "the hidden file is named" "$OUT" "mm/new.c"
assert_status "and stops make linux" 1 prepare
assert_contains "make linux names it too" "$OUT" "mm/new.c"
rm "$LINUX_DIR/mm/new.c"

# A fresh linux/ gets the whole series.
rm -rf "$LINUX_DIR"
assert_status "a fresh linux/ applies the series" 0 prepare
assert_eq "two commits on base" 2 "$(lgit rev-list --count base..HEAD)"
assert_contains "the series is applied" "$(cat "$LINUX_DIR/mm/memory.c")" "int c = 2;"

# patches/ changed by someone else (a git pull): linux/ follows when it holds no own work.
sed -i 's/int c = 2;/int c = 3;/' "$PATCHES_DIR"/0002-*.patch
assert_status "a changed series is re-applied" 0 prepare
assert_contains "linux/ has the new content" "$(cat "$LINUX_DIR/mm/memory.c")" "int c = 3;"

# A second version of the series: "[PATCH v2 n/m]", files v2-NNNN-*.patch,
# the first version's files gone, the cover letter's text kept, and the base
# commit named in the cover letter.
SERIES_VERSION=2 assert_status "export of a second version" 0 export_patches
assert_eq "v2 files only" "v2-0000-cover-letter.patch v2-0001-mm-initialise-b.patch v2-0002-mm-initialise-c-with-a-subject-that-is-long-enoug.patch" \
	"$(cd "$PATCHES_DIR" && echo *)"
cover=$(cat "$PATCHES_DIR/v2-0000-cover-letter.patch")
assert_contains "the v2 cover letter keeps its subject" "$cover" "Subject: [PATCH v2 0/2] mm: a test series"
assert_contains "and its text" "$cover" "This series exists for a test."
assert_contains "and names the base commit" "$cover" "base-commit: $(lgit rev-parse 'base^{commit}')"
assert_contains "the patches are numbered v2" "$(cat "$PATCHES_DIR"/v2-0001-*.patch)" "Subject: [PATCH v2 1/2] mm: initialise b"
assert_status "make linux reads a v2 series" 0 prepare
assert_contains "and finds linux/ up to date" "$OUT" "up to date"
rm -rf "$LINUX_DIR"
assert_status "a fresh linux/ applies the v2 series" 0 prepare
assert_contains "with its content" "$(cat "$LINUX_DIR/mm/memory.c")" "int c = 3;"
SERIES_VERSION=2 assert_status "re-export of the same series" 0 export_patches
assert_eq "the text still appears once" 1 "$(grep -c 'This series exists' "$PATCHES_DIR/v2-0000-cover-letter.patch")"
assert_status "a version that is not a number is refused" 1 env SERIES_VERSION=two bash "$TOP/scripts/export-patches.sh"
assert_contains "and named" "$OUT" "series version 'two'"

# A patch that no longer applies is named.
sed -i 's/^-int b;/-int bb;/' "$PATCHES_DIR/v2-0001-mm-initialise-b.patch"
rm -rf "$LINUX_DIR"
assert_status "a patch that does not apply fails" 1 prepare
assert_contains "the failing patch is named" "$OUT" "patch v2-0001-mm-initialise-b.patch no longer applies"
finish
