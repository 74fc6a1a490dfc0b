#!/usr/bin/env bash
# Offers the `keyring` shim to pip and uv: installs installer/keyring-shim/keyring as
# DIR/keyring (default ~/.local/bin), so their subprocess keyring providers read Pindex's
# credential store. Never replaces another program called keyring (e.g. Python's keyring), unless
# --force is given; asks before installing unless --yes is given.
# Usage: install-keyring-shim.sh [--yes] [--force] [--prefix DIR] [--pindex PATH]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
prefix="$HOME/.local/bin"
pindex_path=""
assume_yes=false
force=false
while [[ $# -gt 0 ]]; do
    case "$1" in
        --yes) assume_yes=true ;;
        --force) force=true ;;
        --prefix) prefix="$2"; shift ;;
        --pindex) pindex_path="$2"; shift ;;
        *) echo "usage: $0 [--yes] [--force] [--prefix DIR] [--pindex PATH]" >&2; exit 2 ;;
    esac
    shift
done

target="$prefix/keyring"
if [[ -e "$target" ]] && ! grep -q "pindex" "$target" 2>/dev/null && ! $force; then
    echo "$target exists and is not the Pindex shim; leaving it alone (use --force to replace it)." >&2
    exit 1
fi
if ! $assume_yes; then
    read -r -p "Install a 'keyring' command in $prefix so pip and uv can use Pindex's credentials? [y/N] " answer
    [[ "$answer" == [yY]* ]] || { echo "Not installed."; exit 0; }
fi
mkdir -p "$prefix"
if [[ -n "$pindex_path" ]]; then
    # Pin the executable: the shim then works even when pindex is not on PATH.
    sed "s|\${PINDEX:-pindex}|\${PINDEX:-$pindex_path}|" "$here/keyring" > "$target"
else
    cp "$here/keyring" "$target"
fi
chmod 755 "$target"
echo "Installed $target. Tell the tools to use it:"
echo "  uv:  keyring-provider = \"subprocess\" in uv.toml, or UV_KEYRING_PROVIDER=subprocess"
echo "  pip: pip config set global.keyring-provider subprocess"
