import { z } from 'zod';

/** Name of an environment variable that holds a credential (never the credential itself). */
const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'nombre de variable de entorno en MAYÚSCULAS');

const touches = {
  /** Appended to every post of this account (e.g. "Alcaldía de Ibagué, Tolima"). */
  signature: z.string().max(200).optional(),
  /** Hashtags always added for this account, without '#'. */
  hashtags: z.array(z.string()).default([]),
  /** Accounts mentioned in every post, without '@'. */
  mentions: z.array(z.string()).default([]),
};

export const facebookAccountSchema = z.object({
  pageId: z.coerce.string().min(1),
  name: z.string().optional(),
  /** Variable holding the Page access token. */
  tokenEnv: envName,
  ...touches,
});

export const instagramAccountSchema = z.object({
  /** Instagram professional account id (ig-user-id). */
  userId: z.coerce.string().min(1),
  username: z.string().optional(),
  tokenEnv: envName,
  ...touches,
});

export const xAccountSchema = z.object({
  handle: z.string().min(1),
  appKeyEnv: envName,
  appSecretEnv: envName,
  accessTokenEnv: envName,
  accessSecretEnv: envName,
  /**
   * After a crash, look for the post among the account's recent posts (GET
   * /2/users/:id/tweets). Off by default: on X's pay-per-use pricing every post read is
   * billed, so each lookup costs money; without it an interrupted post is confirmed by a
   * person.
   */
  lookupPosts: z.boolean().default(false),
  ...touches,
});

export const youtubeAccountSchema = z.object({
  channelId: z.string().optional(),
  clientIdEnv: envName,
  clientSecretEnv: envName,
  refreshTokenEnv: envName,
  privacy: z.enum(['public', 'unlisted', 'private']).default('public'),
  categoryId: z.string().default('25'),
  ...touches,
});

const identitySchema = z
  .object({
    /** Display name of the identity, e.g. "Alcaldía de Ibagué" or the mayor's name. */
    name: z.string().optional(),
    facebook: facebookAccountSchema.optional(),
    instagram: instagramAccountSchema.optional(),
    x: xAccountSchema.optional(),
    youtube: youtubeAccountSchema.optional(),
  })
  .prefault({});

/**
 * `accounts:` section: per identity (alcaldia, alcalde) and network, the account and the
 * names of the environment variables that hold its credentials. Swapping the mayor's
 * accounts at the change of term is an edit of `alcalde` here plus new variables.
 * A destination whose credentials are missing publishes in dry-run and says so.
 */
export const accountsConfigSchema = z
  .object({
    graphVersion: z.string().regex(/^v\d+\.\d+$/).default('v21.0'),
    alcaldia: identitySchema,
    alcalde: identitySchema,
  })
  .prefault({});
export type AccountsConfig = z.infer<typeof accountsConfigSchema>;
