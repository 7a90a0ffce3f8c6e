#!/usr/bin/env bash
# Memory accounting and limits with a cgroup, on cgroup v2 (pure or hybrid) and cgroup v1 alike.
#
#   memory-limit.sh where                 which hierarchy holds the memory controller
#   memory-limit.sh create NAME LIMIT_MB  make cgroup NAME with a hard memory limit
#   memory-limit.sh run NAME MB           run a process in NAME that holds MB MiB, report how it ended
#   memory-limit.sh stat NAME             limit, usage, peak and OOM kills of NAME
#   memory-limit.sh remove NAME           kill what is left in NAME and remove it (idempotent)
#
# The slides type these subcommands one by one, so every step shows one idea; the version
# differences (file names, where the hierarchy is mounted) stay in this script.
set -euo pipefail

die() { echo "memory-limit: $*" >&2; exit 1; }

# Prints "v2 PATH" or "v1 PATH": the mount of the hierarchy where the memory controller is
# enabled. Read from /proc/self/mounts so it works wherever systemd or a container put it:
# /sys/fs/cgroup (pure v2), /sys/fs/cgroup/unified (hybrid), /sys/fs/cgroup/memory (v1).
find_hierarchy() {
  local mnt type opts
  while read -r _ mnt type opts _; do
    if [[ $type == cgroup2 && -r $mnt/cgroup.controllers ]] &&
      grep -qw memory "$mnt/cgroup.controllers"; then
      echo "v2 $mnt"; return 0
    fi
  done </proc/self/mounts
  while read -r _ mnt type opts _; do
    if [[ $type == cgroup && ,$opts, == *,memory,* ]]; then
      echo "v1 $mnt"; return 0
    fi
  done </proc/self/mounts
  # No mount table entry (unusual): fall back to the usual places.
  if grep -qsw memory /sys/fs/cgroup/cgroup.controllers; then echo "v2 /sys/fs/cgroup"; return 0; fi
  if grep -qsw memory /sys/fs/cgroup/unified/cgroup.controllers; then echo "v2 /sys/fs/cgroup/unified"; return 0; fi
  if [[ -e /sys/fs/cgroup/memory/memory.limit_in_bytes ]]; then echo "v1 /sys/fs/cgroup/memory"; return 0; fi
  return 1
}

read -r VERSION ROOT < <(find_hierarchy) || true
[[ -n ${VERSION:-} ]] || die "no cgroup hierarchy with the memory controller is mounted"

check_name() {
  [[ ${1:-} =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "cgroup name must match [a-z0-9-]+, got '${1:-}'"
}

# The demo cgroup sits right under the hierarchy's root, where a v2 root may hand the memory
# controller to its children (a non-root v2 cgroup holding processes may not).
cg_path() { echo "$ROOT/$1"; }

mib() { awk -v b="$1" 'BEGIN { if (b == "max") print "max"; else printf "%.1f MiB\n", b / 1048576 }'; }

# Reads one "key value" line of a flat-keyed file such as memory.events or memory.oom_control.
key_of() { awk -v k="$2" '$1 == k { print $2; found = 1 } END { if (!found) print 0 }' "$1"; }

# Where `create` notes that it enabled the memory controller for the children of a v2 root,
# so that `remove` leaves the root as it found it (in /run: gone after a reboot, as the cgroup).
ENABLED_MARK=/run/ptydeck-memory-limit.enabled

# v2 gives a child group memory.* files only once its parent lists memory in
# cgroup.subtree_control, and refuses that (EBUSY) in a group that holds processes itself,
# unless it is the real root: the root of a container's cgroup namespace usually does.
hand_down_memory() {
  if ! (echo +memory >"$ROOT/cgroup.subtree_control") 2>/dev/null; then
    die "cannot enable the memory controller for groups under $ROOT (cgroup v2 refuses it in a group
that holds processes, such as a container's cgroup root); run this demo on the host"
  fi
  echo "$ROOT" >"$ENABLED_MARK"
}

cmd_where() {
  echo "cgroup $VERSION, memory controller at $ROOT"
  if [[ $VERSION == v1 && -e /sys/fs/cgroup/unified/cgroup.controllers ]]; then
    echo "(hybrid: v2 is mounted at /sys/fs/cgroup/unified, but memory is a v1 controller here)"
  fi
}

cmd_create() {
  local name=$1 limit_mb=$2 cg
  check_name "$name"
  [[ $limit_mb =~ ^[0-9]+$ ]] || die "LIMIT_MB must be a number of MiB"
  cg=$(cg_path "$name")
  if [[ $VERSION == v2 ]] && ! grep -qw memory "$ROOT/cgroup.subtree_control"; then
    hand_down_memory
  fi
  mkdir -p "$cg"
  if [[ $VERSION == v2 ]]; then
    echo "${limit_mb}M" >"$cg/memory.max"
    # No swap: over the limit the kernel must reclaim or kill, not page out.
    [[ -e $cg/memory.swap.max ]] && echo 0 >"$cg/memory.swap.max"
    echo "created $cg"
    echo "memory.max = $(mib "$(cat "$cg/memory.max")")"
  else
    echo "${limit_mb}M" >"$cg/memory.limit_in_bytes"
    # memory+swap limit equal to the memory limit: no swapping out of trouble either.
    [[ -e $cg/memory.memsw.limit_in_bytes ]] && echo "${limit_mb}M" >"$cg/memory.memsw.limit_in_bytes"
    echo "created $cg"
    echo "memory.limit_in_bytes = $(mib "$(cat "$cg/memory.limit_in_bytes")")"
  fi
}

cmd_run() {
  local name=$1 mb=$2 cg status=0
  check_name "$name"
  [[ $mb =~ ^[0-9]+$ ]] || die "MB must be a number of MiB"
  cg=$(cg_path "$name")
  [[ -d $cg ]] || die "no cgroup $cg: run 'create' first"
  echo "allocating $mb MiB inside $cg ..."
  # The child shell moves itself into the cgroup, then tail holds all of its input in memory
  # (it never sees a newline), so the cgroup is charged about MB MiB.
  sh -c 'echo $$ >"$1/cgroup.procs" && head -c "$2M" /dev/zero | tail -n 1 >/dev/null' \
    sh "$cg" "$mb" 2>/dev/null || status=$?
  case $status in
    0) echo "done: the process held $mb MiB and exited normally" ;;
    137) echo "killed: SIGKILL from the OOM killer, the cgroup hit its limit" ;;
    *) echo "the process ended with status $status" ;;
  esac
  cmd_stat "$name"
}

cmd_stat() {
  local name=$1 cg
  check_name "$name"
  cg=$(cg_path "$name")
  [[ -d $cg ]] || die "no cgroup $cg"
  if [[ $VERSION == v2 ]]; then
    echo "memory.max      $(mib "$(cat "$cg/memory.max")")"
    echo "memory.current  $(mib "$(cat "$cg/memory.current")")"
    if [[ -e $cg/memory.peak ]]; then echo "memory.peak     $(mib "$(cat "$cg/memory.peak")")"; fi
    echo "memory.events   oom_kill $(key_of "$cg/memory.events" oom_kill)"
  else
    echo "memory.limit_in_bytes      $(mib "$(cat "$cg/memory.limit_in_bytes")")"
    echo "memory.usage_in_bytes      $(mib "$(cat "$cg/memory.usage_in_bytes")")"
    echo "memory.max_usage_in_bytes  $(mib "$(cat "$cg/memory.max_usage_in_bytes")")"
    echo "memory.oom_control         oom_kill $(key_of "$cg/memory.oom_control" oom_kill)"
  fi
}

cmd_remove() {
  local name=$1 cg pid tries=0
  check_name "$name"
  cg=$(cg_path "$name")
  [[ -d $cg ]] || { restore_root; return 0; }
  while read -r pid; do kill -KILL "$pid" 2>/dev/null || true; done <"$cg/cgroup.procs"
  # A killed process leaves the cgroup a moment later; rmdir fails with EBUSY until then.
  until rmdir "$cg" 2>/dev/null; do
    ((++tries < 50)) || die "could not remove $cg"
    sleep 0.1
  done
  echo "removed $cg"
  restore_root
}

# Undoes hand_down_memory (v2 only), as charlie.sh does for cpuset. The kernel refuses it
# while a group below hands memory on to its own children (docker's do): then it stays.
restore_root() {
  [[ -f $ENABLED_MARK && $(cat "$ENABLED_MARK") == "$ROOT" ]] || return 0
  (echo -memory >"$ROOT/cgroup.subtree_control") 2>/dev/null || true
  rm -f "$ENABLED_MARK"
}

case ${1:-} in
  where) cmd_where ;;
  create) [[ $# -eq 3 ]] || die "usage: create NAME LIMIT_MB"; cmd_create "$2" "$3" ;;
  run) [[ $# -eq 3 ]] || die "usage: run NAME MB"; cmd_run "$2" "$3" ;;
  stat) [[ $# -eq 2 ]] || die "usage: stat NAME"; cmd_stat "$2" ;;
  remove) [[ $# -eq 2 ]] || die "usage: remove NAME"; cmd_remove "$2" ;;
  *) die "usage: memory-limit.sh where | create NAME LIMIT_MB | run NAME MB | stat NAME | remove NAME" ;;
esac
