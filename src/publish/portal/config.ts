import { z } from 'zod';
import type { Placement } from '../../domain/comunicado.ts';

/** Name of an environment variable that holds a value (never the value itself). */
const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'nombre de variable de entorno en MAYÚSCULAS');

/** A category or tag: its id, its slug or its exact name on the portal. */
const termRef = z.union([z.number().int().positive(), z.string().min(1).max(200)]);

/**
 * How one placement (noticia, slider_principal...) becomes an item on WordPress. Every
 * placement is its own item (post), so each can carry its own categories, be taken down
 * at the end of its vigencia or withdrawn without touching the others.
 */
export const placementMappingSchema = z.object({
  /** REST base of the post type: `posts`, `pages` or a theme's own type (`sliders`). */
  type: z
    .string()
    .regex(/^[a-z0-9_-]+$/, 'rest_base en minúsculas, por ejemplo posts')
    .default('posts'),
  /** Categories of the item (id, slug or name). They must exist on the portal. */
  categories: z.array(termRef).default([]),
  /** Fixed tags added to the hashtags of the comunicado (created when missing). */
  tags: z.array(termRef).default([]),
  /** Turn the comunicado's hashtags into tags. */
  hashtagsAsTags: z.boolean().default(true),
  /** Pin to the front page (only the `posts` type supports it). */
  sticky: z.boolean().default(false),
  /**
   * Custom fields the theme reads (registered with show_in_rest). Values may use
   * {id}, {title}, {noticiaUrl}, {vigenciaHasta}, {publishAt}, and {enlace} (where the
   * item leads: the `enlace:` or the noticia), {tipo}, {cierre} (ISO), {inscripciones},
   * {resumen} (the one line), {imagen} (the fitted image's URL).
   */
  meta: z.record(z.string().min(1), z.string()).default({}),
  /** End of vigencia: `draft` hides the item; `uncategorize` only removes its categories. */
  takeDown: z.enum(['draft', 'uncategorize']).default('draft'),
  /** Also show the featured (first) image inside the body. */
  featuredImageInBody: z.boolean().default(false),
  /**
   * `short` (the default for slider, banner and pop-up): title, one line and the link
   * target, no copy of the article. `full`: the whole article (the noticia's default).
   */
  body: z.enum(['short', 'full']).optional(),
  /**
   * The image size the theme shows for this placement (slider 1920×600, pop-up 800×800).
   * The first image is fitted to it with sharp: padded, never cropped.
   */
  image: z
    .object({
      width: z.number().int().min(16).max(8000),
      height: z.number().int().min(16).max(8000),
      /** Padding colour (`#RRGGBB`); default the portal's `imageBackground`. */
      background: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color #RRGGBB').optional(),
    })
    .strict()
    .optional(),
});
export type PlacementMapping = z.infer<typeof placementMappingSchema>;

const mapping = () => placementMappingSchema.strict().prefault({});

/** One mapping per placement; a placement left out publishes as a plain post. */
const placementsSchema = z
  .object({
    noticia: mapping(),
    slider_principal: mapping(),
    slider_contacto: mapping(),
    banner_aviso: mapping(),
    popup: mapping(),
  } satisfies Record<Placement, unknown>)
  .strict()
  .prefault({});

/**
 * `portal:` section. `type: dry-run` (the default) writes what would be published under
 * DATA_DIR/outbox. `wordpress` uses the REST API with an application password; `http`
 * posts to the portal's own receiver (docs/portal-http.md). The portal's address and
 * credentials come from environment variables, named here.
 */
export const portalConfigSchema = z
  .object({
    type: z.enum(['dry-run', 'wordpress', 'http']).default('dry-run'),
    /** Public name of the portal in messages ("Portal de la Alcaldía"). */
    name: z.string().min(1).max(100).default('Portal web'),
    /** Variable with the portal's address (WordPress site URL or the receiver's URL). */
    urlEnv: envName.default('PORTAL_URL'),
    /** WordPress user and its application password (Usuarios → Perfil → Contraseñas de aplicación). */
    userEnv: envName.default('PORTAL_USER'),
    passwordEnv: envName.default('PORTAL_APP_PASSWORD'),
    /** Generic http portal: variable with the shared secret of the HMAC signature. */
    secretEnv: envName.default('PORTAL_HMAC_SECRET'),
    /** `/retirar`: send the item to the trash or back to draft. */
    withdraw: z.enum(['trash', 'draft']).default('trash'),
    /**
     * Start the body with the title as `<h1>`. Off by default for WordPress and the http
     * portal (their templates print the title already, so the page would say it twice);
     * on by default for the dry run, whose .html file is read as a page of its own.
     */
    titleInBody: z.boolean().optional(),
    /** Seconds to wait for one request (uploads of large files get more). */
    timeoutSeconds: z.number().int().min(5).max(600).default(60),
    placements: placementsSchema,
    /**
     * Domains an `enlace:` or `inscripciones:` may point to (`ibague.gov.co`, `gov.co`; a
     * subdomain of one is allowed). Anything else is refused at submission.
     */
    /** Padding colour of the fitted placement images (`#RRGGBB`). */
    imageBackground: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color #RRGGBB').default('#ffffff'),
    allowedLinkDomains: z
      .array(z.string().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/i, 'dominio, por ejemplo ibague.gov.co'))
      .max(100)
      .default([]),
  })
  .strict()
  .prefault({});
export type PortalConfig = z.infer<typeof portalConfigSchema>;

/** Whether the body carries the title as `<h1>` (see `titleInBody`). */
export function titleInBody(cfg: Pick<PortalConfig, 'type' | 'titleInBody'>): boolean {
  return cfg.titleInBody ?? cfg.type === 'dry-run';
}
