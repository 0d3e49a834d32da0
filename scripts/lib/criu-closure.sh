# shellcheck shell=bash
# The runtime closure of dynamically linked programs taken from Debian
# packages: which packages and which of their files a guest needs so that the
# programs load (their ELF interpreter and every NEEDED shared object, to a
# fixed point). Source it after lib/common.sh; scripts/criu-payload.sh uses it for
# CRIU, tests/host/test-criu-closure.sh on a fixture.
#
# The resolver works through four hooks, which the real script defines over
# apt-get, dpkg-deb and readelf and the test over a fixture:
#   cl_fetch PKG DIR     put the files of package PKG under DIR (as dpkg-deb -x);
#                        nonzero when there is no such package
#   cl_depends PKG       the packages PKG depends on, one a line (alternatives
#                        too); PKG has been fetched
#   cl_needed FILE       the NEEDED sonames of FILE, one a line (nothing for a
#                        file that is not a dynamic ELF object)
#   cl_interp FILE       the path of FILE's ELF interpreter, or nothing
#
# Where a soname is looked for: the directories the loader searches without a
# cache (Debian's multiarch directories first).
CL_LIB_DIRS="lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu lib usr/lib"

# cl_policy_name SONAME: the library package Debian policy (8.1) names after
# SONAME: libfoo.so.3 -> libfoo3, libfoo2.so.1 -> libfoo2-1, libnl-3.so.200 ->
# libnl-3-200. Nothing for a soname without a version.
cl_policy_name() {
	local base="${1%%.so.*}" ver="${1#*.so.}"
	[ "$base" != "$1" ] || return 0
	ver="${ver%%.*}"
	case "$base" in
	*[0-9]) echo "$base-$ver" | tr '[:upper:]_' '[:lower:]-' ;;
	*) echo "$base$ver" | tr '[:upper:]_' '[:lower:]-' ;;
	esac
}

# cl_candidates PKG SONAME: the dependencies of PKG to try for SONAME: the one
# policy names after it first, then the others in their order.
cl_candidates() {
	local want deps
	want=$(cl_policy_name "$2")
	deps=$(cl_depends "$1" | awk 'NF && !seen[$1]++ { print $1 }')
	if [ -n "$want" ] && grep -qx -- "$want" <<<"$deps"; then
		echo "$want"
	fi
	printf '%s\n' "$deps" | grep -vx -- "${want:-/}" || true
}

# cl_find_path ROOT PATH: PATH (absolute, in the guest) inside the package tree
# ROOT, following symbolic links inside ROOT; prints every path of the chain,
# relative to ROOT, the file last. Nonzero when PATH is not in ROOT.
cl_find_path() {
	local root="$1" path="${2#/}" target hops=0
	while [ "$hops" -lt 16 ]; do
		if [ -L "$root/$path" ]; then
			echo "$path"
			target=$(readlink "$root/$path")
			case "$target" in
			/*) path="${target#/}" ;;
			*) path=$(cl_normalise "$(dirname "$path")/$target") ;;
			esac
			hops=$((hops + 1))
		elif [ -f "$root/$path" ]; then
			echo "$path"
			return 0
		else
			return 1
		fi
	done
	return 1
}

# cl_normalise PATH: a relative path without "." and ".." components.
cl_normalise() {
	local parts=() part
	local IFS=/
	for part in $1; do
		case "$part" in
		'' | .) ;;
		..) [ ${#parts[@]} -eq 0 ] || unset 'parts[${#parts[@]}-1]' ;;
		*) parts+=("$part") ;;
		esac
	done
	echo "${parts[*]}"
}

# cl_locate SONAME_OR_PATH PKG...: the first of the fetched packages that has
# it (a soname in CL_LIB_DIRS, an absolute path as it is): "PKG PATH..." (the
# chain of cl_find_path). Nonzero when none has it.
cl_locate() {
	local what="$1" pkg dir chain
	shift
	for pkg in "$@"; do
		case "$what" in
		/*)
			if chain=$(cl_find_path "$CL_WORK/$pkg" "$what"); then
				# shellcheck disable=SC2086 # the chain's paths, one word each
				echo "$pkg" $chain
				return 0
			fi
			;;
		*)
			for dir in $CL_LIB_DIRS; do
				if chain=$(cl_find_path "$CL_WORK/$pkg" "/$dir/$what"); then
					# shellcheck disable=SC2086 # the chain's paths, one word each
					echo "$pkg" $chain
					return 0
				fi
			done
			;;
		esac
	done
	return 1
}

# cl_resolve WORKDIR ROOTPKG PATH...: the closure of the files PATH... (absolute
# paths in package ROOTPKG). Packages are fetched into WORKDIR/PKG as they are
# needed: a soname that no fetched package has is looked for in the
# dependencies of the package of the file that needs it. Prints "PKG PATH" for
# every file and symbolic link the programs need, PATH relative to the
# package's root; the packages fetched are in WORKDIR/.fetched, one a line.
# Fails naming the soname, the file that needs it and the packages searched,
# or the package that could not be fetched.
cl_resolve() {
	CL_WORK="$1"
	local root="$2" fetched=() queue=() done_files=" " seen=" " item pkg file what loc cand tried p
	shift 2
	mkdir -p "$CL_WORK"
	: >"$CL_WORK/.fetched"
	cl_fetch_once "$root" || return 1
	fetched+=("$root")
	for file in "$@"; do
		loc=$(cl_locate "$file" "$root") || { echo "error: package $root has no $file" >&2; return 1; }
		queue+=("$loc")
	done
	while [ ${#queue[@]} -gt 0 ]; do
		item="${queue[0]}"
		queue=("${queue[@]:1}")
		# shellcheck disable=SC2086 # "PKG PATH..." splits into its words
		set -- $item
		pkg="$1"
		shift
		for p in "$@"; do
			case "$done_files" in *" $pkg:$p "*) continue ;; esac
			done_files="$done_files$pkg:$p "
			echo "$pkg $p"
		done
		file="$CL_WORK/$pkg/${*: -1}"
		for what in $(cl_needed "$file") $(cl_interp "$file"); do
			case "$seen" in *" $what "*) continue ;; esac
			seen="$seen$what "
			if ! loc=$(cl_locate "$what" "${fetched[@]}"); then
				tried=""
				for cand in $(cl_candidates "$pkg" "$what"); do
					case " ${fetched[*]} " in *" $cand "*) continue ;; esac
					cl_fetch_once "$cand" || return 1
					fetched+=("$cand")
					tried="$tried $cand"
					loc=$(cl_locate "$what" "$cand") && break
				done
				[ -n "$loc" ] || {
					echo "error: unresolved $(case "$what" in /*) echo interpreter ;; *) echo soname ;; esac) $what, needed by /${*: -1} (package $pkg); searched the packages ${fetched[*]}" >&2
					return 1
				}
			fi
			queue+=("$loc")
		done
	done
}

cl_fetch_once() {
	[ -d "$CL_WORK/$1" ] && { echo "$1" >>"$CL_WORK/.fetched"; return 0; }
	mkdir -p "$CL_WORK/$1.tmp"
	if ! cl_fetch "$1" "$CL_WORK/$1.tmp"; then
		rm -rf "$CL_WORK/$1.tmp"
		echo "error: cannot fetch package $1" >&2
		return 1
	fi
	mv "$CL_WORK/$1.tmp" "$CL_WORK/$1"
	echo "$1" >>"$CL_WORK/.fetched"
}
