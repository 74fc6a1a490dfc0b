#!/usr/bin/env bash
# with-keyring.sh COMMAND [ARGS...]
# Runs COMMAND in a private D-Bus session with a throwaway gnome-keyring, unlocked with a throwaway
# password, under a scratch HOME: the developer's real keyring and settings are never touched.
set -euo pipefail

if [[ "${1:-}" != "--inside-session" ]]; then
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/pindex-keyring-XXXXXX")
    trap 'rm -rf "$scratch"' EXIT
    export HOME="$scratch/home"
    export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
    export XDG_CACHE_HOME="$HOME/.cache" XDG_RUNTIME_DIR="$scratch/run"
    mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
    chmod 700 "$XDG_RUNTIME_DIR"
    # Standard error goes through a file, not a process substitution: the keyring daemon inherits
    # every open descriptor, the substitution's pipe among them, and a daemon that outlives its
    # session bus (it happens) then kept that pipe open, so a caller reading our output to its end
    # (CTest listing the tests at build time) waited for ever.
    status=0
    dbus-run-session -- "$0" --inside-session "$@" 2>"$scratch/stderr" || status=$?
    grep -v 'Failed to set fd limit' "$scratch/stderr" >&2 || true
    exit "$status"
fi
shift
# The daemon forks into the background and prints its environment; it exits with the session bus.
eval "$(printf 'pindex-throwaway' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
