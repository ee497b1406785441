// read.mjs: reads every part of a golgi recording with hyparquet (a
// Parquet reader in JavaScript, from npm: not golgi's), printing one JSON
// line per part file: its path, key-value metadata, column names and
// rows. INT64 values are printed as strings (exact), doubles as JSON
// numbers (shortest form that reads back to the same double).
//
// usage: node read.mjs <node_modules dir holding hyparquet> <recording dir>
// Written for golgi's tests (simlib/recording/independent_test.go).
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [modules, dir] = process.argv.slice(2)
const hp = await import(pathToFileURL(join(modules, 'hyparquet', 'src', 'node.js')).href)

for (const table of ['spikes', 'state', 'rate', 'rate_updates', 'weights']) {
  let names = []
  try {
    names = readdirSync(join(dir, table)).filter((n) => /^part-[0-9]+\.parquet$/.test(n)).sort()
  } catch (e) {
    continue
  }
  for (const name of names) {
    const file = await hp.asyncBufferFromFile(join(dir, table, name))
    const meta = await hp.parquetMetadataAsync(file)
    const kv = {}
    for (const { key, value } of meta.key_value_metadata ?? []) kv[key] = value
    const columns = meta.schema.slice(1).map((s) => s.name)
    const rows = await new Promise((onComplete, reject) => {
      hp.parquetRead({ file, metadata: meta, rowFormat: 'array', onComplete }).catch(reject)
    })
    const out = rows.map((r) => r.map((v) => (typeof v === 'bigint' ? v.toString() : v)))
    console.log(JSON.stringify({ file: join(table, name), rows_in_footer: Number(meta.num_rows), kv, columns, rows: out }))
  }
}
