# Sourced by the build scripts of tools built from a wrapper Go module (tools/helm/build.sh,
# tools/istioctl/build.sh): the version the wrapper pins, and where built binaries are cached.

# The cache folder, outside the repository (WEIR_CACHE_DIR moves it).
weir_cache_root=${WEIR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/weir}

# pinned_version MODULE FOLDER: the version of MODULE that FOLDER/go.mod requires (in a
# require block or on one line). Fails with a sentence when it is not there: the cache key
# follows the pin, so a build without it would be cached under no version.
pinned_version() {
  local module=$1 gomod=$2/go.mod version
  version=$(awk -v m="$module" '($1==m) {print $2} ($1=="require" && $2==m) {print $3}' "$gomod" | head -n 1)
  if [ -z "$version" ]; then
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    echo "cannot read the pinned $module version from ${gomod#"$root/"}" >&2
    return 1
  fi
  echo "$version"
}
