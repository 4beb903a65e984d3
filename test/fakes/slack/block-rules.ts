/**
 * Block Kit limits as Slack documents them (block and element reference pages), checked by
 * the fake the way Slack refuses a message (`invalid_blocks`) or a view
 * (`invalid_arguments`). Not every rule: the ones the adapter could plausibly break.
 */

type Obj = Record<string, unknown>;

function textOf(o: unknown): string {
  return typeof o === 'object' && o && typeof (o as Obj).text === 'string' ? ((o as Obj).text as string) : '';
}

function checkElement(el: Obj, where: string, problems: string[]): void {
  const type = el.type;
  if (typeof el.action_id === 'string' && el.action_id.length > 255) problems.push(`${where}: action_id longer than 255`);
  if (type === 'button') {
    if (textOf(el.text).length > 75) problems.push(`${where}: button text longer than 75`);
    if (typeof el.value === 'string' && el.value.length > 2000) problems.push(`${where}: button value longer than 2000`);
    if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') problems.push(`${where}: bad button style`);
  }
  if (type === 'plain_text_input' && typeof el.max_length === 'number' && el.max_length > 3000) problems.push(`${where}: max_length over 3000`);
  if (type === 'checkboxes') {
    const options = (el.options as Obj[] | undefined) ?? [];
    if (options.length < 1 || options.length > 10) problems.push(`${where}: checkboxes need 1..10 options`);
    for (const o of options) if (textOf(o.text).length > 75) problems.push(`${where}: option text longer than 75`);
    const values = new Set(options.map((o) => o.value));
    for (const o of (el.initial_options as Obj[] | undefined) ?? []) {
      if (!values.has(o.value)) problems.push(`${where}: initial option ${String(o.value)} is not an option`);
    }
  }
  if (type === 'file_input' && el.max_files !== undefined && (Number(el.max_files) < 1 || Number(el.max_files) > 10)) {
    problems.push(`${where}: max_files must be 1..10`);
  }
}

function checkBlock(b: Obj, i: number, problems: string[], surface: 'message' | 'modal'): void {
  const where = `blocks[${i}]`;
  if (typeof b.block_id === 'string' && b.block_id.length > 255) problems.push(`${where}: block_id longer than 255`);
  switch (b.type) {
    case 'section': {
      const fields = (b.fields as Obj[] | undefined) ?? [];
      if (!b.text && fields.length === 0) problems.push(`${where}: section needs text or fields`);
      if (textOf(b.text).length > 3000) problems.push(`${where}: section text longer than 3000`);
      if (b.text && textOf(b.text).length === 0) problems.push(`${where}: section text is empty`);
      if (fields.length > 10) problems.push(`${where}: more than 10 fields`);
      for (const f of fields) if (textOf(f).length > 2000) problems.push(`${where}: field longer than 2000`);
      return;
    }
    case 'header':
      if (textOf(b.text).length > 150) problems.push(`${where}: header longer than 150`);
      return;
    case 'actions': {
      const elements = (b.elements as Obj[] | undefined) ?? [];
      if (elements.length < 1 || elements.length > 25) problems.push(`${where}: actions need 1..25 elements`);
      const ids = elements.map((e) => e.action_id).filter(Boolean);
      if (new Set(ids).size !== ids.length) problems.push(`${where}: action_id repeated within the block`);
      elements.forEach((e, j) => checkElement(e, `${where}.elements[${j}]`, problems));
      return;
    }
    case 'context': {
      const elements = (b.elements as Obj[] | undefined) ?? [];
      if (elements.length < 1 || elements.length > 10) problems.push(`${where}: context needs 1..10 elements`);
      return;
    }
    case 'image':
      // An image block takes either a public image_url or a slack_file ({ id } or { url }).
      if (b.slack_file !== undefined) {
        const f = b.slack_file as Obj;
        if (typeof f?.id !== 'string' && typeof f?.url !== 'string') problems.push(`${where}: slack_file needs an id or a url`);
      } else if (typeof b.image_url !== 'string' || !/^https?:\/\//.test(b.image_url)) problems.push(`${where}: image_url must be http(s)`);
      if (!b.alt_text || String(b.alt_text).length > 2000) problems.push(`${where}: alt_text required, up to 2000`);
      return;
    case 'input':
      if (surface !== 'modal') problems.push(`${where}: input blocks only in modals here`);
      if (!textOf(b.label) || textOf(b.label).length > 2000) problems.push(`${where}: input label required, up to 2000`);
      if (b.hint && textOf(b.hint).length > 2000) problems.push(`${where}: hint longer than 2000`);
      if (!b.element) problems.push(`${where}: input needs an element`);
      else checkElement(b.element as Obj, `${where}.element`, problems);
      return;
    case 'divider':
      return;
    default:
      problems.push(`${where}: unknown block type ${String(b.type)}`);
  }
}

export function validateBlocks(blocks: Obj[], surface: 'message' | 'modal' = 'message'): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  if (blocks.length > (surface === 'modal' ? 100 : 50)) problems.push(`too many blocks (${blocks.length})`);
  const ids = blocks.map((b) => b.block_id).filter(Boolean);
  if (new Set(ids).size !== ids.length) problems.push('block_id repeated');
  blocks.forEach((b, i) => checkBlock(b, i, problems, surface));
  return problems;
}

export function validateView(view: Obj): string[] {
  const problems: string[] = [];
  if (view.type !== 'modal') problems.push('view.type must be modal');
  for (const key of ['title', 'submit', 'close'] as const) {
    const text = textOf(view[key]);
    if (key === 'title' && !text) problems.push('view.title is required');
    if (text.length > 24) problems.push(`view.${key} longer than 24`);
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) problems.push('private_metadata longer than 3000');
  problems.push(...validateBlocks((view.blocks as Obj[] | undefined) ?? [], 'modal'));
  return problems;
}
