import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundaryOf, parseMultipart } from './multipart.js';

function body(boundary: string, parts: { name: string; filename?: string; data: Buffer }[]): Buffer {
  const chunks: Buffer[] = [Buffer.from('preamble to ignore\r\n')];
  for (const p of parts) {
    const fn = p.filename !== undefined ? `; filename="${p.filename}"` : '';
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${fn}\r\n\r\n`),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

async function parse(buf: Buffer, boundary: string, cuts: number[]) {
  const pieces: Buffer[] = [];
  let prev = 0;
  for (const c of [...new Set(cuts.map((x) => x % (buf.length + 1)))].sort((a, b) => a - b)) {
    pieces.push(buf.subarray(prev, c));
    prev = c;
  }
  pieces.push(buf.subarray(prev));
  const files: Record<string, Buffer[]> = {};
  const fields: Record<string, string> = {};
  await parseMultipart(
    (async function* () {
      for (const p of pieces) if (p.length) yield p;
    })(),
    boundary,
    {
      onField: (k, v) => (fields[k] = v),
      onFile: (_f, name) => {
        files[name] = [];
        return { write: (c) => void files[name]?.push(Buffer.from(c)), end: () => undefined };
      },
    },
  );
  return { fields, files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.concat(v)])) };
}

describe('parseMultipart', () => {
  it('reads the boundary from the content type', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc123')).toBe('abc123');
    expect(boundaryOf('multipart/form-data; boundary="q b"')).toBe('q b');
    expect(boundaryOf('application/json')).toBeUndefined();
  });

  it('fuzz: yields the same fields and files however the body is split into chunks', async () => {
    const boundary = '----B0und4ry';
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (a, b, cuts) => {
          // Bytes that look like the delimiter's start must survive too.
          const tricky = Buffer.concat([
            Buffer.from(a),
            Buffer.from(`\r\n--${boundary.slice(0, 6)}`),
            Buffer.from(b),
          ]);
          const buf = body(boundary, [
            { name: 'name', data: Buffer.from('task') },
            { name: 'images', filename: 'A.jpg', data: tricky },
            { name: 'images', filename: 'B.jpg', data: Buffer.from(b) },
          ]);
          const out = await parse(buf, boundary, cuts);
          expect(out.fields).toEqual({ name: 'task' });
          expect(out.files['A.jpg']?.equals(tricky)).toBe(true);
          expect(out.files['B.jpg']?.equals(Buffer.from(b))).toBe(true);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
  });

  it('rejects a body that ends before its closing boundary', async () => {
    const buf = body('xyz', [{ name: 'images', filename: 'a.jpg', data: Buffer.alloc(100) }]);
    await expect(parse(buf.subarray(0, buf.length - 10), 'xyz', [])).rejects.toThrow(/ended before/);
  });
});
