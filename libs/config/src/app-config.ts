import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, ValidateIf, validateSync } from 'class-validator';
import { withSecretFiles } from './secret-files';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : ['1', 'true', 'yes'].includes(String(value).toLowerCase())
      ? true
      : ['0', 'false', 'no'].includes(String(value).toLowerCase())
        ? false
        : value;

/** Everything the service reads from its environment, checked once at start. */
export class AppConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  @Transform(({ value }) => (value === undefined ? 3000 : Number(value)))
  PORT = 3000;

  @IsIn(['sqlite', 'postgres', 'eventstoredb'])
  CARETRAIL_STORE: 'sqlite' | 'postgres' | 'eventstoredb' = 'sqlite';

  @IsString()
  CARETRAIL_SQLITE_FILE = './data/caretrail.db';

  /** The event store on PostgreSQL; with eventstoredb, the database of its read models (and the projector's lease). */
  @ValidateIf((c: AppConfig) => c.CARETRAIL_STORE === 'postgres' || c.CARETRAIL_STORE === 'eventstoredb')
  @IsString({
    message: (args) =>
      `CARETRAIL_PG_URL must be set when CARETRAIL_STORE=${(args.object as AppConfig).CARETRAIL_STORE}` +
      ((args.object as AppConfig).CARETRAIL_STORE === 'eventstoredb' ? ' (its read models live in PostgreSQL)' : '') +
      ' (e.g. postgres://user@127.0.0.1:5432/caretrail)',
  })
  CARETRAIL_PG_URL?: string;

  @IsOptional()
  @IsString()
  CARETRAIL_PG_SCHEMA?: string;

  @ValidateIf((c: AppConfig) => c.CARETRAIL_STORE === 'eventstoredb')
  @Matches(/^(esdb|esdb\+discover):\/\/\S+$/, {
    message: 'CARETRAIL_ESDB_URL must be set when CARETRAIL_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)',
  })
  CARETRAIL_ESDB_URL?: string;

  /** Every CareTrail stream in EventStoreDB is named <prefix><stream id>; the feed is filtered to it. */
  @IsOptional()
  @Matches(/^[^$\s]\S*$/, { message: 'CARETRAIL_ESDB_PREFIX must be non-empty, without spaces, and not start with $' })
  CARETRAIL_ESDB_PREFIX?: string;

  /** 'oidc': bearer JWTs from CARETRAIL_OIDC_ISSUER; 'demo': the demo tokens, never in production. */
  @IsIn(['demo', 'oidc'])
  @ValidateBy({
    name: 'productionNeedsOidc',
    validator: {
      validate: (value, args) => (args?.object as AppConfig).NODE_ENV !== 'production' || value === 'oidc',
      defaultMessage: () =>
        "NODE_ENV=production needs real sign-in: set CARETRAIL_AUTH=oidc with CARETRAIL_OIDC_ISSUER and CARETRAIL_OIDC_AUDIENCE, and the pages' CARETRAIL_OIDC_CLIENT_ID, CARETRAIL_OIDC_CLIENT_SECRET and CARETRAIL_OIDC_REDIRECT_URL (demo sign-in is never accepted in production)",
    },
  })
  CARETRAIL_AUTH: 'demo' | 'oidc' = 'demo';

  /** The OpenID provider's issuer URL; its discovery document names the JWKS. */
  @ValidateIf((c: AppConfig) => c.CARETRAIL_AUTH === 'oidc')
  @Matches(/^https?:\/\/\S+$/, { message: 'CARETRAIL_OIDC_ISSUER must be set to the issuer URL when CARETRAIL_AUTH=oidc' })
  CARETRAIL_OIDC_ISSUER?: string;

  /** The audience access tokens must name (this API). */
  @ValidateIf((c: AppConfig) => c.CARETRAIL_AUTH === 'oidc')
  @IsString({ message: 'CARETRAIL_OIDC_AUDIENCE must be set when CARETRAIL_AUTH=oidc' })
  CARETRAIL_OIDC_AUDIENCE?: string;

  /** The pages' client at the issuer (authorization code with PKCE): its id, required with oidc. */
  @ValidateIf((c: AppConfig) => c.CARETRAIL_AUTH === 'oidc')
  @IsString({ message: "CARETRAIL_OIDC_CLIENT_ID must be set when CARETRAIL_AUTH=oidc (the pages' client id registered at the issuer)" })
  CARETRAIL_OIDC_CLIENT_ID?: string;

  /** The pages' client secret (or CARETRAIL_OIDC_CLIENT_SECRET_FILE), required with oidc. */
  @ValidateIf((c: AppConfig) => c.CARETRAIL_AUTH === 'oidc')
  @IsString({
    message:
      "CARETRAIL_OIDC_CLIENT_SECRET (or CARETRAIL_OIDC_CLIENT_SECRET_FILE) must be set when CARETRAIL_AUTH=oidc (the pages' client secret at the issuer)",
  })
  CARETRAIL_OIDC_CLIENT_SECRET?: string;

  /**
   * The public address of the pages (e.g. https://caretrail.example.gov.uk); the issuer sends people
   * back to <it>/app/sign-in/callback. Giving that full callback URL works too. HTTPS in production.
   */
  @ValidateIf((c: AppConfig) => c.CARETRAIL_AUTH === 'oidc')
  @Matches(/^https?:\/\/[^\s?#]+$/, {
    message:
      'CARETRAIL_OIDC_REDIRECT_URL must be set when CARETRAIL_AUTH=oidc to the public address of the pages, without query or fragment (e.g. https://caretrail.example.gov.uk; register <it>/app/sign-in/callback at the issuer)',
  })
  @ValidateBy({
    name: 'productionRedirectIsHttps',
    validator: {
      validate: (value, args) => (args?.object as AppConfig).NODE_ENV !== 'production' || String(value).startsWith('https://'),
      defaultMessage: () => 'CARETRAIL_OIDC_REDIRECT_URL must be an https:// address in production (the session cookie is Secure only over TLS)',
    },
  })
  CARETRAIL_OIDC_REDIRECT_URL?: string;

  /** What the pages ask the issuer for; must include openid (add the scope that releases the organisation and role claims). */
  @Matches(/(^|\s)openid(\s|$)/, { message: 'CARETRAIL_OIDC_SCOPE must include openid (e.g. "openid profile")' })
  CARETRAIL_OIDC_SCOPE = 'openid profile';

  /** How the pages' client proves itself at the token endpoint. */
  @IsIn(['client_secret_basic', 'client_secret_post'], { message: 'CARETRAIL_OIDC_CLIENT_AUTH must be client_secret_basic or client_secret_post' })
  CARETRAIL_OIDC_CLIENT_AUTH: 'client_secret_basic' | 'client_secret_post' = 'client_secret_basic';

  /** Claims that carry the organisation id, its kind (council, provider, regulator, admin), the role and the name. */
  @IsString()
  CARETRAIL_OIDC_ORG_CLAIM = 'org_id';

  @IsString()
  CARETRAIL_OIDC_ORG_KIND_CLAIM = 'org_kind';

  @IsString()
  CARETRAIL_OIDC_ROLE_CLAIM = 'role';

  @IsString()
  CARETRAIL_OIDC_NAME_CLAIM = 'name';

  /** How long fetched signing keys are trusted before they are fetched again (an unknown key id refetches sooner). */
  @IsInt()
  @Min(0)
  @Transform(({ value }) => (value === undefined ? 600000 : Number(value)))
  CARETRAIL_OIDC_JWKS_CACHE_MS = 600000;

  /** The least time between two fetches of the keys (so forged key ids cannot hammer the provider). */
  @IsInt()
  @Min(0)
  @Transform(({ value }) => (value === undefined ? 30000 : Number(value)))
  CARETRAIL_OIDC_JWKS_COOLDOWN_MS = 30000;

  /** Seed the demo story when the store is empty. */
  @IsBoolean()
  @Transform(toBoolean)
  CARETRAIL_SEED_DEMO = true;

  /** 'inline': the API runs the projections itself; 'external': a standalone projector does (apps/projector). */
  @IsIn(['inline', 'external'])
  CARETRAIL_PROJECTIONS: 'inline' | 'external' = 'inline';

  /** How long a query that asks to see a position (minPosition) waits before answering 503. */
  @IsInt()
  @Min(0)
  @Max(60000)
  @Transform(({ value }) => (value === undefined ? 5000 : Number(value)))
  CARETRAIL_READ_WAIT_MS = 5000;

  /** The deployment's Ed25519 key for evidence bundles; generated here on first start when missing. */
  @IsString()
  CARETRAIL_SIGNING_KEY_FILE = './data/signing-key.pem';

  /** Signs the pages' session cookies and CSRF tokens (at least 32 characters); required in production. */
  @ValidateIf((c: AppConfig) => c.NODE_ENV === 'production' || c.CARETRAIL_SESSION_SECRET !== undefined)
  @MinLength(32, { message: 'CARETRAIL_SESSION_SECRET (or CARETRAIL_SESSION_SECRET_FILE) must be set in production, at least 32 characters' })
  CARETRAIL_SESSION_SECRET?: string;

  /** Origins allowed to call the API from a browser, comma-separated; unset, no cross-origin call is allowed. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,]+(,\s*https?:\/\/[^\s,]+)*$/, { message: 'CARETRAIL_CORS_ORIGINS must be origins like https://a.example,https://b.example' })
  CARETRAIL_CORS_ORIGINS?: string;

  /** The largest request body accepted, in kilobytes; larger ones are answered 413. */
  @IsInt()
  @Min(1)
  @Max(102400)
  @Transform(({ value }) => (value === undefined ? 1024 : Number(value)))
  CARETRAIL_BODY_LIMIT_KB = 1024;

  /** Requests one person (or, signed out, one address) may make per window; more are answered 429. */
  @IsInt()
  @Min(1)
  @Transform(({ value }) => (value === undefined ? 600 : Number(value)))
  CARETRAIL_RATE_LIMIT = 600;

  @IsInt()
  @Min(1000)
  @Transform(({ value }) => (value === undefined ? 60000 : Number(value)))
  CARETRAIL_RATE_WINDOW_MS = 60000;

  /** Failed authentications (bad or missing bearer token, failed page sign-in) one client address may make per window; more are answered 429. */
  @IsInt()
  @Min(1)
  @Transform(({ value }) => (value === undefined ? 50 : Number(value)))
  CARETRAIL_AUTH_FAILURE_LIMIT = 50;

  @IsInt()
  @Min(1000)
  @Transform(({ value }) => (value === undefined ? 300000 : Number(value)))
  CARETRAIL_AUTH_FAILURE_WINDOW_MS = 300000;

  /**
   * The proxies in front of the service whose X-Forwarded-For is believed when telling client addresses
   * apart (Express's "trust proxy": a hop count, or comma-separated addresses, subnets or loopback,
   * linklocal, uniquelocal). Unset, the address is the connection's own.
   */
  @IsOptional()
  @Matches(/^(\d{1,2}|[0-9a-zA-Z.:/]+(\s*,\s*[0-9a-zA-Z.:/]+)*)$/, {
    message: 'CARETRAIL_TRUST_PROXY must be a hop count (e.g. 1) or addresses/subnets like 10.0.0.0/8,loopback',
  })
  CARETRAIL_TRUST_PROXY?: string;

  /** A signed-in page session ends after this long without a request (default 30 minutes). */
  @IsInt()
  @Min(1000)
  @Transform(({ value }) => (value === undefined ? 1800000 : Number(value)))
  CARETRAIL_SESSION_IDLE_TIMEOUT_MS = 1800000;

  /** A page session ends this long after sign-in, however busy (default 10 hours). */
  @IsInt()
  @Min(1000)
  @ValidateBy({
    name: 'absoluteNotBelowIdle',
    validator: {
      validate: (value, args) => Number(value) >= (args?.object as AppConfig).CARETRAIL_SESSION_IDLE_TIMEOUT_MS,
      defaultMessage: () => 'CARETRAIL_SESSION_ABSOLUTE_TIMEOUT_MS must not be shorter than CARETRAIL_SESSION_IDLE_TIMEOUT_MS',
    },
  })
  @Transform(({ value }) => (value === undefined ? 36000000 : Number(value)))
  CARETRAIL_SESSION_ABSOLUTE_TIMEOUT_MS = 36000000;

  /** How long a client may take to send a request's headers before the connection is closed (408). */
  @IsInt()
  @Min(100)
  @Transform(({ value }) => (value === undefined ? 10000 : Number(value)))
  CARETRAIL_HTTP_HEADERS_TIMEOUT_MS = 10000;

  /** How long a client may take to send a whole request, body included, before the connection is closed (408). */
  @IsInt()
  @Min(100)
  @ValidateBy({
    name: 'requestNotBelowHeaders',
    validator: {
      validate: (value, args) => Number(value) >= (args?.object as AppConfig).CARETRAIL_HTTP_HEADERS_TIMEOUT_MS,
      defaultMessage: () => 'CARETRAIL_HTTP_REQUEST_TIMEOUT_MS must not be shorter than CARETRAIL_HTTP_HEADERS_TIMEOUT_MS',
    },
  })
  @Transform(({ value }) => (value === undefined ? 30000 : Number(value)))
  CARETRAIL_HTTP_REQUEST_TIMEOUT_MS = 30000;

  /** How long an idle keep-alive connection is kept open for the client's next request. */
  @IsInt()
  @Min(100)
  @Transform(({ value }) => (value === undefined ? 5000 : Number(value)))
  CARETRAIL_HTTP_KEEP_ALIVE_TIMEOUT_MS = 5000;

  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the environment; the message names every bad variable and what it should be. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig()).concat(
    'CARETRAIL_PG_URL',
    'CARETRAIL_PG_SCHEMA',
    'CARETRAIL_ESDB_URL',
    'CARETRAIL_ESDB_PREFIX',
    'CARETRAIL_SESSION_SECRET',
    'CARETRAIL_CORS_ORIGINS',
    'CARETRAIL_OIDC_ISSUER',
    'CARETRAIL_OIDC_AUDIENCE',
    'CARETRAIL_OIDC_CLIENT_ID',
    'CARETRAIL_OIDC_CLIENT_SECRET',
    'CARETRAIL_OIDC_REDIRECT_URL',
    'CARETRAIL_TRUST_PROXY',
  );
  let withSecrets: NodeJS.ProcessEnv;
  try {
    withSecrets = withSecretFiles(env);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${(error as Error).message}`);
  }
  const raw = Object.fromEntries(Object.entries(withSecrets).filter(([k, v]) => known.includes(k) && v !== ''));
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
