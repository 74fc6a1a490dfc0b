#!/usr/bin/env bash
# The single list of Debian packages Pindex needs to build, run and test.
# Idempotent: installs only what is missing, and returns at once when everything is present.
# Usage: installer/debian-deps.sh [--list [build|runtime|test]]
set -euo pipefail

# Build: compilers, CMake/Ninja, and the development files of every library we link.
BUILD_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qtkeychain-qt6-dev libtomlplusplus-dev libcurl4-openssl-dev libssl-dev zlib1g-dev libsimdjson-dev
    libarchive-dev libgit2-dev libgl-dev libxkbcommon-dev
    clang-format clang-tidy
    librsvg2-bin
)
# Runtime: shared libraries the installed binary loads (used by the .deb's Depends too).
RUNTIME_PACKAGES=(
    libqt6widgets6 libqt6gui6 libqt6core6 libqt6svg6 libqt6keychain1
    libcurl4 libsimdjson14 libarchive13 libgit2-1.5 qt6-qpa-plugins
    libssl3 libstdc++6 libgcc-s1 libc6 zlib1g
)
# Test: the real services the suite talks to, the Python used by the data generators, and the
# peers the resolver benchmark times against (pip, Poetry, PDM), clang and libFuzzer for the fuzzers,
# dpkg-shlibdeps for the Depends of a package made from the sanitizer build.
TEST_PACKAGES=(
    catch2 nginx-light gnome-keyring dbus dbus-bin xvfb xauth dpkg-dev
    python3 python3-packaging python3-pip openssl
    desktop-file-utils appstream bash-completion zsh
    python3-poetry python3-pdm
    python3-requests python3-urllib3 python3-idna python3-certifi python3-chardet python3-six
    python3-attr python3-pyparsing python3-jinja2 python3-markupsafe python3-yaml
    clang-16 libclang-rt-16-dev
)

if [[ "${1:-}" == "--list" ]]; then
    case "${2:-all}" in
        build) printf '%s\n' "${BUILD_PACKAGES[@]}" ;;
        runtime) printf '%s\n' "${RUNTIME_PACKAGES[@]}" ;;
        test) printf '%s\n' "${TEST_PACKAGES[@]}" ;;
        *) printf '%s\n' "${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}" ;;
    esac
    exit 0
fi

ALL=("${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}")
missing=()
while read -r pkg status; do
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${ALL[@]}" 2>/dev/null || true)
# dpkg-query prints nothing for packages it has never heard of: count those as missing too.
for pkg in "${ALL[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u | sed '/^$/d')

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

echo "Installing missing Debian packages: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Services shipped by test packages (nginx) must not be started by the package scripts:
# the tests start their own instances on free loopback ports.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee $policy >/dev/null
    $sudo chmod +x $policy
    created_policy=1
fi
cleanup() { if [[ $created_policy -eq 1 ]]; then $sudo rm -f $policy; fi; }
trap cleanup EXIT
if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
    $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
