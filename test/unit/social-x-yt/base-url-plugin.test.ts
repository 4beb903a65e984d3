import { describe, expect, it } from 'vitest';
import type { ITwitterApiBeforeRequestConfigHookArgs } from 'twitter-api-v2';
import { baseUrlPlugin } from '../../../src/publish/social/x/base-url-plugin.ts';

function run(base: string, url: string, timeout?: number) {
  const params = { url, method: 'POST', ...(timeout !== undefined ? { timeout } : {}) } as ITwitterApiBeforeRequestConfigHookArgs['params'];
  void baseUrlPlugin(base, { timeoutMs: 60_000 }).onBeforeRequestConfig!({ params } as ITwitterApiBeforeRequestConfigHookArgs);
  return params;
}

describe('X base-URL client plugin', () => {
  it('sends api.x.com and upload.x.com requests to X_API_URL, keeping path and query', () => {
    expect(run('https://127.0.0.1:8443', 'https://api.x.com/2/tweets').url).toBe('https://127.0.0.1:8443/2/tweets');
    expect(run('https://proxy.ibague.gov.co/x/', 'https://upload.x.com/1.1/media/upload.json?command=STATUS').url).toBe(
      'https://proxy.ibague.gov.co/x/1.1/media/upload.json?command=STATUS',
    );
  });

  it('leaves other hosts alone and only fills a missing timeout', () => {
    expect(run('https://127.0.0.1:8443', 'https://example.org/2/tweets').url).toBe('https://example.org/2/tweets');
    expect(run('https://127.0.0.1:8443', 'https://api.x.com/2/tweets').timeout).toBe(60_000);
    expect(run('https://127.0.0.1:8443', 'https://api.x.com/2/tweets', 5000).timeout).toBe(5000);
  });
});
