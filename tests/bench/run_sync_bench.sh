#!/usr/bin/env bash
# The sync benchmark (see docs/BENCHMARKS.md). Usage: tests/bench/run_sync_bench.sh BUILD_DIR [RUNS]
#
# Real wheels repacked from Debian's Python packages (tests/tools/make_sync_data.py; 60+ when the
# python3-* packages of installer/debian-deps.sh are installed, topped up with synthetic wheels
# otherwise), served by nginx on loopback, locked with hashes. Timed, RUNS times each (median):
#   cold   `pindex sync` into a new venv with an empty cache (downloads, unpacks, installs)
#   warm   `pindex sync` into a new venv with a filled cache
#   no-op  `pindex sync` of a venv that already matches
#   pip    `pip install --no-deps --require-hashes` of the same files into a new venv, from the
#          local files (pip's best case), with and without --no-compile (pip compiles bytecode by
#          default, `pindex sync` only with --compile: --no-compile is the like-for-like figure),
#          and from the same URLs with its cache off
# Venv creation is inside pindex's time (it creates the venv itself) and outside pip's. Each pindex
# figure is the wall time of the whole process; next to it, the time inside the sync job from
# `pindex sync -v`. The machine's fixed costs come first: the load average, and the start-up of
# /bin/true, python3 and `pindex --version` (with their page faults when /usr/bin/time exists).
set -euo pipefail
build="${1:?usage: $0 BUILD_DIR [RUNS]}"
runs="${2:-5}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
# `pindex sync`, or the same engine without the command line and Qt when pindex is not built.
pindex="$build/app/pindex"
python=/usr/bin/python3
if [[ ! -x "$pindex" ]]; then
    cmake --build "$build" --target pindex-bench-sync -j2
    pindex="$build/tests/bench/pindex-bench-sync"
fi
nginx="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d /tmp/pindex-sync-bench.XXXXXX)"
nginx_pid=""
cleanup() {
    [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "Making wheels..."
"$python" "$root/tests/tools/make_sync_data.py" wheels "$work/wheels" >"$work/wheels.txt" 2>/dev/null
count=$(ls "$work/wheels"/*.whl | wc -l)
if (( count < 60 )); then
    # Not enough Debian packages: add synthetic pure-Python wheels.
    "$python" "$root/tests/tools/make_sync_data.py" synthetic "$work/wheels" $((60 - count)) >/dev/null
fi
count=$(ls "$work/wheels"/*.whl | wc -l)
bytes=$(du -cb "$work/wheels"/*.whl | tail -1 | cut -f1)

port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
$( [[ $(id -u) == 0 ]] && echo "user root;" )
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    default_type application/octet-stream;
    server { listen 127.0.0.1:$port; root $work/wheels; }
}
EOF
"$nginx" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
nginx_pid=$!
for _ in $(seq 100); do
    "$python" -c "import socket; socket.create_connection(('127.0.0.1', $port)).close()" 2>/dev/null && break
    "$python" -c 'import time; time.sleep(0.05)'
done

mkdir -p "$work/project"
"$python" "$root/tests/tools/make_sync_data.py" lock "$work/wheels" "http://127.0.0.1:$port" >"$work/project/pylock.toml"
# pip's inputs: the same files, by path and by URL, each with its hash.
"$python" - "$work" "$port" <<'EOF'
import hashlib, os, sys
work, port = sys.argv[1], sys.argv[2]
local, remote = [], []
for name in sorted(os.listdir(f"{work}/wheels")):
    if name.endswith(".whl"):
        digest = hashlib.sha256(open(f"{work}/wheels/{name}", "rb").read()).hexdigest()
        local.append(f"{work}/wheels/{name} --hash=sha256:{digest}")
        project = name.split("-")[0]
        remote.append(f"{project} @ http://127.0.0.1:{port}/{name} --hash=sha256:{digest}")
open(f"{work}/local.txt", "w").write("\n".join(local) + "\n")
open(f"{work}/remote.txt", "w").write("\n".join(remote) + "\n")
EOF

now() { date +%s%N; }
# The "total" line of `pindex sync -v` (time inside the job), in ms.
inside() { awk '$1 == "total" { printf "%d", $2 }' "$work/sync.log"; }
timer=/usr/bin/time
[[ -x $timer ]] || timer=""
# Median wall time (and page faults) of a command run RUNS times: "<ms> ms[, <faults> page faults]".
startup() {
    local times=() faults=() t0 t1
    for _ in $(seq "$runs"); do
        if [[ -n $timer ]]; then
            "$timer" -f "%e %R" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
            faults+=("$(awk 'END { print $2 }' "$work/time.txt")")
        fi
        t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
        times+=("$(ms "$t0" "$t1")")
    done
    if [[ -n $timer ]]; then
        echo "$(echo "${times[@]}" | median) ms, $(echo "${faults[@]}" | median) page faults"
    else
        echo "$(echo "${times[@]}" | median) ms"
    fi
}
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

run_sync() {
    if [[ "$pindex" == */pindex ]]; then
        XDG_CACHE_HOME="$work/cache" "$pindex" sync -v --project "$work/project" >"$work/sync.log" 2>&1
    else
        XDG_CACHE_HOME="$work/cache" "$pindex" "$work/project" >"$work/sync.log" 2>&1
    fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
base_true=$(startup /bin/true)
base_python=$(startup "$python" -c pass)
base_version="(not built)"
[[ "$pindex" == */pindex ]] && base_version=$(startup "$pindex" --version)

cold=() warm=() noop=() pip_local=() pip_nocompile=() pip_remote=()
cold_in=() warm_in=() noop_in=()
for run in $(seq "$runs"); do
    rm -rf "$work/cache" "$work/project/.venv"
    t0=$(now); run_sync; t1=$(now); cold+=("$(ms "$t0" "$t1")"); cold_in+=("$(inside)")
    rm -rf "$work/project/.venv"
    t0=$(now); run_sync; t1=$(now); warm+=("$(ms "$t0" "$t1")"); warm_in+=("$(inside)")
    t0=$(now); run_sync; t1=$(now); noop+=("$(ms "$t0" "$t1")"); noop_in+=("$(inside)")
    grep -q "unchanged $count" "$work/sync.log" || { echo "no-op sync changed something:"; cat "$work/sync.log"; exit 1; }

    for kind in local nocompile remote; do
        rm -rf "$work/pipvenv"
        "$python" -m venv --without-pip "$work/pipvenv"
        input=$kind extra=()
        [[ $kind == nocompile ]] && input=local extra=(--no-compile)
        t0=$(now)
        PIP_DISABLE_PIP_VERSION_CHECK=1 "$python" -m pip --python "$work/pipvenv/bin/python" install \
            --no-deps --require-hashes --no-cache-dir --no-index "${extra[@]}" -q -r "$work/$input.txt" \
            >"$work/pip.log" 2>&1 || { cat "$work/pip.log"; exit 1; }
        t1=$(now)
        case $kind in
            local) pip_local+=("$(ms "$t0" "$t1")") ;;
            nocompile) pip_nocompile+=("$(ms "$t0" "$t1")") ;;
            remote) pip_remote+=("$(ms "$t0" "$t1")") ;;
        esac
    done
done
noop_faults=""
if [[ -n $timer ]]; then
    noop_args=("$work/project")
    [[ "$pindex" == */pindex ]] && noop_args=(sync --project "$work/project")
    XDG_CACHE_HOME="$work/cache" "$timer" -f "%R" -o "$work/time.txt" "$pindex" "${noop_args[@]}" \
        >/dev/null 2>&1 && noop_faults=", $(tail -1 "$work/time.txt") page faults"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

m_cold=$(echo "${cold[@]}" | median)
m_warm=$(echo "${warm[@]}" | median)
m_noop=$(echo "${noop[@]}" | median)
m_pip_local=$(echo "${pip_local[@]}" | median)
m_pip_nocompile=$(echo "${pip_nocompile[@]}" | median)
m_pip_remote=$(echo "${pip_remote[@]}" | median)
ratio() { "$python" -c "print(f'{$1 / max($2, 1):.1f}x')"; }
echo "sync benchmark ($(basename "$pindex")): $count wheels, $((bytes / 1024)) KiB, $runs runs, medians"
echo "  machine: $(nproc) CPUs, load average $load_before at the start, $load_after at the end"
echo "  start-up: /bin/true $base_true; python3 -c pass $base_python; pindex --version $base_version"
echo "  (process: wall time of the whole process; job: the sync job inside it, from -v)"
printf '  %-46s %6s ms, job %5s ms   (runs: %s)\n' "pindex sync, cold cache" "$m_cold" \
    "$(echo "${cold_in[@]}" | median)" "${cold[*]}"
printf '  %-46s %6s ms, job %5s ms   (runs: %s)\n' "pindex sync, warm cache" "$m_warm" \
    "$(echo "${warm_in[@]}" | median)" "${warm[*]}"
printf '  %-46s %6s ms, job %5s ms   (runs: %s)%s\n' "pindex sync, no-op" "$m_noop" \
    "$(echo "${noop_in[@]}" | median)" "${noop[*]}" "$noop_faults"
printf '  %-46s %6s ms   (runs: %s)\n' "pip install --no-deps --require-hashes, files" "$m_pip_local" "${pip_local[*]}"
printf '  %-46s %6s ms   (runs: %s)\n' "pip install ... --no-compile, files" "$m_pip_nocompile" "${pip_nocompile[*]}"
printf '  %-46s %6s ms   (runs: %s)\n' "pip install --no-deps --require-hashes, URLs" "$m_pip_remote" "${pip_remote[*]}"
echo "  warm vs pip --no-compile (files, like for like): $(ratio "$m_pip_nocompile" "$m_warm") faster (target >= 10x)"
echo "  warm vs pip (files, pip compiling bytecode):     $(ratio "$m_pip_local" "$m_warm") faster"
echo "  cold vs pip (URLs): $(ratio "$m_pip_remote" "$m_cold") faster"
echo "  no-op: ${m_noop} ms (target < 50 ms)"
