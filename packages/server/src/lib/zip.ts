import yauzl from 'yauzl';

/** Why a ZIP (XLSX, DOCX) is refused before anything reads it. */
export class ZipRefused extends Error {
  constructor(
    readonly reason: 'too-large' | 'broken',
    /** Bytes declared or inflated when refused (too-large). */
    readonly bytes = 0,
  ) {
    super(reason === 'too-large' ? `unzips to more than allowed (${bytes} bytes)` : 'not a readable ZIP archive');
  }
}

/**
 * Walks a ZIP's parts before anything unzips it for real: at most `maxEntries` parts and `maxBytes`
 * declared in the central directory, and each part really inflating to no more than it declares
 * (yauzl stops a stream that exceeds its declared size), so a zip bomb is refused after inflating at
 * most the limit, in a stream, never held in memory. Returns the parts' names.
 */
export async function checkZipSize(bytes: Buffer, { maxBytes, maxEntries }: { maxBytes: number; maxEntries: number }): Promise<string[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
        err ? reject(err) : resolve(z),
      ),
    );
  } catch {
    throw new ZipRefused('broken');
  }
  const names: string[] = [];
  let declared = 0;
  let inflated = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        declared += entry.uncompressedSize;
        if (names.length > maxEntries || declared > maxBytes) return reject(new ZipRefused('too-large', declared));
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > maxBytes) {
              stream.destroy();
              reject(new ZipRefused('too-large', inflated));
            }
          });
          stream.on('error', reject);
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error instanceof ZipRefused ? error : new ZipRefused('broken');
  }
  return names;
}
