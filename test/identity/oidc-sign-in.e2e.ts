import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { seedDemoStory, startTestApp, type TestApp } from '../support/test-app';
import { AUDIENCE, startTestIssuer, type TestIssuer } from './oidc-issuer';

const COUNCIL_CLAIMS = { org_id: DEMO_IDS.council, org_kind: 'council', role: 'qa_officer', name: 'Priya Shah' };
const OTHER_PROVIDER_CLAIMS = { org_id: DEMO_IDS.otherProvider, org_kind: 'provider', role: 'nominated_individual' };
const concern = `/concerns/${DEMO_IDS.documentationConcern}`;

describe('real sign-in: bearer JWTs from an OpenID provider (CARETRAIL_AUTH=oidc)', () => {
  let idp: TestIssuer;
  let t: TestApp;
  const get = (path: string, token: string) =>
    request(t.server as never)
      .get(path)
      .set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    idp = await startTestIssuer({ 'council-app': COUNCIL_CLAIMS, 'kestrel-app': OTHER_PROVIDER_CLAIMS, 'no-claims-app': {} });
    t = await startTestApp('sqlite', {
      CARETRAIL_AUTH: 'oidc',
      CARETRAIL_OIDC_ISSUER: idp.issuer,
      CARETRAIL_OIDC_AUDIENCE: AUDIENCE,
      CARETRAIL_OIDC_JWKS_COOLDOWN_MS: '0',
      // The pages' client (required with oidc); its sign-in is proven in oidc-web-sign-in.e2e.ts.
      CARETRAIL_OIDC_CLIENT_ID: 'caretrail-web',
      CARETRAIL_OIDC_CLIENT_SECRET: 'unused-here',
      CARETRAIL_OIDC_REDIRECT_URL: 'http://caretrail.test',
    });
    await seedDemoStory(t);
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it("accepts the provider's access token, with organisation and role from its claims", async () => {
    await get(concern, await idp.token('council-app')).expect(200);
    await get(concern, await idp.token('kestrel-app')).expect(404); // signed in, but a stranger to the record (docs/access.md)
  });

  it('refuses demo tokens, forged signatures, expired tokens, wrong audience or issuer, and missing claims', async () => {
    await get(concern, 'demo-council-officer').expect(401);
    const good = await idp.token('council-app');
    const [head, body] = good.split('.');
    await get(concern, `${head}.${body}.${Buffer.from('forged').toString('base64url')}`).expect(401);
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), org_id: DEMO_IDS.otherCouncil })).toString(
      'base64url',
    );
    await get(concern, `${head}.${tampered}.${good.split('.')[2]}`).expect(401);
    const expired = await get(concern, await idp.forge(COUNCIL_CLAIMS, { expiresAt: Math.floor(Date.now() / 1000) - 120 })).expect(401);
    expect(expired.body.detail).toMatch(/expired/);
    await get(concern, await idp.forge(COUNCIL_CLAIMS, { audience: 'https://someone-else.test' })).expect(401);
    await get(concern, await idp.forge(COUNCIL_CLAIMS, { issuer: 'https://evil.test' })).expect(401);
    const bare = await get(concern, await idp.token('no-claims-app')).expect(401);
    expect(bare.body.detail).toMatch(/org_id, org_kind .* and role claims/);
  });

  it('follows a key rotation without a restart', async () => {
    await get(concern, await idp.token('council-app')).expect(200);
    await idp.rotate();
    await get(concern, await idp.token('council-app')).expect(200);
  });
});
