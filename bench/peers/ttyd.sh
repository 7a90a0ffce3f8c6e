#!/usr/bin/env bash
# ttyd.sh: builds ttyd, the demos bench's web-terminal peer (bench/demos.mjs), from Debian's
# source package, against Debian 12's libwebsockets, libuv and json-c.
#
#   ttyd.sh          build into /tmp/peers/ttyd (the bench looks there) unless already built
#   ttyd.sh DIR      build into DIR
#   prints the path of the ttyd binary last.
#
# Debian 12 has no ttyd binary package, but sid has its source package. The sid deb-src entry
# lives only in this run's temporary apt configuration (its own source list and index folder, no
# binary caches), so the system's apt is left as it was. Mirror and keyring are read from the
# system's own sources. Of the source package only the upstream tarball (ttyd_1.7.7.orig.tar.xz)
# is needed: it carries src/html.h prebuilt, so no Node toolchain is needed for the web client.
# The mirror may not serve the .dsc and debian.tar.xz (this machine's answers 404); that is
# tolerated, so Debian's packaging patches are not applied: this is upstream 1.7.7 as Debian ships it.
#
# Needs root for apt-get install of the build dependencies (skipped when all are installed).
set -euo pipefail

UPSTREAM_VERSION=1.7.7
ORIG=ttyd_${UPSTREAM_VERSION}.orig.tar.xz
# The tarball's SHA-256 as sid's Sources index lists it (ttyd 1.7.7-8): the same source each run.
ORIG_SHA256=48eba3f76af237f4c09cceb5ddbe0f845832557819f7e5c60c88285f8822af88
BUILD_DEPS=(build-essential cmake libwebsockets-dev libjson-c-dev libuv1-dev zlib1g-dev xz-utils)
SYSTEM_SOURCES=/etc/apt/sources.list.d/debian.sources

say() { echo "ttyd.sh: $*" >&2; }
die() { echo "ttyd.sh: error: $*" >&2; exit 1; }

out=${1:-/tmp/peers/ttyd}
binary=$out/ttyd
if [[ -x $binary ]] && version=$("$binary" --version 2>/dev/null); then
  say "already built: $version, nothing to do"
  echo "$binary"
  exit 0
fi

# The first stanza of the system's deb822 sources that is not the security archive: its URIs
# and Signed-By, so no mirror name is written here.
read -r mirror keyring < <(awk '
  /^[[:space:]]*$/ { if (uri != "" && uri !~ /-security\/?$/) { print uri, key; found = 1; exit } uri = ""; key = "" }
  /^URIs:/ { uri = $2 }
  /^Signed-By:/ { key = $2 }
  END { if (!found && uri != "" && uri !~ /-security\/?$/) print uri, key }
' "$SYSTEM_SOURCES") || true
[[ -n ${mirror:-} ]] || die "no URIs: line in $SYSTEM_SOURCES to take the mirror from"
[[ -n ${keyring:-} && -f $keyring ]] || die "no readable Signed-By keyring in $SYSTEM_SOURCES (got '${keyring:-}')"

missing=()
for dep in "${BUILD_DEPS[@]}"; do
  [[ $(dpkg-query -W -f '${db:Status-Status}' "$dep" 2>/dev/null) == installed ]] || missing+=("$dep")
done
if ((${#missing[@]})); then
  say "installing build dependencies: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi

work=$(mktemp -d /tmp/ptydeck-ttyd.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/apt/lists/partial" "$work/apt/parts" "$work/src"
# apt downloads as its _apt user when it can write there: keep that sandbox for this run's files.
if [[ $EUID -eq 0 ]] && id _apt >/dev/null 2>&1; then
  chmod 755 "$work" "$work/apt"
  chown -R _apt "$work/apt/lists" "$work/src"
fi
echo "deb-src [signed-by=$keyring] $mirror sid main" >"$work/apt/sources.list"
# Everything apt writes goes under $work: the index lists, and no binary caches (the empty
# values switch pkgcache.bin and srcpkgcache.bin off instead of rewriting the system's).
apt_tmp=(
  -o "Dir::Etc::SourceList=$work/apt/sources.list"
  -o "Dir::Etc::SourceParts=$work/apt/parts"
  -o "Dir::State::Lists=$work/apt/lists"
  -o "Dir::Cache::pkgcache="
  -o "Dir::Cache::srcpkgcache="
)
say "fetching sid's source index from $mirror (temporary apt configuration in $work/apt)"
apt-get "${apt_tmp[@]}" update >&2
(cd "$work/src" && apt-get "${apt_tmp[@]}" source --download-only ttyd >&2) ||
  say "apt-get source reported a failure (a 404 on the .dsc or debian.tar.xz is expected); checking for $ORIG"
[[ -f $work/src/$ORIG ]] || die "$ORIG did not arrive; sid may have moved past ttyd $UPSTREAM_VERSION (update UPSTREAM_VERSION and ORIG_SHA256)"
echo "$ORIG_SHA256  $work/src/$ORIG" | sha256sum --check --quiet ||
  die "$ORIG is not the tarball this script was written for (SHA-256 differs)"

# Built outside any git checkout: ttyd's CMake takes its version suffix from the enclosing repository.
tar -C "$work/src" -xJf "$work/src/$ORIG"
cmake -S "$work/src/ttyd-$UPSTREAM_VERSION" -B "$work/build" -DCMAKE_BUILD_TYPE=Release >&2
make -C "$work/build" -j "$(nproc)" >&2
"$work/build/ttyd" --version >&2 || die "the built ttyd does not run"

mkdir -p "$out"
install -m 755 "$work/build/ttyd" "$binary.new"
mv "$binary.new" "$binary"
say "built $("$binary" --version) into $out"
echo "$binary"
