# series-plan.awk: which variants each patch of a series must be built for,
# read from the patches alone (no kernel tree). Run by series-plan.sh:
#   awk -v variants="baseline pte ..." -v kconfig_dir=DIR -f series-plan.awk PATCH...
# Prints one tab-separated line per patch:
#   N  FILE  SUBJECT  BUILD  KEEP  ABSENT  OMIT  WHY  KIND
# BUILD: the variants to build after this patch (comma-separated, "-" for
# none); KEEP: variants that exist but that the patch does not change;
# ABSENT: variants whose Kconfig options the series has not defined yet;
# OMIT: the options of the fragments the series defines later (left out of
# the configuration at this patch, space-separated); WHY: the reason; KIND:
# "wide" when the patch changes a header or a build file (most of a kernel
# may recompile), "narrow" when it changes only .c and .S files, "-" when
# nothing of the kernel build.
#
# Rules (conservative: when unsure, every variant):
# - Files under Documentation/ or tools/, and MAINTAINERS: no kernel build.
# - A .c or .S file that the series' own Makefile lines compile under
#   obj-$(CONFIG_SYM), and a Makefile hunk of only such lines: the variants
#   in which SYM can be enabled. SYM can be enabled in a variant when
#   base.config or the variant's fragment sets it to y, when it is not
#   defined by the series (an upstream option, not set explicitly to n), when
#   the series gives it a default, or when an option enabled in the variant
#   selects it.
# - Any other file (headers, Kconfig, other sources, build files): every variant.
# - A variant exists from the patch that defines the last of the options its
#   fragment sets to y (apart from test-only ones, *_TEST and *_BENCH, and
#   those baseline sets: baseline is upstream and exists at every patch).
#   The patch where a variant appears builds it.

function add_list(list, item) {
	return list == "" ? item : list "," item
}

function read_fragment(name, file,    line, sym) {
	while ((getline line <file) > 0) {
		if (match(line, /^CONFIG_[A-Za-z0-9_]+=/)) {
			sym = substr(line, 8, RLENGTH - 8)
			frag[name, sym] = substr(line, RLENGTH + 1)
			fragsyms[name] = fragsyms[name] " " sym
		} else if (match(line, /^# CONFIG_[A-Za-z0-9_]+ is not set/)) {
			sym = substr(line, 10)
			sub(/ is not set.*/, "", sym)
			frag[name, sym] = "n"
			fragsyms[name] = fragsyms[name] " " sym
		}
	}
	close(file)
}

# The value a variant's configuration asks for SYM: its fragment, then base.
function wanted(v, sym) {
	if ((v, sym) in frag) return frag[v, sym]
	if (("base", sym) in frag) return frag["base", sym]
	return ""
}

# Can SYM be enabled in variant V (over-approximated)?
function can_enable(v, sym,    w, s, n, i, parts) {
	w = wanted(v, sym)
	if (w == "n") return 0
	if (w != "") return 1
	if (!(sym in series_sym)) return 1
	if (sym in default_on || sym in select_anywhere) return 1
	if ((v, sym) in visiting) return 0
	visiting[v, sym] = 1
	for (s in selectors) {
		split(selectors[s], parts, " ")
		for (i in parts)
			if (parts[i] == sym && can_enable(v, s)) { delete visiting[v, sym]; return 1 }
	}
	delete visiting[v, sym]
	return 0
}

function test_only(sym) {
	return sym ~ /_(TEST|BENCH)$/
}

function exists(v,    n, i, parts, sym) {
	if (v == "baseline") return 1
	n = split(fragsyms[v], parts, " ")
	for (i = 1; i <= n; i++) {
		sym = parts[i]
		if (frag[v, sym] != "y" || test_only(sym) || frag["baseline", sym] == "y") continue
		if (sym in series_sym && !(sym in defined)) return 0
	}
	return 1
}

function flush_patch(    i, n, parts, v, build, keep, absent, omit, sym, why, f, cond, forced, c, ncond, condlist) {
	if (pfile == "") return
	# Files: forced (every variant), conditional (on a symbol), or none.
	forced = ""; ncond = 0; condlist = ""
	for (i = 1; i <= nfiles; i++) {
		f = files[i]
		if (f ~ /^(Documentation|tools)\// || f == "MAINTAINERS") continue
		kind = (f ~ /\.[cS]$/ && kind != "wide") ? "narrow" : "wide"
		if (f ~ /\.[cS]$/ && (f in objcond)) {
			cond = objcond[f]
		} else if (f ~ /(^|\/)(Makefile|Kbuild)$/ && (f in mkcond)) {
			cond = mkcond[f]
		} else {
			forced = forced == "" ? f : forced
			nforced++
			continue
		}
		n = split(cond, parts, " ")
		for (c = 1; c <= n; c++) {
			if (!(parts[c] in condseen)) { condseen[parts[c]] = 1; conds[++ncond] = parts[c]; condlist = condlist " " parts[c] }
		}
	}
	build = keep = absent = ""
	for (i = 1; i <= nvariants; i++) {
		v = vlist[i]
		if (!exists(v)) { absent = add_list(absent, v); continue }
		hit = forced != ""
		for (c = 1; c <= ncond && !hit; c++)
			if (can_enable(v, conds[c])) hit = 1
		if (!(v in built)) { hit = 1; newv = newv " " v }
		if (hit) { build = add_list(build, v); built[v] = 1 }
		else keep = add_list(keep, v)
	}
	if (forced != "") why = "changes " forced (nforced > 1 ? " and " (nforced - 1) " more" : "")
	else if (ncond > 0) why = "only code built with" condlist
	else why = "no file of the kernel build"
	if (newv != "") why = why "; first patch with" newv
	omit = ""
	for (sym in fragsym_any)
		if (sym in series_sym && !(sym in defined)) omit = omit == "" ? sym : omit " " sym
	printf "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", ++npatch, pname, subject, \
		build == "" ? "-" : build, keep == "" ? "-" : keep, absent == "" ? "-" : absent, \
		omit == "" ? "-" : omit, why, kind == "" ? "-" : kind
	delete condseen
	delete conds
	nfiles = 0; nforced = 0; newv = ""; kind = ""
}

BEGIN {
	read_fragment("base", kconfig_dir "/base.config")
	nvariants = split(variants, vlist, " ")
	for (i = 1; i <= nvariants; i++) read_fragment(vlist[i], kconfig_dir "/" vlist[i] ".config")
	for (k in frag) { split(k, kp, SUBSEP); fragsym_any[kp[2]] = 1 }
	# Pass 0: the options the series defines, and how, over all patches
	# (an over-approximation of what can be enabled at any one patch).
	for (a = 1; a < ARGC; a++) {
		cur = ""; file = ""
		while ((getline line <ARGV[a]) > 0) {
			if (line ~ /^diff --git /) { file = line; sub(/^diff --git a\//, "", file); sub(/ b\/.*/, "", file); cur = ""; continue }
			if (file !~ /(^|\/)Kconfig[^\/]*$/) continue
			if (line ~ /^@@/) {
				cur = ""
				if (match(line, /@@ (menu)?config [A-Za-z0-9_]+/)) { cur = substr(line, RSTART, RLENGTH); sub(/.* /, "", cur) }
				continue
			}
			if (line ~ /^[-+ ][ \t]*(menu)?config[ \t]+[A-Za-z0-9_]+/) {
				sym = line; sub(/^[-+ ][ \t]*(menu)?config[ \t]+/, "", sym); sub(/[ \t].*/, "", sym)
				cur = sym
				if (line ~ /^\+/) series_sym[sym] = 1
				continue
			}
			if (line ~ /^[-+ ][ \t]*(choice|endchoice|menu|endmenu|if|endif|source)([ \t]|$)/) { cur = ""; continue }
			if (line ~ /^\+[ \t]*select[ \t]/) {
				sym = line; sub(/^\+[ \t]*select[ \t]+/, "", sym); sub(/[ \t].*/, "", sym)
				if (cur == "") select_anywhere[sym] = 1
				else selectors[cur] = selectors[cur] " " sym
			}
			if (line ~ /^\+[ \t]*(default|def_bool|def_tristate)[ \t]/ && line !~ /[ \t]n[ \t]*$/ && cur != "")
				default_on[cur] = 1
		}
		close(ARGV[a])
	}
}

FNR == 1 {
	finish_patch()
	pfile = FILENAME; pname = FILENAME; sub(/.*\//, "", pname)
	subject = ""; insubj = 0; inhead = 1; file = ""; mkonly = 1; insig = 0
}
inhead && /^Subject: / { subject = $0; sub(/^Subject: (\[[^]]*\] )?/, "", subject); insubj = 1; next }
inhead && insubj && /^[ \t]/ { s = $0; sub(/^[ \t]+/, " ", s); subject = subject s; next }
inhead { insubj = 0 }
inhead && /^$/ { inhead = 0 }
# The signature ends the patch ("-- " would read as a removed line).
/^-- $/ { end_makefile(); insig = 1 }
insig { next }
/^diff --git / {
	end_makefile()
	file = $0; sub(/^diff --git a\//, "", file); sub(/ b\/.*/, "", file)
	files[++nfiles] = file
	mksyms = ""; mkonly = 1
	next
}
/^\+\+\+ |^--- / { next }
file ~ /(^|\/)(Makefile|Kbuild)$/ && /^[-+]/ {
	line = substr($0, 2)
	if (line ~ /^[ \t]*$/) next
	if (match(line, /^obj-\$\(CONFIG_[A-Za-z0-9_]+\)[ \t]*[+:]?=/)) {
		sym = line; sub(/^obj-\$\(CONFIG_/, "", sym); sub(/\).*/, "", sym)
		mksyms = mksyms " " sym
		if ($0 ~ /^\+/) {
			objs = substr(line, RLENGTH + 1)
			dir = file; sub(/(Makefile|Kbuild)$/, "", dir)
			n = split(objs, o, /[ \t]+/)
			for (i = 1; i <= n; i++)
				if (o[i] ~ /^[A-Za-z0-9_-]+\.o$/) {
					base = dir substr(o[i], 1, length(o[i]) - 2)
					objcond[base ".c"] = sym; objcond[base ".S"] = sym
				}
		}
	} else mkonly = 0
	next
}
file ~ /(^|\/)Kconfig[^\/]*$/ && /^[-+][ \t]*(menu)?config[ \t]/ {
	sym = $0; sub(/^[-+][ \t]*(menu)?config[ \t]+/, "", sym); sub(/[ \t].*/, "", sym)
	if ($0 ~ /^\+/) added[sym] = 1; else removed[sym] = 1
}
END {
	finish_patch()
}

# The end of a patch: the options it defines or removes take effect, then its
# line of the plan.
function finish_patch(    sym) {
	end_makefile()
	for (sym in removed) if (!(sym in added)) delete defined[sym]
	for (sym in added) defined[sym] = 1
	delete added
	delete removed
	flush_patch()
}

# A Makefile whose changed lines are all obj-$(CONFIG_SYM) lines changes the
# build of the variants that enable those symbols only.
function end_makefile() {
	if (file ~ /(^|\/)(Makefile|Kbuild)$/ && mkonly && mksyms != "") mkcond[file] = mksyms
	else if (file in mkcond) delete mkcond[file]
	file = ""
}
