#!/usr/bin/env bash
# Installs Debian's Chromium for the tests that open the bot's web pages (approval links,
# open data) in a real headless browser through playwright-core. Idempotent.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "[chromium] ya instalado: $(chromium --version 2>/dev/null || echo chromium)"
  exit 0
fi
echo "[chromium] instalando desde los paquetes de Debian"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "[chromium] listo: $(chromium --version 2>/dev/null || echo chromium)"
