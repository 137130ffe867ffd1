# sources.sh - the project refers to nothing outside itself, and the
# scenarios cite only the sources and assumptions docs/sources.md defines.
#
# src_check ROOT prints one line per fault, "sources: FILE:LINE: what",
# and returns 1 when there is any:
#
# Paths, in every text file of the project (`git ls-files` when ROOT is a
# git checkout, else every file but those in build/ and output/):
#   - an absolute path in a home or workspace folder (/home/NAME, /Users,
#     /root, /work, /mnt, /srv, /media, a file: URL, a Windows drive);
#     /home/you, /home/user, /home/USER, /home/$USER and /home/NAME are
#     placeholders in examples and pass;
#   - a relative path whose "../" climbs above ROOT from the file's folder;
#   - outside tests/, a relative path with "../" that names no file or
#     folder of the project: from where it is written it points outside
#     (tests/ builds made-up trees whose paths need not exist).
# Citations, in scenarios/ (source notes, [scenario] source and comments
# of the .ini files, comment lines of the tables):
#   - an ID ([S1], [A3]) not defined in docs/sources.md, defined there by a
#     heading "### [ID] title" with an anchor <a id="ID"></a>; an ID
#     defined twice or without its anchor;
#   - an ID defined there that nothing in scenarios/ cites: a failure, not
#     a warning, since the file lists what the scenarios use and an
#     uncited entry is stale or its citation was forgotten (an entry whose
#     heading ends "(retired)" is kept for its ID and must not be cited);
#   - a source note that cites no ID, or that begins "assumption" and
#     cites no [A...] entry.
# Each check runs on made-up trees with one fault each, which it must
# report exactly, and then on the project, which must pass.  The faults
# below are written in pieces ('/wor''k', '../../''../x') so that this
# file, which the project check reads too, holds none of them whole.

# src_files ROOT - the files to read, relative to ROOT, one a line.
src_files() {
    if [ -e "$1/.git" ] && command -v git >/dev/null 2>&1; then
        git -C "$1" ls-files
    else
        (cd "$1" && find . -type f ! -path './.git/*' ! -path './build/*' \
            ! -path './output/*' | sed 's|^\./||' | sort)
    fi
}

# src_paths ROOT LIST - the path checks on the files named in LIST.
src_paths() {
    (cd "$1" && awk -v list="$2" '
    function fault(f, n, msg) { print "sources: " f ":" n ": " msg; bad = 1 }
    # dirname F - the folder of F, "" at the root.
    function dirname(f,   i) {
        for (i = length(f); i > 0 && substr(f, i, 1) != "/"; i--)
            ;
        return i > 0 ? substr(f, 1, i - 1) : ""
    }
    # resolve BASE TOK - TOK read from folder BASE, as a path from the
    # root; "^" when it climbs above the root.
    function resolve(base, tok,   n, c, i, d, st, out) {
        n = split(base "/" tok, c, "/")
        d = 0
        for (i = 1; i <= n; i++) {
            if (c[i] == "" || c[i] == ".") continue
            if (c[i] == "..") { if (d == 0) return "^"; d--; continue }
            st[++d] = c[i]
        }
        out = ""
        for (i = 1; i <= d; i++) out = out (i > 1 ? "/" : "") st[i]
        return out
    }
    BEGIN {
        pathch = "[A-Za-z0-9_.~+@$/-]"
        # written in pieces, so that this file holds none of them whole
        home = "(/" "home/[A-Za-z0-9_.$-]+|/" "Users/|/" "root/|/" "work/|/" "mnt/|/" "srv/|/" "media/)"
        while ((getline f < list) > 0) {
            files[++nf] = f
            known[f] = 1
            for (d = dirname(f); d != "" && !(d in known); d = dirname(d))
                known[d] = 1
        }
        close(list)
        for (k = 1; k <= nf; k++) {
            f = files[k]
            base = dirname(f)
            intests = (f ~ /^tests\//)
            n = 0
            while ((getline line < f) > 0) {
                n++
                # absolute paths in a home or workspace folder
                rest = line
                while (match(rest, "(^|[][ \t\"'"'"'`=(,:<>{|])" home)) {
                    tok = substr(rest, RSTART, RLENGTH)
                    rest = substr(rest, RSTART + RLENGTH)
                    sub(/^[^\/]/, "", tok)
                    if (match(rest, "^" pathch "+")) tok = tok substr(rest, 1, RLENGTH)
                    sub(/\.+$/, "", tok)
                    if (tok ~ /^\/home\/(you|user|USER|\$USER|NAME)(\/|$)/) continue
                    fault(f, n, "names " tok ", a path outside the project")
                }
                if (match(line, /file:\//) ||
                    match(line, /(^|[ \t"'"'"'`=(])[A-Za-z]:\\[A-Za-z0-9_.]+\\/)) {
                    tok = substr(line, RSTART, RLENGTH + 20)
                    sub(/^[ \t"'"'"'`=(]/, "", tok)
                    sub(/[ \t"'"'"'`)].*$/, "", tok)
                    fault(f, n, "names " tok ", a path outside the project")
                }
                # relative paths with ..
                rest = line
                while (match(rest, pathch "*\\.\\./" pathch "*")) {
                    tok = substr(rest, RSTART, RLENGTH)
                    rest = substr(rest, RSTART + RLENGTH)
                    sub(/^.*\/\/+/, "/", tok)   # a URL or an absolute path
                    if (tok ~ /^\//) continue
                    if (tok ~ /\/\.$/) tok = substr(tok, 1, length(tok) - 1)
                    while (tok ~ /[^.\/]\.$/) tok = substr(tok, 1, length(tok) - 1)
                    r = resolve(base, tok)
                    if (r == "^")
                        fault(f, n, "names " tok ", which climbs above the project from " (base == "" ? "its root" : base "/"))
                    else if (!intests && !(r in known))
                        fault(f, n, "names " tok ", which is no file or folder of the project (from " (base == "" ? "its root" : base "/") " it would be " r ")")
                }
            }
            close(f)
        }
        exit bad
    }')
}

# src_ids ROOT LIST - the citation checks (status 0: see the output).
src_ids() {
    (cd "$1" && awk -v list="$2" '
    function fault(f, n, msg) { print "sources: " f ":" n ": " msg; bad = 1 }
    # cite F N TEXT - record the IDs TEXT cites; returns their number, and
    # sets nA to the number of [A...] among them.
    function cite(f, n, text,   c, id) {
        c = 0; nA = 0
        while (match(text, /\[[SA][0-9]+\]/)) {
            id = substr(text, RSTART + 1, RLENGTH - 2)
            text = substr(text, RSTART + RLENGTH)
            c++
            if (id ~ /^A/) nA++
            if (!(id in cited)) { cited[id] = f ":" n; order[++nc] = id }
        }
        return c
    }
    function endnote(   c) {
        if (note == "") return
        c = cite(nf_, nl_, notetext)
        if (c == 0)
            fault(nf_, nl_, note " cites no source or assumption of docs/sources.md ([S1], [A1], ...)")
        else if (tolower(notetext) ~ /^[ \t]*assumption/ && nA == 0)
            fault(nf_, nl_, note " is an assumption but cites no [A...] entry of docs/sources.md")
        note = ""
    }
    BEGIN {
        doc = "docs/sources.md"
        n = 0
        if ((getline line < doc) <= 0) {
            print "sources: " doc ": missing or empty"
            exit 1
        }
        prev = ""
        do {
            n++
            if (line ~ /^#+ \[[SA][0-9]+\]/) {
                match(line, /\[[SA][0-9]+\]/)
                id = substr(line, RSTART + 1, RLENGTH - 2)
                if (id in defined)
                    fault(doc, n, "[" id "] is defined twice (first at line " defined[id] ")")
                else {
                    defined[id] = n
                    ids[++nd] = id
                    if (prev != "<a id=\"" id "\"></a>")
                        fault(doc, n, "[" id "] has no anchor <a id=\"" id "\"></a> on the line before")
                }
                if (line ~ /\(retired\)[ \t]*$/) retired[id] = 1
            }
            prev = line
        } while ((getline line < doc) > 0)
        close(doc)

        while ((getline f < list) > 0) {
            if (f !~ /^scenarios\//) continue
            ini = (f ~ /\.ini$/)
            n = 0; note = ""
            while ((getline line < f) > 0) {
                n++
                if (ini) {
                    if (note != "" && line ~ /^[ \t]+[^ \t;#[]/ && line !~ /^[ \t]*[A-Za-z0-9_.]+[ \t]*=/) {
                        notetext = notetext " " line
                        continue
                    }
                    endnote()
                    if (line ~ /^[ \t]*[;#]/)
                        cite(f, n, line)
                    else if (match(line, /^[ \t]*[A-Za-z0-9_]+\.source[ \t]*=/)) {
                        note = line; sub(/[ \t]*=.*/, "", note); sub(/^[ \t]*/, "", note)
                        notetext = substr(line, RLENGTH + 1)
                        nf_ = f; nl_ = n
                    } else if (line ~ /^[ \t]*source[ \t]*=/)
                        cite(f, n, line)
                } else if (line ~ /^[ \t]*#/)
                    cite(f, n, line)
            }
            if (ini) endnote()
            close(f)
        }
        close(list)
        for (i = 1; i <= nc; i++) {
            id = order[i]
            if (!(id in defined))
                fault(cited[id], "", "cites [" id "], which docs/sources.md does not define")
            else if (id in retired)
                fault(cited[id], "", "cites [" id "], which docs/sources.md marks retired")
        }
        for (i = 1; i <= nd; i++)
            if (!(ids[i] in cited) && !(ids[i] in retired))
                fault(doc, defined[ids[i]], "[" ids[i] "] is cited by no scenario or table in scenarios/")
    }' | sed 's/^\(sources: [^:]*:[0-9]*\):: /\1: /')
}

# src_check ROOT - both; the faults on stdout, status 1 when any.
src_check() {
    src_list=$TMP/src-list
    src_files "$1" >"$src_list.all" || return 2
    # the text files among them (grep -I leaves binary files out)
    (cd "$1" && tr '\n' '\0' <"$src_list.all" | xargs -0 -r grep -Il '' 2>/dev/null) \
        >"$src_list"
    { src_paths "$1" "$src_list"; src_ids "$1" "$src_list"; } >"$src_list.out"
    cat "$src_list.out"
    [ ! -s "$src_list.out" ]
}

# src_tree DIR - a small tree that passes: two sources and an assumption,
# cited by notes, comments and a table; relative paths that stay inside.
src_tree() {
    rm -rf "$1"
    mkdir -p "$1/docs" "$1/scenarios/data" "$1/tests/fixtures/v"
    cat >"$1/docs/sources.md" <<'EOF'
# Sources

See [the scenario](../scenarios/a.ini) and ../README.md.

<a id="S1"></a>
### [S1] A publisher: a table

<a id="S2"></a>
### [S2] Another: a page

<a id="A1"></a>
### [A1] An assumption

<a id="S3"></a>
### [S3] An old page (retired)
EOF
    cat >"$1/scenarios/a.ini" <<'EOF'
; a - cites docs/sources.md [S2]; the table is data/t.csv, see ../docs/sources.md
[scenario]
name = a
source = Sources: a publisher [S1]

[parameters]
x = 1
x.source = docs/sources.md [S1]: a figure
y = 2
y.source = assumption,
    docs/sources.md [A1]: a guess
EOF
    printf '# a table; docs/sources.md [S2]\nk,v\n1,2\n' >"$1/scenarios/data/t.csv"
    printf 'Examples: /home/you/x.csv, $TMP/home/a, /tmp/x, https://a.org/b/../c\n' >"$1/README.md"
    printf 'base = ../base.ini\nfile = ../../nothing/here.csv\n' >"$1/tests/fixtures/v/v.ini"
    printf '[scenario]\n' >"$1/tests/fixtures/base.ini"
}

# src_expect NAME DIR FAULTS - src_check DIR fails with exactly FAULTS.
src_expect() {
    src_check "$2" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" -eq 1 ] && [ "$(cat "$TMP/out")" = "$3" ] && [ ! -s "$TMP/err" ]; then
        ok "$1"
    else
        fail "$1" "exit $rc; got '$(cat "$TMP/out" "$TMP/err")', expected '$3'"
    fi
}

S=$TMP/src
src_tree "$S/good"
src_check "$S/good" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ] && ok sources-pass ||
    fail sources-pass "exit $rc: $(cat "$TMP/out" "$TMP/err")"

# the project's former fault: a scenario citing the reference folder
# beside the checkout, and a table citing it by an absolute path
src_tree "$S/rel"
printf '; sources in ../shared/reference/SOURCES.md\n' >>"$S/rel/scenarios/a.ini"
src_expect sources-dangling "$S/rel" \
    "sources: scenarios/a.ini:12: names ../shared/reference/SOURCES.md, which is no file or folder of the project (from scenarios/ it would be shared/reference/SOURCES.md)"

src_tree "$S/abs"
printf '# see /wor''k/shared/reference/SOURCES.md.\n' >>"$S/abs/scenarios/data/t.csv"
printf 'Data in "/ho''me/alice/data" and C:\\Users\\me\\x.csv\n' >>"$S/abs/README.md"
src_expect sources-absolute "$S/abs" \
    "sources: README.md:2: names /ho""me/alice/data, a path outside the project
sources: README.md:2: names C:\\Users\\me\\x.csv, a path outside the project
sources: scenarios/data/t.csv:4: names /wor""k/shared/reference/SOURCES.md, a path outside the project"

src_tree "$S/climb"
printf '# ../../''../x.csv\n' >>"$S/climb/scenarios/data/t.csv"
printf 'x = ../../''../../etc/passwd\n' >>"$S/climb/tests/fixtures/v/v.ini"
src_expect sources-climb "$S/climb" \
    "sources: scenarios/data/t.csv:4: names ../../""../x.csv, which climbs above the project from scenarios/data/
sources: tests/fixtures/v/v.ini:3: names ../../""../../etc/passwd, which climbs above the project from tests/fixtures/v/"

src_tree "$S/undef"
printf 'z = 3\nz.source = docs/sources.md [S9]: not there\n' >>"$S/undef/scenarios/a.ini"
src_expect sources-undefined "$S/undef" \
    "sources: scenarios/a.ini:13: cites [S9], which docs/sources.md does not define"

src_tree "$S/uncited"
sed 's/\[S2\]/[S1]/' "$S/uncited/scenarios/data/t.csv" >"$TMP/t" &&
    cp "$TMP/t" "$S/uncited/scenarios/data/t.csv"
sed 's/\[S2\]/[S1]/' "$S/uncited/scenarios/a.ini" >"$TMP/t" &&
    cp "$TMP/t" "$S/uncited/scenarios/a.ini"
src_expect sources-uncited "$S/uncited" \
    "sources: docs/sources.md:9: [S2] is cited by no scenario or table in scenarios/"

src_tree "$S/retired"
printf '; once [S3]\n' >>"$S/retired/scenarios/a.ini"
src_expect sources-retired "$S/retired" \
    "sources: scenarios/a.ini:12: cites [S3], which docs/sources.md marks retired"

src_tree "$S/notes"
printf 'z = 3\nz.source = a figure from somewhere\nw = 4\nw.source = assumption, docs/sources.md [S1]:\n    a guess\n' \
    >>"$S/notes/scenarios/a.ini"
src_expect sources-notes "$S/notes" \
    "sources: scenarios/a.ini:13: z.source cites no source or assumption of docs/sources.md ([S1], [A1], ...)
sources: scenarios/a.ini:15: w.source is an assumption but cites no [A...] entry of docs/sources.md"

src_tree "$S/defs"
printf '\n### [S1] Again\n\n<a id="S4"></a>\n### [S5] Its anchor is wrong\n' >>"$S/defs/docs/sources.md"
printf '; [S5]\n' >>"$S/defs/scenarios/a.ini"
src_expect sources-definitions "$S/defs" \
    "sources: docs/sources.md:17: [S1] is defined twice (first at line 6)
sources: docs/sources.md:20: [S5] has no anchor <a id=\"S5\"></a> on the line before"

# in a git checkout only the tracked files count
requires git
src_tree "$S/git"
git -C "$S/git" init -q && git -C "$S/git" add . &&
    printf '/wor''k/x\n' >"$S/git/untracked.txt" &&
    printf '/wor''k/y\n' >"$S/git/tracked.txt" && git -C "$S/git" add tracked.txt
src_expect sources-git-tracked "$S/git" \
    "sources: tracked.txt:1: names /wor""k/y, a path outside the project"
requires -
rm -rf "$S"

# the project itself
src_check . >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] && [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ] && ok sources-project ||
    fail sources-project "exit $rc: $(cat "$TMP/out" "$TMP/err")"
