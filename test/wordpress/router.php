<?php
// Router for `php -S`: existing files are served as they are (PHP files run), everything
// else goes through WordPress's index.php, as Apache's rewrite rules would do. This is what
// makes pretty permalinks and /wp-json/ work on PHP's built-in server.
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
$file = realpath($root . $path);
if ($file !== false && str_starts_with($file, $root)) {
    if (is_dir($file) && is_file($file . '/index.php')) {
        $file .= '/index.php';
    }
    if (is_file($file)) {
        if (!str_ends_with($file, '.php')) {
            return false; // static file: the built-in server sends it
        }
        $_SERVER['SCRIPT_FILENAME'] = $file;
        $_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = substr($file, strlen($root));
        chdir(dirname($file));
        require $file;
        return true;
    }
}
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/index.php';
chdir($root);
require $root . '/index.php';
