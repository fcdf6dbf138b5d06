import fs from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { normalizeToken, type SecretStore } from './secret-store.js';
import { diskError } from '../disk-error.js';

export interface FileSecretStoreOptions {
  /** The data directory; secrets go in `<dir>/secrets/` (mode 0700). */
  dir: string;
  /** Which secret: 'openscan' (default) or e.g. 'nodeodm-<profile>'. Letters, digits, '-', '_' only. */
  name?: string;
}

/**
 * A token in a file only the user can read (0600 in a 0700 folder), for web mode and the CLI where
 * no OS keychain is at hand. The bytes are XOR-scrambled and base64'd so the token does not show up
 * in a grep, a backup diff or over a shoulder. That is obfuscation, not encryption: describe() says
 * `encrypted: false`, and the file's permissions are the real protection. (On Windows, modes are not
 * enforced; the file sits in the user's profile, which is private by default.)
 */
export function createFileSecretStore(opts: FileSecretStoreOptions): SecretStore & { readonly path: string } {
  const name = opts.name ?? 'openscan';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new Error(`Invalid secret name "${name}".`);
  const folder = path.join(opts.dir, 'secrets');
  const file = path.join(folder, `${name}.json`);

  return {
    path: file,
    async get() {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw diskError(
          e,
          { file },
          `Cannot read the saved token (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
        );
      }
      // A damaged file means no usable token: the user is asked again, which is the safe outcome.
      try {
        const data = JSON.parse(text) as { v?: unknown; s?: unknown };
        if (data.v !== 1 || typeof data.s !== 'string') return undefined;
        return normalizeToken(unscramble(data.s));
      } catch {
        return undefined;
      }
    },
    async set(token) {
      const clean = normalizeToken(token);
      try {
        await fs.mkdir(folder, { recursive: true, mode: 0o700 });
        // mkdir's mode is masked by umask and ignored for an existing folder: enforce it.
        await fs.chmod(folder, 0o700);
        await writeFileAtomic(file, JSON.stringify({ v: 1, s: scramble(clean) }), { mode: 0o600 });
        await fs.chmod(file, 0o600);
      } catch (e) {
        throw diskError(e, { folder }, `Cannot save the token in "${folder}": ${(e as Error).message}`);
      }
    },
    async clear() {
      try {
        await fs.rm(file, { force: true });
      } catch (e) {
        throw diskError(e, { folder }, `Cannot remove the saved token "${file}": ${(e as Error).message}`);
      }
    },
    describe: () => ({
      encrypted: false,
      backend: 'file',
      persistent: true,
      note: 'The token is kept in a file only your user account can read; it is not encrypted.',
    }),
  };
}

// Fixed pad: the point is "not plain text on disk", not secrecy (see above).
const PAD = Buffer.from('ScanBridge/obfuscation-is-not-encryption');

function xor(buf: Buffer): Buffer {
  const out = Buffer.alloc(buf.length);
  for (let i = 0; i < buf.length; i++) out[i] = buf[i]! ^ PAD[i % PAD.length]!;
  return out;
}
function scramble(token: string): string {
  return xor(Buffer.from(token, 'utf8')).toString('base64');
}
function unscramble(s: string): string {
  return xor(Buffer.from(s, 'base64')).toString('utf8');
}
