// A real OpenID Connect provider (the certified `oidc-provider` package) on your machine, to try and
// to test Control Room's single sign-on without an identity service. Development only: in-memory
// state, a signing key made at start, fixed passwords.
//
//   node scripts/oidc-dev-provider.mjs [-p 4000] [--app http://localhost:3000]
//
// Then start the app with OIDC_ISSUER=http://localhost:4000 OIDC_CLIENT_ID=control-room
// OIDC_CLIENT_SECRET=control-room-dev-secret OIDC_SCOPES="openid email profile groups"
// OIDC_ROLE_MAP="cr-admins=admin,cr-reviewers=reviewer" (README, "Single sign-on").
//
// Accounts (password `sso-password`): alice (group cr-admins), bob (cr-reviewers), carol (contractors,
// mapped to nothing). `alice+anything` signs in as a separate person with alice's groups
// (email alice+anything@sso.test), so repeated test runs on one database each meet a first login.
//
// Like Dex or Okta, the provider releases the `groups` claim only for the `groups` scope, and keeps
// the ID token thin (conformIdTokenClaims): email, name and groups come from the userinfo endpoint.
import crypto from "node:crypto";
import http from "node:http";
import Provider from "oidc-provider";

function argument(name, fallback) {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const port = Number(argument("-p", process.env.OIDC_DEV_PORT ?? 4000));
const appUrl = (argument("--app", process.env.OIDC_DEV_APP_URL ?? "http://localhost:3000")).replace(/\/$/, "");
const issuer = `http://localhost:${port}`;
const PASSWORD = "sso-password";
const accounts = {
  alice: { name: "Alice Admin", groups: ["cr-admins", "everyone"] },
  bob: { name: "Bob Reviewer", groups: ["cr-reviewers", "everyone"] },
  carol: { name: "Carol Contractor", groups: ["contractors"] },
};

// "alice+run1" → alice's account data under its own subject and email.
function accountFor(login) {
  const normalized = String(login ?? "").trim().toLowerCase();
  const base = normalized.split("+")[0];
  if (!accounts[base] || !/^[a-z0-9+._-]+$/.test(normalized)) return null;
  return { accountId: normalized, ...accounts[base] };
}

const signingKey = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_DEV_CLIENT_ID ?? "control-room",
      client_secret: process.env.OIDC_DEV_CLIENT_SECRET ?? "control-room-dev-secret",
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      post_logout_redirect_uris: [`${appUrl}/login`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  jwks: { keys: [{ ...signingKey, kid: "dev", alg: "RS256", use: "sig" }] },
  cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
  scopes: ["openid", "email", "profile", "groups"],
  claims: { email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  // One first-party client: no consent screen, every requested scope is granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.params.scope ?? "openid");
    await grant.save();
    return grant;
  },
  async findAccount(_ctx, id) {
    const account = accountFor(id);
    if (!account) return undefined;
    return {
      accountId: account.accountId,
      claims: async () => ({
        sub: account.accountId,
        email: `${account.accountId}@sso.test`,
        email_verified: true,
        name: account.name,
        groups: account.groups,
      }),
    };
  },
});

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, error) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dev SSO — sign in</title>
<style>body{font:16px system-ui,sans-serif;max-width:22rem;margin:4rem auto}label,input,button{display:block;width:100%;margin-top:.5rem}p[role=alert]{color:#b00020}</style>
</head><body><main><h1>Dev SSO</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="login">Username</label><input id="login" name="login" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Continue</button>
</form><p><small>alice, bob or carol (or alice+anything); password ${PASSWORD}</small></p></main></body></html>`;
}

async function readForm(request) {
  let body = "";
  for await (const chunk of request) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(request, response, uid, action) {
  const details = await provider.interactionDetails(request, response);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  if (request.method === "GET" && !action) {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    return response.end(loginPage(uid));
  }
  if (request.method === "POST" && action === "login") {
    const form = await readForm(request);
    const account = accountFor(form.get("login"));
    if (!account || form.get("password") !== PASSWORD) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      return response.end(loginPage(uid, "Unknown user or wrong password."));
    }
    return provider.interactionFinished(request, response, { login: { accountId: account.accountId } }, { mergeWithLastSubmission: false });
  }
  response.writeHead(405).end();
}

const callback = provider.callback();
http
  .createServer((request, response) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(new URL(request.url, issuer).pathname);
    if (!match) return callback(request, response);
    interaction(request, response, match[1], match[2]).catch((error) => {
      response.writeHead(400, { "content-type": "text/plain" });
      response.end(`Sign-in interaction failed: ${error.message}`);
    });
  })
  .listen(port, () => console.log(`dev OpenID Connect provider at ${issuer} for ${appUrl}`));
