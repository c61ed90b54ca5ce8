/**
 * Runs before every test file: no test may reach beyond 127.0.0.1, so proxy variables and credentials
 * inherited from the machine are removed (tests that need them set their own).
 */
for (const name of [
  "HTTP_PROXY",
  "http_proxy",
  "HTTPS_PROXY",
  "https_proxy",
  "NO_PROXY",
  "no_proxy",
  "TENCENTCLOUD_SECRET_ID",
  "TENCENTCLOUD_SECRET_KEY",
  "TENCENTCLOUD_SESSION_TOKEN",
  "TENCENTCLOUD_PROFILE",
]) {
  delete process.env[name];
}
