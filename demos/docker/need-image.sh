#!/bin/sh
# need-image.sh: the docker demos' first setup step. They run the offline image ptydeck/busybox
# (no registry is reachable on stage); when it is missing, say how to build it instead of
# letting `docker run` fail on a registry lookup.
docker image inspect ptydeck/busybox >/dev/null 2>&1 && exit 0
echo "ptydeck/busybox is missing: run \`ptydeck prepare\` (it builds the image offline from busybox-static)" >&2
exit 1
