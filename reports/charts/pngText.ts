import { crc32 } from 'node:zlib';

const SIGNATURE_AND_IHDR = 8 + 4 + 4 + 13 + 4;

/** The PNG with a tEXt chunk `keyword` = `text` right after its header (Latin-1 text, as PNG requires). */
export function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  if (png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG: no IHDR chunk first');
  const type = Buffer.from('tEXt', 'latin1');
  const data = Buffer.from(`${keyword}\0${text}`, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0);
  return Buffer.concat([png.subarray(0, SIGNATURE_AND_IHDR), length, type, data, crc, png.subarray(SIGNATURE_AND_IHDR)]);
}

/** The text of the PNG's tEXt chunk `keyword`, or null. */
export function pngText(png: Buffer, keyword: string): string | null {
  let at = 8;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + length).toString('latin1');
      const nul = data.indexOf('\0');
      if (data.slice(0, nul) === keyword) return data.slice(nul + 1);
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return null;
}
