#!/usr/bin/env bash
# Runs the cargo-fuzz targets of edge-jwt.
#
#   fuzz/run.sh smoke            every target for 60 s (make fuzz-smoke)
#   fuzz/run.sh long             every target for 10 min
#   fuzz/run.sh TARGET [SECONDS] one target (default 60 s)
#   fuzz/run.sh cmin             minimize every corpus in place (cargo fuzz cmin)
#   fuzz/run.sh list             the target names
#
# Installs what is missing first (the nightly toolchain, cargo-fuzz from
# crates.io), idempotently. A run reads fuzz/corpus/TARGET/ (committed,
# minimized) and fuzz/seeds/TARGET/ (hand-written: RFC vectors, FastAPI
# tokens) and writes what it finds to fuzz/corpus-new/TARGET/ (ignored by git),
# so runs never touch committed files. `cmin` merges both corpora into the
# smallest set that keeps every coverage feature (set-cover merge), replaces
# fuzz/corpus/TARGET/ with it, and empties fuzz/corpus-new/TARGET/: commit the
# result. Logs and a stats line per run go to fuzz/logs/ (ignored by git);
# crashes to fuzz/artifacts/TARGET/. Runs are niced: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TARGETS=(verify_bytes verify_options decode_unverified parse_duration issue_roundtrip issue_json)

ensure_tools() {
    if ! rustup toolchain list | grep -q '^nightly'; then
        rustup toolchain install nightly --profile minimal
    fi
    if ! command -v cargo-fuzz >/dev/null; then
        cargo install cargo-fuzz --locked
    fi
}

max_len() {
    case "$1" in
        # Past the 16 KiB default maxTokenLength, so the length rule is reached.
        verify_bytes | decode_unverified) echo 17000 ;;
        *) echo 4096 ;;
    esac
}

run_one() {
    local target=$1 secs=$2
    local corpus=fuzz/corpus-new/$target seeds=fuzz/seeds/$target log=fuzz/logs/$target.log
    mkdir -p "$corpus" fuzz/logs
    # New inputs go to the first directory only.
    local dirs=("$corpus")
    [[ -d fuzz/corpus/$target ]] && dirs+=("fuzz/corpus/$target")
    [[ -d $seeds ]] && dirs+=("$seeds")
    echo "== $target: ${secs}s (log: $log)"
    local rc=0 start=$SECONDS
    nice -n 19 cargo +nightly fuzz run "$target" "${dirs[@]}" -- \
        -max_total_time="$secs" -max_len="$(max_len "$target")" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 || rc=$?
    local runs cov files
    runs=$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    cov=$(grep -a -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
    # Without final stats (a crash), the last progress line's count.
    [[ -n $runs ]] || runs=$(grep -a -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    files=$(find "${dirs[@]:0:2}" -type f | wc -l)
    local line
    line="$(date -u +%FT%TZ) $target secs=$((SECONDS - start)) execs=${runs:-?} ${cov:-cov: ?} corpus=$files files (new: $(du -sk --apparent-size "$corpus" | cut -f1) KiB) exit=$rc"
    echo "$line" | tee -a fuzz/logs/stats.txt
    if [[ $rc -ne 0 ]]; then
        grep -a -E 'panicked|SUMMARY|Test unit written|ERROR' "$log" | head -20 >&2 || true
    fi
    return "$rc"
}

cmin_one() {
    local target=$1 corpus=fuzz/corpus/$1 new=fuzz/corpus-new/$1
    mkdir -p "$corpus" "$new"
    local before merged=fuzz/corpus-merged/$1
    before=$(find "$corpus" "$new" -type f | wc -l)
    nice -n 19 cargo +nightly fuzz build "$target" >"fuzz/logs/$target.cmin.log" 2>&1
    rm -rf "$merged" && mkdir -p "$merged"
    # Set-cover merge: the smallest set found that keeps every coverage feature.
    nice -n 19 "fuzz/target/x86_64-unknown-linux-gnu/release/$target" -merge=1 -set_cover_merge=1 \
        -max_len="$(max_len "$target")" "$merged" "$corpus" "$new" >>"fuzz/logs/$target.cmin.log" 2>&1
    rm -rf "$corpus" "$new" && mv "$merged" "$corpus" && mkdir -p "$new"
    echo "== cmin $target: $before -> $(find "$corpus" -type f | wc -l) files, $(du -sk --apparent-size "$corpus" | cut -f1) KiB"
}

run_all() {
    local secs=$1 failed=0
    for t in "${TARGETS[@]}"; do
        run_one "$t" "$secs" || failed=$((failed + 1))
    done
    echo "$(( ${#TARGETS[@]} - failed )) passed, $failed failed"
    [[ $failed -eq 0 ]]
}

mode=${1:-smoke}
case "$mode" in
    list) printf '%s\n' "${TARGETS[@]}" ;;
    smoke) ensure_tools; run_all 60 ;;
    long) ensure_tools; run_all 600 ;;
    cmin) ensure_tools; mkdir -p fuzz/logs; for t in "${TARGETS[@]}"; do cmin_one "$t"; done ;;
    *)
        if [[ " ${TARGETS[*]} " != *" $mode "* ]]; then
            echo "usage: fuzz/run.sh smoke|long|cmin|list|TARGET [SECONDS]" >&2
            exit 2
        fi
        ensure_tools
        run_one "$mode" "${2:-60}"
        ;;
esac
