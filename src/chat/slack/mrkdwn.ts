/**
 * Slack delivers message text already formatted: `&`, `<` and `>` escaped, links as
 * `<https://x|label>`, mentions as `<@U123>`, channels as `<#C123|nombre>`. The core reads
 * plain text (the form parser), so this turns Slack's encoding back into what the person
 * typed. A channel link keeps its `#nombre`, so a hashtag Slack linked to a channel of the
 * same name is still a hashtag.
 */
export function fromSlackText(text: string, names: (userId: string) => string | undefined = () => undefined): string {
  const plain = text.replace(/<([^<>]*)>/g, (_, inner: string) => {
    const [target, label] = inner.split('|', 2) as [string, string | undefined];
    if (target.startsWith('@')) {
      const id = target.slice(1);
      return `@${label ?? names(id) ?? id}`;
    }
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
    if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
    // A bare link Slack wrapped; a labelled one keeps both, so the URL is not lost.
    return label && label !== target ? `${label} (${target})` : target;
  });
  return plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Removes a leading mention of the bot (`<@UBOT> comunicado ...`), wherever it is. */
export function withoutMention(text: string, botUserId: string): string {
  return text.replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>:?\\s*`, 'g'), '').trim();
}

/** `comunicado:` at the start (any case, Slack bold/italic marks allowed) -> the rest. */
export function afterPrefix(text: string): string | undefined {
  const m = /^\s*[*_~]*\s*comunicado\s*:[*_~]*\s*/i.exec(text);
  return m ? text.slice(m[0].length) : undefined;
}
