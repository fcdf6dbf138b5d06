/**
 * The specifics (detail + params, main/contract/error-details.ts) of the errors that had only a code:
 * made at their real throw sites (real files, real zips, real COLMAP where it is installed) and said
 * in German from the catalogue with none of the core's English.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SerializedErrorSchema, decodeReasons, encodeReasons } from '../contract/index.js';
import { errorSentences } from '../../renderer/i18n/format-error.js';
import { safeExtractZip } from './archive/safe-extract.js';
import { rawZip } from './archive/testing/raw-zip.js';
import { diskDetail, diskErrorWithSpace, freeBytes } from './disk-error.js';
import { ScanBridgeError, toSerializedError } from './errors.js';
import { unwrapDownloadLink } from './cloud/download-link.js';
import { planZip, validatePartSize } from './pack/plan.js';
import { statusError as nodeStatusError } from './nodeodm/errors.js';
import { lastErrorLine } from './nodeodm/status.js';
import { checkFreeSpace } from './local/results.js';
import { stepError } from './local/run-step.js';
import { tempDir } from './nodeodm/test-fixtures.js';
import { scanSources } from './photos/scan.js';
import { makeJpeg } from './photos/testing/make-jpeg.js';
import { openSettingsStore } from './settings/store.js';
import { classifyReply } from './cloud/classify.js';
import { normaliseBaseUrl } from './cloud/validate.js';
import { createJournal } from './jobs/journal.js';
import { validateProjectName } from './names/project-name.js';
import { statusError } from './net/range-download.js';
import { normalizeToken } from './settings/secret-store.js';
import { translator } from '../../renderer/i18n/testing/translator.js';

/** What the person reads, in German, from the error as it crosses the wire. */
async function german(e: unknown): Promise<string> {
  expect(e).toBeInstanceOf(ScanBridgeError);
  const wire = SerializedErrorSchema.parse(JSON.parse(JSON.stringify((e as ScanBridgeError).toJSON())));
  const said = errorSentences(await translator('de'), wire);
  expect(said.detail, `no German sentence for ${wire.code}.${wire.detail}`).toBeDefined();
  return said.detail ?? '';
}

const caught = async (p: Promise<unknown> | (() => unknown)): Promise<unknown> => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
};

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('errwords-')));
afterEach(async () => cleanup());

describe('no photos found: files looked at, counted by reason, the first names', () => {
  it('a folder of everything but photos', async () => {
    const set = path.join(dir, 'Scan');
    await mkdir(set);
    await writeFile(path.join(set, 'notes.txt'), 'hello, these are notes\n'.repeat(20));
    await writeFile(path.join(set, 'readme.txt'), 'more text\n'.repeat(20));
    await writeFile(path.join(set, 'empty.jpg'), '');
    await writeFile(path.join(set, 'doc.pdf'), '%PDF-1.4\n' + 'x'.repeat(400));
    await writeFile(path.join(set, '.hidden.jpg'), makeJpeg({ width: 64, height: 48 }));
    const e = await caught(scanSources([set]));
    expect((e as ScanBridgeError).code).toBe('INVALID_INPUT');
    expect((e as ScanBridgeError).detail).toMatchObject({ detail: 'noPhotos' });
    const params = (e as ScanBridgeError).detail?.params as Record<string, string | number>;
    expect(params.path).toBe(set);
    expect(params.count).toBe(5);
    expect(decodeReasons(String(params.reasons))).toEqual([
      { reason: 'notImage', count: 3 },
      { reason: 'empty', count: 1 },
      { reason: 'hidden', count: 1 },
    ]);
    expect(String(params.examples).split(', ')).toHaveLength(4); // three names and "…"
    const said = await german(e);
    expect(said).toContain(`In „${set}“ wurden keine Fotos gefunden. 5 Dateien geprüft: 3 sind keine Fotos`);
    expect(said).toContain('3 sind keine Fotos, 1 ist leer und 1 ist eine versteckte oder Systemdatei');
    expect(said).not.toMatch(/\b(files?|skipped|not accepted|photos)\b/);
    const english = errorSentences(await translator('en'), (e as ScanBridgeError).toJSON()).detail;
    expect(english).toContain('5 files looked at, 3 are not photos, 1 is empty, and 1 is a hidden');
  });

  it('the reasons list is data: unknown codes and bad counts are dropped, order by count', () => {
    expect(encodeReasons({ empty: 1, notImage: 8, format: 3 })).toBe('notImage:8,format:3,empty:1');
    expect(decodeReasons('notImage:2,evil:9,empty:x,format:-1,unsafe:1')).toEqual([
      { reason: 'notImage', count: 2 },
      { reason: 'unsafe', count: 1 },
    ]);
  });
});

describe('an unsafe result zip: which entry and why', () => {
  const refused = async (zip: Buffer, limits = {}) => {
    const file = path.join(dir, 'result.zip');
    await writeFile(file, zip);
    return (await caught(safeExtractZip(file, path.join(dir, 'out'), { limits }))) as ScanBridgeError;
  };

  it('".." climbing out', async () => {
    const e = await refused(rawZip([{ name: '../../evil.sh', data: Buffer.from('x') }]));
    expect(e.detail).toEqual({ detail: 'dotdot', params: { entry: '../../evil.sh' } });
    expect(await german(e)).toBe(
      'Das Ergebnis-ZIP enthält einen Eintrag „../../evil.sh“, der mit „..“ aus seinem Ordner herausführt.',
    );
  });

  it('an absolute path, a symbolic link', async () => {
    const abs = await refused(rawZip([{ name: '/etc/cron.d/x', data: Buffer.from('x') }]));
    expect(abs.detail).toEqual({ detail: 'absolute', params: { entry: '/etc/cron.d/x' } });
    const link = await refused(
      rawZip([{ name: 'model.obj', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]),
    );
    expect(link.detail).toEqual({ detail: 'symlink', params: { entry: 'model.obj' } });
    expect(await german(link)).toContain('symbolischen Link, „model.obj“');
  });

  it('too large to unpack: the sizes in German', async () => {
    const e = await refused(rawZip([{ name: 'big.bin', data: Buffer.alloc(5000) }]), { maxTotalBytes: 4000 });
    expect(e.detail).toEqual({ detail: 'tooLarge', params: { size: 5000, limit: 4000 } });
    expect(await german(e)).toBe(
      'Das Ergebnis-ZIP würde auf 5,00 KB entpacken, mehr als die erlaubten 4,00 KB.',
    );
  });

  it('not a zip at all: the file named', async () => {
    const e = await refused(Buffer.from('<html>not found</html>'));
    expect(e.detail).toEqual({ detail: 'notZip', params: { file: 'result.zip' } });
  });
});

describe('disk: which folder, and why by errno', () => {
  it('a data folder that cannot be made (part of its path is a file)', async () => {
    await writeFile(path.join(dir, 'blocker'), 'x');
    const where = path.join(dir, 'blocker', 'data');
    const e = (await caught(() => openSettingsStore({ dir: where }))) as ScanBridgeError;
    expect(e.code).toBe('DISK');
    expect(e.detail).toEqual({ detail: 'failed', params: { folder: where, errno: 'ENOTDIR' } });
    expect(await german(e)).toBe(
      `Das Schreiben in „${where}“ ist fehlgeschlagen (Fehler ENOTDIR). Prüfen Sie den Datenträger und versuchen Sie es erneut.`,
    );
  });

  it('not enough space: needed and free, measured on the real disk, in German digits', async () => {
    const photos = 10 ** 15; // a petabyte of photos: more than this disk has free
    const e = (await caught(checkFreeSpace(dir, photos))) as ScanBridgeError;
    expect(e.detail?.detail).toBe('fullNeeds');
    const p = e.detail?.params as { folder: string; needed: number; free: number };
    expect(p.folder).toBe(dir);
    expect(p.needed).toBe(2 * photos + 200_000_000);
    expect(p.free).toBeGreaterThan(0);
    expect(p.free).toBeLessThan(p.needed);
    expect(await german(e)).toMatch(/: 2\.000 TB werden gebraucht, [\d.,]+ [KMGT]?B sind frei\./);
  });

  it('a write that ran out of space: what it still needed and what the disk has free now', async () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const e = await diskErrorWithSpace(enospc, dir, 'The disk is full while writing "x".', 7_500_000_000);
    const free = await freeBytes(dir);
    expect(free).toBeGreaterThan(0);
    expect(e.detail?.detail).toBe('fullNeeds');
    expect(e.detail?.params).toMatchObject({ folder: dir, needed: 7_500_000_000 });
    expect(await german(e)).toContain('7,50 GB werden gebraucht');
    // Another errno is not "full": no figures.
    const eacces = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    expect((await diskErrorWithSpace(eacces, dir, 'x', 1)).detail).toEqual({
      detail: 'permission',
      params: { folder: dir },
    });
  });

  it('the errno decides: full, read-only, not permitted, reading', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(diskDetail(err('ENOSPC'), { folder: '/d' })).toEqual({ detail: 'full', params: { folder: '/d' } });
    expect(diskDetail(err('EROFS'), { file: '/d/x.zip' })).toEqual({
      detail: 'readOnly',
      params: { folder: '/d' },
    });
    expect(diskDetail(err('EACCES'), { folder: '/d' }).detail).toBe('permission');
    expect(diskDetail(err('EIO'), { file: 'Scan/IMG_1.jpg' })).toEqual({
      detail: 'read',
      params: { file: 'Scan/IMG_1.jpg', errno: 'EIO' },
    });
  });
});

describe('a failed COLMAP step: which step, exit code or signal, its last error line', () => {
  it('exit code and COLMAP’s ERROR line', async () => {
    const e = stepError(
      'mapper',
      1,
      null,
      [{ kind: 'error', message: 'No good initial image pair found.' }],
      [],
    );
    expect((e as ScanBridgeError).detail).toEqual({
      detail: 'exit',
      params: { step: 'mapper', exit: 1, said: 'No good initial image pair found.' },
    });
    expect(await german(e)).toBe(
      'COLMAP mapper endete mit dem Exit-Code 1. Sein letzter Fehler: „No good initial image pair found.“. Das Auftragsprotokoll enthält die ganze Ausgabe.',
    );
  });

  it('a signal with nothing said; a full disk names the workspace', () => {
    expect((stepError('patch_match_stereo', null, 'SIGKILL', [], []) as ScanBridgeError).detail).toEqual({
      detail: 'signalQuiet',
      params: { step: 'patch_match_stereo', signal: 'SIGKILL' },
    });
    const full = stepError('mapper', 1, null, [], ['No space left on device'], '/ws') as ScanBridgeError;
    expect(full.detail).toEqual({ detail: 'full', params: { folder: '/ws' } });
  });
});

describe('an unusable reply, a missing result, a busy data folder: which server, which call, which folder', () => {
  it('a web page where the API should answer (a Wi-Fi login page)', async () => {
    const { error } = classifyReply(
      { endpoint: 'getTokenInfo', host: 'cloud.example:8443' },
      { status: 200, body: '<html><title>Hotel Wi-Fi</title></html>', contentType: 'text/html' },
    ) as { error: ScanBridgeError };
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.detail).toEqual({
      detail: 'webPage',
      params: { server: 'cloud.example:8443', call: 'getTokenInfo' },
    });
    expect(await german(error)).toMatch(/^cloud\.example:8443 hat auf getTokenInfo mit einer Webseite/);
  });

  it('a result the server no longer has (HTTP 410), naming the server', async () => {
    const e = statusError(410, 'the result', {}, 'dl.example');
    expect(e.detail).toEqual({ detail: 'download', params: { server: 'dl.example', status: 410 } });
    expect(await german(e)).toContain('dl.example hat hier nichts zum Herunterladen (HTTP 410)');
  });

  it('a data folder another ScanBridge holds', async () => {
    const release = await createJournal(dir).lock();
    try {
      const e = (await caught(createJournal(dir).lock())) as ScanBridgeError;
      expect(e.detail).toEqual({ detail: 'folder', params: { folder: dir } });
      expect(await german(e)).toContain(`nutzt den Datenordner „${dir}“. Versuchen Sie es erneut`);
    } finally {
      await release();
    }
  });
});

describe('input a person typed: which field, what is wrong, never a zod message', () => {
  it('a project name with characters a name cannot have', async () => {
    const e = await caught(() => validateProjectName('Mein Scan #2'));
    expect((e as ScanBridgeError).detail).toEqual({ detail: 'nameChars', params: { chars: '␣ #' } });
    expect(await german(e)).toBe(
      'Der Projektname darf ␣ # nicht enthalten. Verwenden Sie Buchstaben, Ziffern, - und _.',
    );
  });

  it('a server address that is not one, a token that is empty, a mail that is not one', async () => {
    expect(((await caught(() => normaliseBaseUrl('ftp://files.example'))) as ScanBridgeError).detail).toEqual(
      {
        detail: 'address',
        params: { address: 'ftp://files.example' },
      },
    );
    expect(((await caught(() => normalizeToken(' \n '))) as ScanBridgeError).detail?.detail).toBe(
      'tokenEmpty',
    );
  });

  it('a setting with a bad value names the setting, not zod’s words', async () => {
    const store = openSettingsStore({ dir });
    const e = await caught(() => store.update({ downloadCapGB: -3 } as never));
    expect((e as ScanBridgeError).detail).toEqual({
      detail: 'setting',
      params: { setting: 'downloadCapGB' },
    });
    const said = await german(e);
    expect(said).toContain('„downloadCapGB“');
    expect(said).not.toMatch(/Too small|expected|number/i);
  });
});

describe('errors that reach the edge untyped, and download addresses', () => {
  it('an fs error nobody typed is still said as the disk’s: which folder, which errno', async () => {
    await writeFile(path.join(dir, 'file'), 'x');
    const target = path.join(dir, 'file', 'inner', 'x.txt');
    const raw = await caught(writeFile(target, 'y'));
    const wire = toSerializedError(raw);
    expect(wire).toMatchObject({
      code: 'DISK',
      detail: 'failed',
      params: { folder: path.dirname(target), errno: 'ENOTDIR' },
    });
    expect(toSerializedError(new TypeError('x is undefined'))).toMatchObject({ code: 'INTERNAL' });
    expect(toSerializedError(new TypeError('x')).detail).toBeUndefined();
  });

  it('a download link that is not a web address', async () => {
    const e = await caught(() => unwrapDownloadLink('javascript:alert(1)'));
    expect((e as ScanBridgeError).detail).toEqual({ detail: 'badLink', params: {} });
    expect(await german(e)).toBe('Der Download-Link der Cloud ist keine gültige Webadresse.');
  });
});

describe('a set the zip cannot hold', () => {
  it('two photos with the same name in the zip; a part size out of range (sizes in German)', async () => {
    const same = await caught(() =>
      planZip([
        { archiveName: 'IMG_1.jpg', size: 10, source: { kind: 'file', path: '/a' } },
        { archiveName: 'IMG_1.jpg', size: 10, source: { kind: 'file', path: '/b' } },
      ] as never),
    );
    expect((same as ScanBridgeError).detail).toEqual({ detail: 'sameName', params: { file: 'IMG_1.jpg' } });
    const part = await caught(() => validatePartSize(5));
    expect((part as ScanBridgeError).detail?.detail).toBe('partSize');
    expect(await german(part)).toMatch(/^Die Teilgröße muss zwischen 1,05 MB und [\d,]+ MB liegen\.$/);
  });
});

describe('a NodeODM node’s refusals name the node', () => {
  it('403, 413 and another 4xx', async () => {
    const ctx = { what: 'the photo upload', node: 'lab.example:3000' };
    expect(nodeStatusError(403, '', ctx).detail).toEqual({
      detail: 'status',
      params: { server: 'lab.example:3000', status: 403 },
    });
    const big = nodeStatusError(413, '', ctx);
    expect(big.detail).toEqual({ detail: 'tooLargeForNode', params: { server: 'lab.example:3000' } });
    expect(await german(big)).toMatch(/^Der Knoten lab\.example:3000 \(oder ein Proxy davor\)/);
    expect(nodeStatusError(409, 'busy', ctx).detail).toEqual({
      detail: 'nodeStatus',
      params: { server: 'lab.example:3000', status: 409 },
    });
  });
});

describe('a failed ODM task: the console line that says why', () => {
  it('ODM’s [ERROR] line wins over the traceback after it; else the last line naming an error', () => {
    expect(
      lastErrorLine([
        'Running ODM Meshing Cell',
        '[ERROR]   Not enough photos with GPS\n',
        '===== Dumping Info for Geeks =====',
        'Exception: Child returned 1',
      ]),
    ).toBe('Not enough photos with GPS');
    expect(lastErrorLine(['ok', 'RuntimeError: out of memory\u001b[0m', 'done'])).toBe(
      'RuntimeError: out of memory',
    );
    expect(lastErrorLine(['all fine', 'still fine'])).toBeUndefined();
  });
});
