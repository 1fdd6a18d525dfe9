import { ConfigError, loadConfig } from './app-config';

describe('store selection in the configuration', () => {
  it('accepts EventStoreDB with its URL and a PostgreSQL URL for the read models', () => {
    const config = loadConfig({
      CARETRAIL_STORE: 'eventstoredb',
      CARETRAIL_ESDB_URL: 'esdb://kurrentdb:2113?tls=false',
      CARETRAIL_PG_URL: 'postgres://ct@db/ct',
      CARETRAIL_ESDB_PREFIX: 'council-a.',
    });
    expect(config).toMatchObject({
      CARETRAIL_STORE: 'eventstoredb',
      CARETRAIL_ESDB_URL: 'esdb://kurrentdb:2113?tls=false',
      CARETRAIL_ESDB_PREFIX: 'council-a.',
    });
    expect(
      loadConfig({ CARETRAIL_STORE: 'eventstoredb', CARETRAIL_ESDB_URL: 'esdb://a:2113,b:2113,c:2113?tls=false', CARETRAIL_PG_URL: 'postgres://db/ct' })
        .CARETRAIL_ESDB_PREFIX,
    ).toBeUndefined();
  });

  it('names both missing URLs when EventStoreDB is chosen without them', () => {
    let error: unknown;
    try {
      loadConfig({ CARETRAIL_STORE: 'eventstoredb' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/CARETRAIL_ESDB_URL must be set when CARETRAIL_STORE=eventstoredb/);
    expect((error as Error).message).toMatch(/CARETRAIL_PG_URL must be set when CARETRAIL_STORE=eventstoredb \(its read models live in PostgreSQL\)/);
  });

  it('refuses a URL that is not esdb:// and a prefix that is empty-ish or a system name', () => {
    const base = { CARETRAIL_STORE: 'eventstoredb', CARETRAIL_PG_URL: 'postgres://db/ct' };
    expect(() => loadConfig({ ...base, CARETRAIL_ESDB_URL: 'http://kurrentdb:2113' })).toThrow(/CARETRAIL_ESDB_URL/);
    expect(() => loadConfig({ ...base, CARETRAIL_ESDB_URL: 'esdb://k:2113', CARETRAIL_ESDB_PREFIX: '$ce-' })).toThrow(/CARETRAIL_ESDB_PREFIX/);
    expect(() => loadConfig({ ...base, CARETRAIL_ESDB_URL: 'esdb://k:2113', CARETRAIL_ESDB_PREFIX: 'a b' })).toThrow(/CARETRAIL_ESDB_PREFIX/);
  });

  it('still asks for CARETRAIL_PG_URL with the PostgreSQL store, and for nothing with SQLite', () => {
    expect(() => loadConfig({ CARETRAIL_STORE: 'postgres' })).toThrow(/CARETRAIL_PG_URL must be set when CARETRAIL_STORE=postgres \(e\.g\./);
    expect(loadConfig({}).CARETRAIL_STORE).toBe('sqlite');
  });
});
