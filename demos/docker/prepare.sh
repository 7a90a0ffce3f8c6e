#!/usr/bin/env bash
# prepare.sh: builds the offline demo image ptydeck/busybox with `docker import`, no registry.
#
# The image is a root file system made of a static busybox, a symlink per applet, /etc/passwd,
# /etc/group and the usual empty folders. It carries a content label (a hash of busybox and of
# this recipe), so a second run with nothing changed does nothing.
#
#   prepare.sh            build ptydeck/busybox unless it is up to date
#   prepare.sh --force    build it again anyway
#
# Needs the docker CLI and a running engine (DOCKER_HOST is honoured), and busybox-static.
set -euo pipefail

IMAGE=ptydeck/busybox
LABEL=org.ptydeck.content
# Bump when the root file system below changes in a way the hash of busybox does not show.
RECIPE=1

say() { echo "prepare: $*"; }
die() { echo "prepare: error: $*" >&2; exit 1; }

force=
case ${1:-} in
  '') ;;
  --force) force=1 ;;
  *) die "usage: prepare.sh [--force]" ;;
esac

command -v docker >/dev/null ||
  die "the docker CLI is not installed (Debian: apt-get install docker.io); the docker demos will replay their recordings"
if ! docker_error=$(docker version --format '{{.Server.Version}}' 2>&1 >/dev/null); then
  die "the docker engine at ${DOCKER_HOST:-the default socket} does not answer: ${docker_error%%$'\n'*}
  start dockerd (see .ci/run for a private one: dockerd --bridge=none --iptables=false ...) and set DOCKER_HOST"
fi

# A static busybox: the image has no libc for a dynamic one to load.
find_static_busybox() {
  local candidate
  for candidate in /bin/busybox /usr/bin/busybox "$(command -v busybox || true)"; do
    [[ -x $candidate ]] || continue
    # ldd refuses static executables: "not a dynamic executable", exit 1.
    if ! ldd "$candidate" >/dev/null 2>&1; then echo "$candidate"; return 0; fi
  done
  return 1
}
busybox=$(find_static_busybox) ||
  die "no static busybox found (Debian: apt-get install busybox-static; the busybox package is dynamic)"

content=$( { sha256sum <"$busybox"; echo "recipe $RECIPE"; } | sha256sum | cut -c 1-16)
current=$(docker image inspect --format "{{index .Config.Labels \"$LABEL\"}}" "$IMAGE" 2>/dev/null || true)
if [[ -z $force && $current == "$content" ]]; then
  say "$IMAGE is up to date ($LABEL=$content), nothing to do"
  exit 0
fi
old_id=$(docker image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)

root=$(mktemp -d /tmp/ptydeck-prepare.XXXXXX)
trap 'rm -rf "$root"' EXIT
say "building $IMAGE from $busybox ($("$busybox" 2>&1 | head -n 1 | cut -d ' ' -f 1-2)) in $root"

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,home,tmp,var/tmp,proc,sys,dev,run}
chmod 1777 "$root/tmp" "$root/var/tmp"
chmod 700 "$root/root"
install -m 755 "$busybox" "$root/bin/busybox"
# What `busybox --install -s` does, without running busybox inside the new root (which would
# need chroot): one symlink to /bin/busybox per applet, where busybox says the applet lives.
applets=0
while read -r applet; do
  [[ $applet == bin/busybox || -e $root/$applet ]] && continue
  ln -s /bin/busybox "$root/$applet"
  applets=$((applets + 1))
done < <("$busybox" --list-full)
cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/home:/bin/false
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
echo 'ptydeck demo image: busybox on its own' >"$root/etc/motd"
say "root file system: busybox, $applets applet links, /etc/passwd, /etc/group, /tmp"

# Owned by root in the image whoever runs this; numeric ids, as there is no passwd to map to.
tar --numeric-owner --owner=0 --group=0 -C "$root" -c . |
  docker import \
    --change "LABEL $LABEL=$content" \
    --change 'CMD ["sh"]' \
    --message "ptydeck prepare: busybox-static root file system" \
    - "$IMAGE" >/dev/null
new_id=$(docker image inspect --format '{{.Id}}' "$IMAGE")
say "imported $IMAGE as ${new_id#sha256:} ($LABEL=$content)"

# The previous build lost its tag: remove it, unless containers still use it.
if [[ -n $old_id && $old_id != "$new_id" ]]; then
  if docker image rm "$old_id" >/dev/null 2>&1; then
    say "removed the previous build ${old_id#sha256:}"
  else
    say "kept the previous build ${old_id#sha256:}: a container still uses it"
  fi
fi
docker run --rm --network none "$IMAGE" sh -c 'echo "prepare: check: $(busybox | head -n 1 | cut -d " " -f 1-2) runs in a container"'
