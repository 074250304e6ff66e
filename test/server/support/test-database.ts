import pg from "pg";

/**
 * PostgreSQL for the tests: the server `scripts/with-test-services.sh` starts (CI provides one
 * too). Missing, the tests that need it fail rather than skip.
 */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      "TEST_DATABASE_URL is not set: the PostgreSQL tests need a server (run `npm test`, which starts one, or set it)",
    );
  return url;
}

/** A schema name of its own for each run and file, so concurrent runs never collide. */
export const uniqueSchema = () => `mp_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;

export async function createSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.end();
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

/** The URL with a search path, as a server instance would be given it in DATABASE_URL. */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}
