/**
 * A real OIDC provider (oidc-provider 8) in a process of its own, for the single sign-on tests
 * (decision 0059). Started by test/oidc.ts with its setup in OIDC_TEST_SETUP (JSON):
 *   now       the instant the provider's clock starts at (the tests' clock), then moving with the machine's
 *   clients   the registered clients (client_id, client_secret, redirect_uris)
 *   accounts  account id → extra claims (preferred_username defaults to the account id)
 *   wrongAudience  client ids whose ID tokens name another audience ("en-annan-tjanst"):
 *             the misconfigured provider a wrong-audience test needs
 * Logging in needs no browser: the provider's development interactions take any account id as
 * `login` (POST /interaction/:uid, prompt=login), and every client's grant is given without a
 * consent page. Prints {"issuer": "..."} once it listens.
 */
import http from "node:http";

const setup = JSON.parse(process.env.OIDC_TEST_SETUP ?? "{}");

// The provider's clock is the tests' clock: tokens are issued, and expire, in the tests' time.
const RealDate = Date;
const offset = RealDate.parse(setup.now) - RealDate.now();
class TestDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}
globalThis.Date = TestDate;

const { default: Provider } = await import("oidc-provider");

const server = http.createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const accounts = setup.accounts ?? {};
const provider = new Provider(issuer, {
  clients: (setup.clients ?? []).map((c) => ({ grant_types: ["authorization_code"], response_types: ["code"], ...c })),
  cookies: { keys: ["sofia-test-cookie-key"] },
  claims: { openid: ["sub"], profile: ["preferred_username", "name", "groups"] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  ttl: { AccessToken: 3600, AuthorizationCode: 600, Grant: 3600, IdToken: 3600, Interaction: 3600, Session: 3600 },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, preferred_username: id, ...(accounts[id] ?? {}) };
      },
    };
  },
  // First-party clients: the grant is given without a consent page.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid profile");
    await grant.save();
    return grant;
  },
});

const wrongAudience = new Set(setup.wrongAudience ?? []);
const issue = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = async function issueWithAudience(options) {
  if (!wrongAudience.has(this.client?.clientId)) return issue.call(this, options);
  const client = this.client;
  // The same client, but named another one: the token's `aud` is a service that is not Sofia.
  this.client = Object.create(client, { clientId: { value: "en-annan-tjanst" } });
  try {
    return await issue.call(this, options);
  } finally {
    this.client = client;
  }
};

server.on("request", provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
