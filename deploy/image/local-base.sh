#!/usr/bin/env bash
# Makes a base image for snoop's container image from this machine's own files, for building the
# image where no registry can be reached (CI here): a Java runtime jlinked from the local JDK, the
# shared libraries it and /bin/sh need, and /bin/sh itself, as a `docker save` tarball that Jib
# takes as `tar://...`. Real builds use a normal JRE image instead (see README).
#
# Usage: deploy/image/local-base.sh OUT.tar
# The tarball is cached beside OUT under a key of the JDK and this script, so it is made once.
set -euo pipefail
out="$1"
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"
key="$(cat "$java_home/release" "$0" | sha256sum | cut -c1-16)"
cache="${SNOOP_IMAGE_CACHE:-$HOME/.cache/snoop-image}/local-base-$key.tar"
if [ -f "$cache" ]; then
  cp "$cache" "$out"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/opt/java" "$root/bin" "$root/tmp" "$root/etc" "$root/usr/local/bin"
chmod 1777 "$root/tmp"
jlink --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management \
  --strip-debug --no-header-files --no-man-pages --output "$root/opt/java/openjdk"
cp -L /bin/sh "$root/bin/sh"
# every shared library the runtime and the shell load, at the path the loader looks for it
find "$root/opt/java/openjdk" "$root/bin" -type f \( -name '*.so' -o -perm -u+x \) -print0 |
  xargs -0 ldd 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | sort -u |
  while read -r lib; do
    case "$lib" in "$root"*) continue ;; esac
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
printf 'root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:nonroot:/tmp:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$root/etc/group"

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$root" -cf "$work/layer.tar" .
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/usr/local/bin:/opt/java/openjdk/bin:/usr/bin:/bin","JAVA_HOME=/opt/java/openjdk"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
echo '[{"Config":"config.json","RepoTags":["snoop-local-base:latest"],"Layers":["layer.tar"]}]' > "$work/manifest.json"
tar -C "$work" -cf "$work/base.tar" manifest.json config.json layer.tar
mkdir -p "$(dirname "$cache")"
cp "$work/base.tar" "$cache"
cp "$work/base.tar" "$out"
