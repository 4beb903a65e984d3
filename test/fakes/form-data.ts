/** One part of a multipart/form-data body: a text field, or a file with its name. */
export interface FormPart {
  name: string;
  filename?: string;
  data: Buffer;
}

/**
 * Reads a multipart/form-data body with the platform's own Fetch `Request.formData()`
 * (undici), the same parser a real server stack would use, instead of a hand-written one.
 */
export async function readMultipart(body: Buffer, contentType: string): Promise<FormPart[]> {
  const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
  const parts: FormPart[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') parts.push({ name, data: Buffer.from(value, 'utf8') });
    else parts.push({ name, filename: value.name, data: Buffer.from(await value.arrayBuffer()) });
  }
  return parts;
}
