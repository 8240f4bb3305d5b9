#!/usr/bin/env bash
# Installs what the app and its checks need, and nothing twice: Debian's Chromium and a CJK
# font for the browser tests, then the npm packages. The Electron binary is never downloaded
# here (ELECTRON_SKIP_BINARY_DOWNLOAD); `npm start` falls back to browser mode without it.
set -euo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

missing=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
if command -v dpkg >/dev/null 2>&1 && ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then missing+=(fonts-wqy-microhei); fi

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: 未找到 apt-get，请自行安装 Chromium（或设置 CHROMIUM_PATH）和中文字体：${missing[*]}" >&2
  else
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    echo "setup: installing ${missing[*]} from Debian's packages"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
