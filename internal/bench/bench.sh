#!/usr/bin/env bash
# bench.sh times vitrine, and Hugo when it is installed, on generated
# archives of each size given (default 1000 10000 100000 events), side by
# side in one run, and prints a table per size: wall time, CPU time,
# pages written, pages per second and peak resident memory.
#
# Usage: internal/bench/bench.sh [EVENTS...]     (make bench BENCH_SIZES="1000 10000")
#
# Environment:
#   GO         the go command (default go)
#   RUNS       runs of each build per size (default 3, and 5 from 100,000
#              events, whose ratio to 10,000 is a target: this VM's speed
#              drifts by a tenth from build to build, and the median of five
#              builds is steadier than that of three); the table shows the
#              median, with the range when RUNS > 1. Hugo and the forced
#              rebuild run once from 100,000 events (Hugo takes 10–25
#              minutes there)
#   BENCH_DIR  where corpora (cached across runs), binaries and output go
#              (default /dev/shm/vitrine-bench on a tmpfs, else a temp folder)
#   HUGO       the hugo command (default: hugo from PATH; empty to skip Hugo)
#   INSTRUCTIONS  when set, count instead of timing: the instructions of one
#              vitrine build of each size, under valgrind's cachegrind (apt-get
#              install valgrind). Some 50 times slower than a build, but steadier
#              than wall times, which may drift by a third within minutes on a
#              VM: the measure to compare two versions by. With the collector on,
#              counts vary by some 1% at 10,000 events and a few percent at 1,000
#              (its pacing follows the clock, and one collection more shows);
#              GOGC=off GOMEMLIMIT=1TiB leaves it out, and they repeat within 0.1%.
#
# Peak memory comes from GNU time (/usr/bin/time), so it is the whole
# process's, as the operating system counts it.
set -euo pipefail

cd "$(dirname "$0")/../.."
GO=${GO:-go}
TIME=/usr/bin/time
if ! "$TIME" -f %M true >/dev/null 2>&1; then
	echo "bench: GNU time is needed at $TIME (Debian: apt-get install time)" >&2
	exit 1
fi
HUGO=${HUGO-$(command -v hugo || true)}
if [ -n "${INSTRUCTIONS:-}" ] && ! command -v valgrind >/dev/null; then
	echo "bench: INSTRUCTIONS needs valgrind (Debian: apt-get install valgrind)" >&2
	exit 1
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)

if [ -z "${BENCH_DIR:-}" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		BENCH_DIR=/dev/shm/vitrine-bench
	else
		BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/vitrine-bench.XXXXXX")
		echo "bench: no tmpfs at /dev/shm: writing to $BENCH_DIR, so the figures include the disk" >&2
	fi
fi
mkdir -p "$BENCH_DIR/bin" "$BENCH_DIR/out"

# Corpora are cached by the generator's source: change it and they are
# made again, and those of other versions removed (they fill a tmpfs).
gen_key=$(cat internal/bench/corpus/*.go internal/bench/gencorpus/*.go | sha256sum | cut -c1-12)
for old in "$BENCH_DIR"/corpus-*; do
	[ "$old" = "$BENCH_DIR/corpus-$gen_key" ] || rm -rf "$old"
done
"$GO" build -o "$BENCH_DIR/bin/vitrine" ./cmd/vitrine
"$GO" build -o "$BENCH_DIR/bin/gencorpus" ./internal/bench/gencorpus
vitrine_version=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain 2>/dev/null | head -1)" ]; then vitrine_version+="+changes"; fi

echo "vitrine $vitrine_version ($("$GO" env GOVERSION)) on $(nproc) cores, $(uname -sm)${HUGO:+; $("$HUGO" version | cut -d' ' -f1-2)}"
if [ -n "${INSTRUCTIONS:-}" ]; then
	echo "output in $BENCH_DIR; minified; instructions of one build, counted by valgrind --tool=cachegrind"
else
	echo "output in $BENCH_DIR (fs $(stat -f -c %T "$BENCH_DIR")); minified; median of the runs, (min–max) when more than one"
fi

# failed WHAT says that WHAT failed, with the end of its output.
failed() {
	echo "bench: $1 failed:" >&2
	tail -20 "$BENCH_DIR/cmd.log" >&2
}

# measure NAME DEST CMD... runs CMD under GNU time and appends
# "wall cpu rss_kb pages" to $BENCH_DIR/NAME.runs.
measure() {
	local name=$1 dest=$2
	shift 2
	local t=$BENCH_DIR/time.out
	if ! "$TIME" -f "%e %U %S %M" -o "$t" "$@" >"$BENCH_DIR/cmd.log" 2>&1; then
		failed "$name"
		# Hugo may run out of memory on a large archive (it needs some
		# 12 GB at 100,000 events): vitrine's figures are still printed.
		[ "$name" = hugo ] && return 1
		exit 1
	fi
	local pages
	pages=$(find "$dest" -name '*.html' | wc -l)
	awk -v p="$pages" '{ printf "%s %.2f %d %d\n", $1, $2 + $3, $4, p }' "$t" >>"$BENCH_DIR/$name.runs"
}

# summary NAME prints: wall_median wall_min wall_max cpu_median rss_median_mb pages rss_max_mb
# (MB of 10^6 bytes: GNU time counts KiB)
summary() {
	sort -n "$BENCH_DIR/$1.runs" | awk '
		{ wall[NR] = $1; cpu[NR] = $2; rss[NR] = $3; pages = $4; if ($3 > top) top = $3 }
		function median(a, n,   i, j, t, b) {
			for (i = 1; i <= n; i++) b[i] = a[i]
			for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (b[j] < b[i]) { t = b[i]; b[i] = b[j]; b[j] = t }
			return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
		}
		END { printf "%.2f %.2f %.2f %.2f %.0f %d %.0f\n", median(wall, NR), wall[1], wall[NR], median(cpu, NR), median(rss, NR) * 1024 / 1e6, pages, top * 1024 / 1e6 }'
}

# spread reads numbers, one a line, and prints: median min max count.
spread() {
	sort -g | awk '{ r[NR] = $1 }
		END { printf "%g %g %g %d\n", NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2, r[1], r[NR], NR }'
}

row() { # row N LABEL NAME
	local wm wmin wmax cpu rss pages range=""
	read -r wm wmin wmax cpu rss pages _ < <(summary "$3")
	[ "$wmin" = "$wmax" ] || range="($wmin-$wmax)"
	printf "%-8s %-17s %7.2f %-13s %7.2f %7d %9.0f %8d\n" "$1" "$2" "$wm" "$range" "$cpu" "$pages" \
		"$(awk -v p="$pages" -v w="$wm" 'BEGIN { print (w > 0 ? p / w : 0) }')" "$rss"
}

# bracket times a 10,000-event build (when that size is benched too)
# just before and just after each build of 100,000 events or more: this
# VM's speed can drift by a third within minutes, so the ratio of the two
# sizes is taken against builds of the same minutes.
bracket() {
	local small=$BENCH_DIR/corpus-$gen_key/10000 dest=$BENCH_DIR/out/bracket
	[ "$1" -ge 100000 ] && [ -n "${wall_by_size[10000]:-}" ] && [ -f "$small/done" ] || return 0
	rm -rf "$dest"
	measure bracket "$dest" "$BENCH_DIR/bin/vitrine" build -source "$small/vitrine" -dest "$dest"
	rm -rf "$dest"
}

declare -A wall_by_size rss
for n in "${sizes[@]}"; do
	src=$BENCH_DIR/corpus-$gen_key/$n
	if [ ! -f "$src/done" ]; then
		rm -rf "$src"
		echo "generating $n events into $src ..." >&2
		"$BENCH_DIR/bin/gencorpus" -n "$n" -out "$src/vitrine" -hugo "$src/hugo"
		touch "$src/done"
	fi
	if [ -n "${INSTRUCTIONS:-}" ]; then
		vout=$BENCH_DIR/out/vitrine-$n
		rm -rf "$vout"
		if ! valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
			"$BENCH_DIR/bin/vitrine" build -source "$src/vitrine" -dest "$vout" >"$BENCH_DIR/cmd.log" 2>&1; then
			failed "vitrine (under valgrind)"
			exit 1
		fi
		rm -rf "$vout"
		irefs=$(sed -n 's/.*I *refs: *//p' "$BENCH_DIR/cmd.log")
		printf "%-8s vitrine build: %s instructions\n" "$n" "${irefs:?valgrind gave no count}"
		continue
	fi
	runs=${RUNS:-$([ "$n" -ge 100000 ] && echo 5 || echo 3)}
	vout=$BENCH_DIR/out/vitrine-$n hout=$BENCH_DIR/out/hugo-$n
	rm -f "$BENCH_DIR"/*.runs
	hugo_failed=
	load_before=$(cut -d' ' -f1-3 /proc/loadavg)
	for ((r = 1; r <= runs; r++)); do
		# From 100,000 events, what no target compares runs once: the
		# forced rebuild (a minute) and Hugo (10–25 minutes).
		first_or_small=$([ "$r" = 1 ] || [ "$n" -lt 100000 ] && echo 1 || true)
		rm -rf "$vout"
		bracket "$n"
		measure vitrine "$vout" "$BENCH_DIR/bin/vitrine" build -source "$src/vitrine" -dest "$vout"
		bracket "$n"
		# The unchanged rebuild: the same build again over its own output,
		# which the build record lets vitrine skip; and the same forced,
		# which builds everything again and replaces the output.
		measure rebuild "$vout" "$BENCH_DIR/bin/vitrine" build -source "$src/vitrine" -dest "$vout"
		[ -z "$first_or_small" ] || measure forced "$vout" "$BENCH_DIR/bin/vitrine" build -force -source "$src/vitrine" -dest "$vout"
		# The largest list page: any page but an event's own, an alias or a static file.
		largest=$(cd "$vout" && find . -name '*.html' -not -path './events/*' -printf '%s %P\n' | sort -n | tail -1)
		rm -rf "$vout" # a tmpfs holds it in memory, which Hugo needs
		if [ -n "$HUGO" ] && [ -z "$hugo_failed" ] && [ -n "$first_or_small" ]; then
			rm -rf "$hout"
			measure hugo "$hout" "$HUGO" --minify --quiet -s "$src/hugo" -d "$hout" --cacheDir "$BENCH_DIR/hugo-cache" || hugo_failed=1
			rm -rf "$hout"
		fi
	done
	echo
	printf "%-8s %-17s %7s %-13s %7s %7s %9s %8s\n" events build "wall s" " (min-max)" "cpu s" pages "pages/s" "RSS MB"
	row "$n" vitrine vitrine
	row "$n" "vitrine rebuild" rebuild
	row "$n" "vitrine -force" forced
	if [ -s "$BENCH_DIR/bracket.runs" ]; then
		row 10000 "vitrine, around" bracket
	fi
	if [ -s "$BENCH_DIR/bracket.runs" ] && [ "$n" = 100000 ]; then
		read -r around_wall _ _ _ _ _ _ < <(summary bracket)
		around_n=$(wc -l <"$BENCH_DIR/bracket.runs")
		# Each run's build against the mean of the two just around it.
		paired=$(awk 'NR == FNR { v[FNR] = $1; next } FNR % 2 { b = $1; next } { print v[FNR / 2] / ((b + $1) / 2) }' \
			"$BENCH_DIR/vitrine.runs" "$BENCH_DIR/bracket.runs" | spread)
	fi
	read -r vwall _ _ vcpu vrss _ vtop < <(summary vitrine)
	wall_by_size[$n]=$vwall
	rss[$n]=$vtop
	[ -z "$hugo_failed" ] || printf "%-8s %s\n" "$n" "hugo failed (above): no ratio at this size"
	if [ -n "$HUGO" ] && [ -s "$BENCH_DIR/hugo.runs" ]; then
		row "$n" hugo hugo
		read -r hwall _ _ hcpu hrss _ < <(summary hugo)
		awk -v vw="$vwall" -v hw="$hwall" -v vc="$vcpu" -v hc="$hcpu" -v vr="$vrss" -v hr="$hrss" -v n="$n" 'BEGIN {
			printf "%-8s %-17s %.2fx wall time, %.2fx CPU time, %.2fx peak RSS (target at 10,000 events: wall <= 0.25x, RSS < 150 MB)\n", n, "vitrine/hugo", vw / hw, vc / hc, vr / hr }'
		# The same ratio within each run (vitrine's build and Hugo's are
		# less than a minute apart), so that the VM's drift between runs
		# cancels out: the median, and the range, of the runs' ratios.
		if [ "$(wc -l <"$BENCH_DIR/vitrine.runs")" = "$(wc -l <"$BENCH_DIR/hugo.runs")" ] && [ "$runs" -gt 1 ]; then
			read -r m lo hi k < <(paste -d' ' "$BENCH_DIR/vitrine.runs" "$BENCH_DIR/hugo.runs" | awk '{ print $1 / $5 }' | spread)
			printf "%-8s %-17s %.2fx wall time, median of the ratios of the %d runs (%.2f-%.2f)\n" "$n" "  run by run" "$m" "$k" "$lo" "$hi"
		fi
	fi
	printf "%-8s largest list page: %s KB (%s); target <= 200 KB\n" "$n" "$(awk -v b="${largest%% *}" 'BEGIN { printf "%.0f", b / 1000 }')" "${largest#* }"
	echo "         load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
done

if [ -n "${wall_by_size[10000]:-}" ] && [ -n "${wall_by_size[100000]:-}" ]; then
	echo
	# The verdict: the median of the 100,000-event builds against the
	# median of the 10,000-event builds run just before and after each.
	# They share the same minutes; a 10,000-event build is short enough
	# to catch a fast or slow spell of a few seconds, which the median of
	# all of them, rather than each pair's mean, leaves out.
	if [ -n "${around_wall:-}" ]; then
		read -r pm pmin pmax pn <<<"$paired"
		awk -v a="$around_wall" -v b="${wall_by_size[100000]}" -v n="$around_n" -v pn="$pn" -v pm="$pm" -v lo="$pmin" -v hi="$pmax" 'BEGIN {
			printf "100,000 events took %.1fx the 10,000-event wall time (target <= 11x): the median of the %d builds against that of the %d 10,000-event builds run just before and after them; run by run %.1fx", b / a, pn, n, pm
			if (pn > 1) printf " (%.1f-%.1fx)", lo, hi
			print "" }'
	else
		echo "no 10,000-event builds were run around the 100,000-event ones (list 10000 before 100000 for that): the ratio below, target <= 11x, is then the measure"
	fi
	awk -v a="${wall_by_size[10000]}" -v b="${wall_by_size[100000]}" -v r="${rss[100000]}" 'BEGIN {
		printf "the medians of the two sizes'"'"' own builds give %.1fx (minutes apart); peak RSS at 100,000 events %d MB at most (target < 600 MB)\n", b / a, r }'
fi
