/**
 * Byte-exact multipart/form-data reader for the X fake: field name -> raw bytes.
 * twitter-api-v2 sends the media chunk as a plain field (no filename), and the Fetch
 * `Request.formData()` that the other fakes use (test/fakes/form-data.ts) decodes such a
 * field as UTF-8 text, which corrupts binary bytes. X itself reads them raw, so this fake must.
 */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const fields = new Map<string, Buffer>();
  if (!boundary) return fields;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // Part = CRLF headers CRLF CRLF content CRLF
    const part = body.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    if (name) fields.set(name, Buffer.from(part.subarray(headerEnd + 4)));
    pos = next;
  }
  return fields;
}
