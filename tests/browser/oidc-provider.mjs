// A real OpenID Connect provider on loopback for the single sign-on tests: panva's oidc-provider (OpenID Certified),
// with its development sign-in pages, where any login name signs in and becomes the account's e-mail address.
//
//   node oidc-provider.mjs '{"port": 0, "clients": [{"client_id": "...", "client_secret": "...", "redirect_uris": [...]}]}'
//
// Prints "listening <issuer>" once it answers. Claims: sub = the login name; email = the login name (or
// <login>@example.org without "@"); email_verified = true unless the login name starts with "unverified".
import { createServer } from "node:http";
import Provider from "oidc-provider";

const config = JSON.parse(process.argv[2] || "{}");
const server = createServer();
server.listen(config.port || 0, "127.0.0.1", () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: config.clients.map((client) => ({ grant_types: ["authorization_code"], response_types: ["code"], ...client })),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true, methods: ["S256"] },
    cookies: { keys: ["hyte-test-cookie-key"] },
    jwks: config.jwks,
    async findAccount(ctx, id) {
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: id.includes("@") ? id : `${id}@example.org`,
            email_verified: !id.startsWith("unverified"),
            name: id,
          };
        },
      };
    },
  });
  provider.on("server_error", (ctx, error) => console.error("server_error", error));
  server.on("request", provider.callback());
  console.log(`listening ${issuer}`);
});
