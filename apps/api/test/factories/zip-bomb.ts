import { createDeflateRaw, crc32 } from 'node:zlib';

const deflated = new Map<number, Promise<{ data: Buffer; size: number; crc: number }>>();

/**
 * Deflated `megabytes` of "0" characters, streamed (the bomb never sits in memory unpacked), made
 * once per size and process: it is CPU work that a loaded machine should not repeat.
 */
function deflatedZeros(megabytes: number): Promise<{ data: Buffer; size: number; crc: number }> {
  let made = deflated.get(megabytes);
  if (!made) deflated.set(megabytes, (made = deflateZeros(megabytes)));
  return made;
}

async function deflateZeros(megabytes: number): Promise<{ data: Buffer; size: number; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024, 0x30);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), size: megabytes * chunk.length, crc };
}

/**
 * A decompression bomb dressed as an XLSX: a small workbook part and a worksheet of `megabytes`
 * of zeros that compresses a thousand times. `lying`: the archive declares 1 KB for it.
 */
export async function xlsxBomb(megabytes: number, lying = false): Promise<Buffer> {
  const sheet = await deflatedZeros(megabytes);
  const files = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from('<Types/>'),
      size: 8,
      crc: crc32('<Types/>'),
      method: 0,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheet.data,
      size: lying ? 1024 : sheet.size,
      crc: sheet.crc,
      method: 8,
    },
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(f.method, 8);
    local.writeUInt32LE(f.crc >>> 0, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(f.method, 10);
    central.writeUInt32LE(f.crc >>> 0, 16);
    central.writeUInt32LE(f.data.length, 20);
    central.writeUInt32LE(f.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, f.data);
    centrals.push(central, name);
    offset += 30 + name.length + f.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
