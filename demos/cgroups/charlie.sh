#!/usr/bin/env bash
# charlie.sh: the k8s bootcamp's "Charlie" cpuset cgroup, on whichever hierarchy this
# machine has (cgroup v2, or v1's cpuset controller), created, used and removed in one go.
#   charlie.sh COMMAND [ARG...]   run COMMAND inside Charlie, then remove Charlie
#   charlie.sh --cleanup          remove a Charlie left behind (the demo's teardown)
set -euo pipefail
NAME=Charlie

# The hierarchy holding the cpuset controller: a cgroup2 mount that lists it in
# cgroup.controllers, or a v1 mount of its own (/sys/fs/cgroup/cpuset on hybrids).
find_cpuset_hierarchy() {
  local mnt type opts
  while read -r _ mnt type opts _; do
    if [[ $type == cgroup2 ]] && grep -qsw cpuset "$mnt/cgroup.controllers"; then
      echo "v2 $mnt" && return
    fi
    [[ $type == cgroup && ,$opts, == *,cpuset,* ]] && echo "v1 $mnt" && return
  done < /proc/mounts
  return 1
}

# in_list LIST N...: true when a cpu list such as "0-3,6" holds every N.
in_list() {
  local list=$1 n range ok
  shift
  for n; do
    ok=
    for range in ${list//,/ }; do
      (( n >= ${range%-*} && n <= ${range#*-} )) && ok=1
    done
    [[ $ok ]] || return 1
  done
}

cleanup() {
  [[ -d $group ]] || return 0
  local pid  # stragglers (an interrupted shell) go back to the top of the hierarchy
  while read -r pid; do
    echo "$pid" > "$root/cgroup.procs" || true
  done < "$group/cgroup.procs"
  local status=0
  rmdir "$group" && echo "removed $group" || status=1
  if [[ ${enabled_cpuset:-} ]]; then  # leave the parent as we found it
    echo -cpuset > "$root/cgroup.subtree_control" || true
  fi
  return "$status"
}

# v2 will not hand a controller down (EBUSY) from a group that holds processes itself,
# unless it is the real root; a container's cgroup namespace root usually holds some.
refused() {
  echo "cannot enable cpuset for groups under $root: it holds processes" \
    "(a container's cgroup root?); run this demo on the host" >&2
  exit 1
}

read -r version root < <(find_cpuset_hierarchy) ||
  { echo "no cpuset cgroup found" >&2; exit 1; }
group=$root/$NAME
if [[ ${1:-} == --cleanup ]]; then cleanup; exit; fi
(( $# )) || { echo "usage: $0 COMMAND [ARG...] | --cleanup" >&2; exit 2; }

# v2: children get cpuset files once their parent hands the controller down.
# v1: the talk's mount, one hierarchy per controller, with a `tasks` file.
if [[ $version == v2 ]]; then
  cpus=$(< "$root/cpuset.cpus.effective") mems=$(< "$root/cpuset.mems.effective")
  tasks=cgroup.procs
  if ! grep -qw cpuset "$root/cgroup.subtree_control"; then
    echo +cpuset > "$root/cgroup.subtree_control" && enabled_cpuset=1 || refused
  fi
else
  cpus=$(< "$root/cpuset.cpus") mems=$(< "$root/cpuset.mems") tasks=tasks
fi
# The talk pins Charlie to CPUs 2-3 and memory node 1; a machine without them gets its
# last CPU and first memory node instead.
if in_list "$cpus" 2 3; then cpus=2-3; else cpus=${cpus##*[,-]}; fi
if in_list "$mems" 1; then mems=1; else mems=${mems%%[,-]*}; fi

trap cleanup EXIT
trap 'exit 130' INT TERM HUP
mkdir -p "$group"
echo "$cpus" > "$group/cpuset.cpus"
echo "$mems" > "$group/cpuset.mems"
echo "Charlie is $group (cgroup $version): cpus $cpus, mems $mems"
# Like the talk's `echo $$ > tasks; sh`: the child joins Charlie, then becomes COMMAND.
status=0
sh -c 'echo $$ > "$1" && shift && exec "$@"' charlie "$group/$tasks" "$@" || status=$?
exit "$status"
