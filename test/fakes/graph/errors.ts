/**
 * Graph API error objects as the platform documents them (`{ "error": { message, type,
 * code, error_subcode, fbtrace_id, ... } }`), for the fake and for tests that inject them.
 * Messages are the platform's own English wording.
 */
export interface FakeGraphError {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

export const graphErrors = {
  invalidToken: (): FakeGraphError => ({ message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 }),
  expiredToken: (): FakeGraphError => ({
    message: 'Error validating access token: Session has expired on Tuesday, 10-Mar-26 10:00:00 PDT. The current time is Wednesday, 11-Mar-26 08:00:00 PDT.',
    type: 'OAuthException',
    code: 190,
    error_subcode: 463,
  }),
  appRateLimit: (): FakeGraphError => ({ message: '(#4) Application request limit reached', type: 'OAuthException', code: 4, is_transient: true }),
  userRateLimit: (): FakeGraphError => ({ message: '(#17) User request limit reached', type: 'OAuthException', code: 17, error_subcode: 2446079, is_transient: true }),
  pageRateLimit: (): FakeGraphError => ({ message: '(#32) Page request limit reached', type: 'OAuthException', code: 32, is_transient: true }),
  customRateLimit: (): FakeGraphError => ({ message: '(#613) Calls to this api have exceeded the rate limit.', type: 'OAuthException', code: 613, is_transient: true }),
  duplicate: (): FakeGraphError => ({ message: '(#506) Duplicate status message', type: 'OAuthException', code: 506 }),
  permission: (): FakeGraphError => ({
    message: '(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts as an admin with sufficient administrative permission',
    type: 'OAuthException',
    code: 200,
  }),
  noSuchObject: (id: string): FakeGraphError => ({
    message: `Unsupported delete request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  }),
  /** A retired or unknown insights metric (Meta retired `post_impressions*` in 2025). */
  invalidMetric: (): FakeGraphError => ({ message: '(#100) The value must be a valid insights metric', type: 'OAuthException', code: 100 }),
  missingPermission: (permission: string): FakeGraphError => ({ message: `(#10) This endpoint requires the '${permission}' permission.`, type: 'OAuthException', code: 10 }),
  notEnoughViewers: (): FakeGraphError => ({ message: '(#10) Not enough viewers for the media to show insights', type: 'OAuthException', code: 10 }),
  invalidParameter: (what: string): FakeGraphError => ({ message: `(#100) ${what}`, type: 'OAuthException', code: 100 }),
  serviceUnavailable: (): FakeGraphError => ({ message: 'Service temporarily unavailable', type: 'OAuthException', code: 2, is_transient: true }),
  mediaFetchFailed: (uri: string): FakeGraphError => ({
    message: `The media could not be fetched from this uri: ${uri}`,
    type: 'OAuthException',
    code: 9004,
    error_subcode: 2207052,
    is_transient: false,
    error_user_title: 'Media download has failed.',
    error_user_msg: `The media could not be fetched from this uri: ${uri}`,
  }),
  aspectRatio: (ratio: string): FakeGraphError => ({
    message: 'The aspect ratio is not supported.',
    type: 'OAuthException',
    code: 36003,
    error_subcode: 2207009,
    is_transient: false,
    error_user_title: 'Cannot publish image',
    error_user_msg: `The submitted image with aspect ratio ('${ratio}') cannot be published. Please submit an image with a valid aspect ratio.`,
  }),
  notReady: (): FakeGraphError => ({
    message: 'Media ID is not available',
    type: 'OAuthException',
    code: 9007,
    error_subcode: 2207027,
    is_transient: false,
    error_user_title: 'Media not ready for publishing',
    error_user_msg: 'The media is not ready for publishing, please wait for a moment',
  }),
  quotaReached: (): FakeGraphError => ({
    message: 'Application request limit reached',
    type: 'OAuthException',
    code: 9,
    error_subcode: 2207042,
    is_transient: false,
    error_user_title: 'Cannot publish posts',
    error_user_msg: 'You reached maximum number of posts that is allowed to be published by Content Publishing API.',
  }),
} as const;
