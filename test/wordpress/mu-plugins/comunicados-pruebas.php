<?php
/*
 * Plugin Name: Comunicados (sitio de pruebas)
 * Description: What a city portal's theme usually brings, for the portal publisher's tests:
 * a "slider" post type exposed in the REST API (rest_base "sliders") and the meta fields
 * the theme reads (link of a slide, last day it stays up).
 */
add_action('init', function () {
    register_post_type('slider', [
        'label' => 'Sliders',
        'public' => true,
        'show_in_rest' => true,
        'rest_base' => 'sliders',
        'supports' => ['title', 'editor', 'excerpt', 'thumbnail', 'custom-fields'],
        'taxonomies' => ['category'],
    ]);
    foreach (['post', 'slider'] as $type) {
        foreach (['enlace_noticia', 'vigencia_hasta'] as $key) {
            register_post_meta($type, $key, [
                'type' => 'string',
                'single' => true,
                'show_in_rest' => true,
            ]);
        }
    }
});

/*
 * A portal plugin that refuses some posts after their files were uploaded, so the suite
 * can check that uploaded media are cleaned up (or reported) when the post fails. Only
 * titles carrying these markers are affected.
 */
add_filter('rest_pre_insert_post', function ($prepared, $request) {
    $title = is_array($request['title']) ? (string) ($request['title']['raw'] ?? '') : (string) $request['title'];
    if (str_contains($title, '[rechazar-entrada]')) {
        return new WP_Error('comunicados_prueba_rechazo', 'Entrada rechazada por el sitio de pruebas.', ['status' => 400]);
    }
    if (str_contains($title, '[fallar-entrada]')) {
        return new WP_Error('comunicados_prueba_falla', 'Falla simulada del sitio de pruebas.', ['status' => 500]);
    }
    return $prepared;
}, 10, 2);
