#!/usr/bin/env bash
# Starts a real WordPress (Debian's packages) on 127.0.0.1 for the portal publisher's tests.
#
# Run as root on Debian 12. Idempotent: when the site already answers and its credentials
# file exists, it exits at once; otherwise it installs what is missing, (re)creates the
# database, installs the site and starts `php -S` in the background (it keeps running after
# this script exits). Writes test/.tmp/wordpress.env with WP_TEST_URL, WP_TEST_USER,
# WP_TEST_APP_PASSWORD and the other users the suite needs.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/test/wordpress"
TMP="$ROOT/test/.tmp"
WP="$TMP/wordpress"
SITE="$WP/site"
ENV_FILE="$TMP/wordpress.env"
PORT="${WP_TEST_PORT:-8089}"
URL="http://127.0.0.1:$PORT"
DB_NAME="wp_comunicados_test"
DB_USER="wp_comunicados"

log() { echo "[wordpress] $*"; }

site_answers() {
  curl -fsS -m 3 "$URL/wp-json/" -o /dev/null 2>/dev/null
}

mkdir -p "$WP"

# Ready = answering AND accepting the credentials we wrote (another checkout may have
# reinstalled the site since).
site_ready() {
  [ -f "$ENV_FILE" ] || return 1
  (
    set -a
    # shellcheck disable=SC1090
    . "$ENV_FILE"
    curl -fsS -m 3 -u "$WP_TEST_USER:$WP_TEST_APP_PASSWORD" "$WP_TEST_URL/wp-json/wp/v2/users/me" -o /dev/null
  ) 2>/dev/null
}

if site_ready; then
  log "ya está en marcha en $URL (credenciales en $ENV_FILE)"
  exit 0
fi

# A server this script started earlier: setsid made it a process group leader, so the
# group holds it and its workers.
if [ -f "$WP/server.pid" ] && kill -0 "$(cat "$WP/server.pid")" 2>/dev/null; then
  kill -- "-$(cat "$WP/server.pid")" 2>/dev/null || true
  sleep 1
fi
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
if port_busy; then
  log "el puerto $PORT está ocupado por otro proceso; libérelo o use otro con WP_TEST_PORT=<puerto>"
  exit 1
fi

# --- Packages ---------------------------------------------------------------------------
PACKAGES=(wordpress wordpress-theme-twentytwentythree mariadb-server mariadb-client php-cli php-mysql php-gd php-xml php-curl php-mbstring curl)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "instalando: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # --no-install-recommends keeps Apache's optional modules and the translations out; the
  # site is served by PHP's own server below.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- MariaDB ----------------------------------------------------------------------------
if ! mysqladmin --silent ping >/dev/null 2>&1; then
  log "arrancando MariaDB"
  if ! service mariadb start >/dev/null 2>&1; then
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
    setsid nohup mysqld_safe >/dev/null 2>&1 < /dev/null &
  fi
  for _ in $(seq 1 60); do
    mysqladmin --silent ping >/dev/null 2>&1 && break
    sleep 1
  done
  mysqladmin --silent ping >/dev/null 2>&1 || { log "MariaDB no arrancó"; exit 1; }
fi

# A fresh database every time the site is (re)installed: the suite starts from a known site.
DB_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
mariadb -uroot <<SQL
DROP DATABASE IF EXISTS \`$DB_NAME\`;
CREATE DATABASE \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
FLUSH PRIVILEGES;
SQL

# --- The site: Debian's WordPress copied under test/.tmp, with its own wp-config.php ------
# A copy (not /usr/share/wordpress itself) keeps /etc/wordpress untouched and lets the
# built-in server serve uploads from the document root.
if [ ! -f "$SITE/wp-settings.php" ]; then
  log "copiando /usr/share/wordpress a $SITE"
  rm -rf "$SITE"
  cp -rL /usr/share/wordpress "$SITE"
  rm -f "$SITE/.htaccess"
fi
mkdir -p "$SITE/wp-content/uploads" "$SITE/wp-content/mu-plugins"
cp "$HERE/mu-plugins/"*.php "$SITE/wp-content/mu-plugins/"
cp "$HERE/router.php" "$WP/router.php"

salt() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 48; }
cat > "$SITE/wp-config.php" <<PHP
<?php
// Written by test/wordpress/start.sh for the portal tests. Not for production.
define('DB_NAME', '$DB_NAME');
define('DB_USER', '$DB_USER');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', 'localhost');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('AUTH_KEY', '$(salt)');
define('SECURE_AUTH_KEY', '$(salt)');
define('LOGGED_IN_KEY', '$(salt)');
define('NONCE_KEY', '$(salt)');
define('AUTH_SALT', '$(salt)');
define('SECURE_AUTH_SALT', '$(salt)');
define('LOGGED_IN_SALT', '$(salt)');
define('NONCE_SALT', '$(salt)');
// 'local' lets WordPress accept application passwords over plain http.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HOME', '$URL');
define('WP_SITEURL', '$URL');
// No network but loopback: never call wordpress.org, no cron requests to itself.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
\$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
PHP

# --- Install, users, categories, application passwords ----------------------------------
log "instalando el sitio"
SETUP_JSON="$(WP_SITE="$SITE" WP_URL="$URL" php "$HERE/install.php")"

# --- Serve it ---------------------------------------------------------------------------
log "sirviendo $URL"
# Workers let WordPress answer while a large upload is still arriving. Limits are small on
# purpose: the suite checks that a file over post_max_size is refused with a clear message.
PHP_CLI_SERVER_WORKERS=4 setsid nohup php \
  -d upload_max_filesize=8M -d post_max_size=8M -d memory_limit=256M -d display_errors=0 \
  -S "127.0.0.1:$PORT" -t "$SITE" "$WP/router.php" >"$WP/server.log" 2>&1 < /dev/null &
echo $! > "$WP/server.pid"
for _ in $(seq 1 50); do
  site_answers && break
  sleep 0.2
done
site_answers || { log "el servidor no responde; vea $WP/server.log"; exit 1; }

# --- Credentials for the suite ----------------------------------------------------------
php -r '
$s = json_decode(stream_get_contents(STDIN), true);
$url = $argv[1];
$lines = [
  "WP_TEST_URL=$url",
  "WP_TEST_USER=" . $s["editor"]["user"],
  "WP_TEST_APP_PASSWORD=\"" . $s["editor"]["password"] . "\"",
  "WP_TEST_CONTRIBUTOR_USER=" . $s["contributor"]["user"],
  "WP_TEST_CONTRIBUTOR_APP_PASSWORD=\"" . $s["contributor"]["password"] . "\"",
];
echo implode("\n", $lines), "\n";
' "$URL" <<<"$SETUP_JSON" > "$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
chmod 600 "$ENV_FILE"
log "listo: $URL (credenciales en $ENV_FILE)"
