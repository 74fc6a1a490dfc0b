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
#          local files (pip's best case) and from the same URLs with its cache off
# Venv creation is inside pindex's time (it creates the venv itself) and outside pip's.
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
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

run_sync() {
    if [[ "$pindex" == */pindex ]]; then
        XDG_CACHE_HOME="$work/cache" "$pindex" sync --project "$work/project" >"$work/sync.log" 2>&1
    else
        XDG_CACHE_HOME="$work/cache" "$pindex" "$work/project" >"$work/sync.log" 2>&1
    fi
}

cold=() warm=() noop=() pip_local=() pip_remote=()
for run in $(seq "$runs"); do
    rm -rf "$work/cache" "$work/project/.venv"
    t0=$(now); run_sync; t1=$(now); cold+=("$(ms "$t0" "$t1")")
    rm -rf "$work/project/.venv"
    t0=$(now); run_sync; t1=$(now); warm+=("$(ms "$t0" "$t1")")
    t0=$(now); run_sync; t1=$(now); noop+=("$(ms "$t0" "$t1")")
    grep -q "unchanged $count" "$work/sync.log" || { echo "no-op sync changed something:"; cat "$work/sync.log"; exit 1; }

    for kind in local remote; do
        rm -rf "$work/pipvenv"
        "$python" -m venv --without-pip "$work/pipvenv"
        t0=$(now)
        PIP_DISABLE_PIP_VERSION_CHECK=1 "$python" -m pip --python "$work/pipvenv/bin/python" install \
            --no-deps --require-hashes --no-cache-dir --no-index -q -r "$work/$kind.txt" >"$work/pip.log" 2>&1 \
            || { cat "$work/pip.log"; exit 1; }
        t1=$(now)
        if [[ $kind == local ]]; then pip_local+=("$(ms "$t0" "$t1")"); else pip_remote+=("$(ms "$t0" "$t1")"); fi
    done
done

m_cold=$(echo "${cold[@]}" | median)
m_warm=$(echo "${warm[@]}" | median)
m_noop=$(echo "${noop[@]}" | median)
m_pip_local=$(echo "${pip_local[@]}" | median)
m_pip_remote=$(echo "${pip_remote[@]}" | median)
ratio() { "$python" -c "print(f'{$1 / max($2, 1):.1f}x')"; }
echo "sync benchmark ($(basename "$pindex")): $count wheels, $((bytes / 1024)) KiB, $runs runs, medians (wall time of the process)"
printf '  %-44s %6s ms   (runs: %s)\n' "pindex sync, cold cache" "$m_cold" "${cold[*]}"
printf '  %-44s %6s ms   (runs: %s)\n' "pindex sync, warm cache" "$m_warm" "${warm[*]}"
printf '  %-44s %6s ms   (runs: %s)\n' "pindex sync, no-op" "$m_noop" "${noop[*]}"
printf '  %-44s %6s ms   (runs: %s)\n' "pip install --no-deps --require-hashes, files" "$m_pip_local" "${pip_local[*]}"
printf '  %-44s %6s ms   (runs: %s)\n' "pip install --no-deps --require-hashes, URLs" "$m_pip_remote" "${pip_remote[*]}"
echo "  warm vs pip (files): $(ratio "$m_pip_local" "$m_warm") faster (target >= 10x)"
echo "  cold vs pip (URLs):  $(ratio "$m_pip_remote" "$m_cold") faster"
echo "  no-op: ${m_noop} ms (target < 50 ms)"
