<?php
// Installs the test site (run by start.sh with WP_SITE and WP_URL set) and prints, as JSON,
// the users and application passwords the portal suite uses. The site copies what the
// office configures on its real portal: categories for the placements, an editor account
// for the bot, and a contributor account that may not publish.
$site = getenv('WP_SITE');
$url = getenv('WP_URL');
$parts = parse_url($url);
$_SERVER['HTTP_HOST'] = $parts['host'] . ':' . $parts['port'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);
require $site . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
// No mail server here: the welcome mail of wp_install is dropped.
add_filter('pre_wp_mail', '__return_false');

function fail($what) {
    fwrite(STDERR, "install.php: $what\n");
    exit(1);
}

$adminPassword = wp_generate_password(24, false);
$result = wp_install('Alcaldía de Ibagué (pruebas)', 'admin', 'admin@example.test', true, '', wp_slash($adminPassword));
if (is_wp_error($result)) fail($result->get_error_message());

update_option('permalink_structure', '/%postname%/');
update_option('timezone_string', 'America/Bogota');
flush_rewrite_rules(false);

foreach ([
    'noticias' => 'Noticias',
    'slider-principal' => 'Slider principal',
    'slider-contacto' => 'Slider de contacto',
    'banner-avisos' => 'Banner de avisos',
    'pop-up' => 'Pop up',
] as $slug => $name) {
    $term = wp_insert_term($name, 'category', ['slug' => $slug]);
    if (is_wp_error($term) && $term->get_error_code() !== 'term_exists') fail($term->get_error_message());
}

function user_with_app_password($login, $role) {
    $id = username_exists($login);
    if (!$id) {
        $id = wp_insert_user([
            'user_login' => $login,
            'user_pass' => wp_generate_password(24, false),
            'user_email' => "$login@example.test",
            'display_name' => ucfirst($login),
            'role' => $role,
        ]);
        if (is_wp_error($id)) fail($id->get_error_message());
    }
    $created = WP_Application_Passwords::create_new_application_password($id, ['name' => 'comunicados-bot ' . gmdate('c')]);
    if (is_wp_error($created)) fail($created->get_error_message());
    return ['user' => $login, 'password' => WP_Application_Passwords::chunk_password($created[0])];
}

echo json_encode([
    'editor' => user_with_app_password('prensa', 'editor'),
    'contributor' => user_with_app_password('practicante', 'contributor'),
]);
