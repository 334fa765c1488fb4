import { describe, expect, it } from '@jest/globals';
import { AppConfig } from './app-config';
import { ConfigError, parseEnv } from './env.schema';

describe('parseEnv', () => {
  it('applies defaults to an empty environment', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      NODE_ENV: 'development',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });

  it.each([
    [{ DATABASE_URL: 'nonsense' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ALLOWED_ORIGINS: 'https://ok.example, not an origin' }, 'ALLOWED_ORIGINS'],
    [{ LIVE_MAX_MESSAGE_BYTES: '12' }, 'LIVE_MAX_MESSAGE_BYTES'],
    [{ REDIS_URL: 'nonsense' }, 'REDIS_URL'],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL'],
    [
      { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CHANNEL_PREFIX: 'met spaties' },
      'REDIS_CHANNEL_PREFIX',
    ],
  ])('refuses %j naming %s', (source, variable) => {
    let error: unknown;
    try {
      parseEnv(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(
      new RegExp(`^Invalid configuration: ${variable} `),
    );
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('accepts a PostgreSQL URL and selects that engine', () => {
    const config = new AppConfig(
      parseEnv({ DATABASE_URL: 'postgres://user@127.0.0.1:5432/casustafel' }),
    );
    expect(config.database).toEqual({
      engine: 'postgres',
      url: 'postgres://user@127.0.0.1:5432/casustafel',
    });
  });

  it('connects instances through Redis only when REDIS_URL is set', () => {
    expect(new AppConfig(parseEnv({})).redis).toBeNull();
    expect(
      new AppConfig(parseEnv({ REDIS_URL: 'redis://:secret@redis.internal:6380/0' })).redis,
    ).toEqual({ url: 'redis://:secret@redis.internal:6380/0', channelPrefix: 'casustafel' });
    expect(
      new AppConfig(
        parseEnv({ REDIS_URL: 'rediss://redis.internal', REDIS_CHANNEL_PREFIX: 'cst-a' }),
      ).redis,
    ).toEqual({ url: 'rediss://redis.internal', channelPrefix: 'cst-a' });
  });

  it('takes READY_DETAILS_TOKEN (32+ characters) for monitoring to read readiness details', () => {
    expect(new AppConfig(parseEnv({})).readyDetailsToken).toBeNull();
    const token = 'r'.repeat(32);
    expect(new AppConfig(parseEnv({ READY_DETAILS_TOKEN: token })).readyDetailsToken).toBe(token);
    expect(() => parseEnv({ READY_DETAILS_TOKEN: 'short' })).toThrow(
      'Invalid configuration: READY_DETAILS_TOKEN must be at least 32 characters',
    );
  });

  it('shows a dropped member as reconnecting for at most 10 s (LIVE_PRESENCE_GRACE_MS)', () => {
    expect(new AppConfig(parseEnv({})).livePresenceGraceMs).toBe(8_000);
    expect(new AppConfig(parseEnv({ LIVE_PRESENCE_GRACE_MS: '300' })).livePresenceGraceMs).toBe(
      300,
    );
    expect(() => parseEnv({ LIVE_PRESENCE_GRACE_MS: '20000' })).toThrow(
      'Invalid configuration: LIVE_PRESENCE_GRACE_MS must be at most 10000',
    );
  });

  it('stores the embedded database under DATA_DIR and allows the own origin by default', () => {
    const config = new AppConfig(parseEnv({ DATA_DIR: '/srv/casustafel', PORT: '4000' }));
    expect(config.database).toEqual({ engine: 'pglite', dataDir: '/srv/casustafel/pglite' });
    expect(config.allowedOrigins).toEqual(['http://localhost:4000', 'http://127.0.0.1:4000']);
  });
  it('serves metrics only when METRICS_PORT or METRICS_TOKEN is set, and checks both', () => {
    expect(new AppConfig(parseEnv({})).metrics).toEqual({ port: null, token: null });
    const token = 'a'.repeat(40);
    expect(new AppConfig(parseEnv({ METRICS_PORT: '9464', METRICS_TOKEN: token })).metrics).toEqual(
      { port: 9464, token },
    );
    expect(() => parseEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => parseEnv({ METRICS_TOKEN: `${'a'.repeat(32)} b` })).toThrow(/METRICS_TOKEN/);
    expect(() => parseEnv({ METRICS_PORT: 'x' })).toThrow(/METRICS_PORT/);
    expect(() => parseEnv({ PORT: '4000', METRICS_PORT: '4000' })).toThrow(
      'Invalid configuration: METRICS_PORT must differ from PORT',
    );
  });

  it('caps live connections per account (default 10, 1 to 1000)', () => {
    expect(new AppConfig(parseEnv({})).liveSocketsPerUser).toBe(10);
    expect(new AppConfig(parseEnv({ LIVE_SOCKETS_PER_USER: '3' })).liveSocketsPerUser).toBe(3);
    expect(() => parseEnv({ LIVE_SOCKETS_PER_USER: '0' })).toThrow(/LIVE_SOCKETS_PER_USER/);
    expect(() => parseEnv({ LIVE_SOCKETS_PER_USER: '1001' })).toThrow(/LIVE_SOCKETS_PER_USER/);
  });
});
