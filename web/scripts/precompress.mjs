// Writes FILE.gz beside each text file of the build, so `truce serve`
// sends compressed bytes without compressing on every request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] || process.env.TRUCE_WEB_OUT || 'dist';
const textLike = /\.(html|js|mjs|css|json|svg|txt|map)$/;

function walk(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (textLike.test(name)) {
      const raw = readFileSync(p);
      const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION, mtime: 0 });
      if (gz.length < raw.length) writeFileSync(p + '.gz', gz);
    }
  }
}
walk(dir);
