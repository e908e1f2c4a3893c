using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Browser;

/// <summary>How the server serves the web page (issue 8): static files, security headers, nothing from elsewhere.</summary>
public sealed partial class WebPageServerTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [GeneratedRegex(""""(?:src|href)="([^"]+)"""")]
    private static partial Regex HtmlReference();

    [GeneratedRegex("""(?:import|from)\s+'([^']+)'""")]
    private static partial Regex ModuleImport();

    [Fact]
    public async Task The_page_is_served_at_the_root_with_a_strict_content_security_policy_and_no_inline_script()
    {
        using HttpClient http = fixture.Server.CreateHttpClient();

        HttpResponseMessage page = await http.GetAsync("/", TestContext.Current.CancellationToken);
        string html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        string csp = page.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/js/main.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase), html); // no inline script
        Assert.DoesNotMatch(new Regex("\\son[a-z]+=", RegexOptions.IgnoreCase), html);                  // no inline handlers
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        foreach (string directive in new[] { "default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'" })
        {
            Assert.Contains(directive, csp, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains($"ws://{fixture.Server.BaseAddress.Authority}", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-cache", page.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Every_file_the_page_loads_comes_from_this_server_with_its_type_and_none_names_another_origin()
    {
        using HttpClient http = fixture.Server.CreateHttpClient();
        var pending = new Queue<string>(["/"]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out string? path))
        {
            if (!seen.Add(path))
            {
                continue;
            }
            HttpResponseMessage response = await http.GetAsync(path, TestContext.Current.CancellationToken);
            string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            string expectedType = Path.GetExtension(path) switch
            {
                ".js" => "text/javascript",
                ".css" => "text/css",
                ".svg" => "image/svg+xml",
                _ => "text/html",
            };
            Assert.Equal(expectedType, response.Content.Headers.ContentType!.MediaType);
            Assert.DoesNotMatch(new Regex("https?://(?!www\\.w3\\.org/2000/svg)", RegexOptions.IgnoreCase), body); // no CDN, no other origin (an SVG's xmlns is a name, not a load)
            IEnumerable<string> references = path.EndsWith(".js", StringComparison.Ordinal)
                ? ModuleImport().Matches(body).Select(m => new Uri(new Uri("http://page" + path), m.Groups[1].Value).AbsolutePath)
                : path == "/" ? HtmlReference().Matches(body).Select(m => m.Groups[1].Value).Where(r => r.StartsWith('/') && r != "/docs") : [];
            foreach (string reference in references)
            {
                pending.Enqueue(reference);
            }
        }
        // The shell, its stylesheet and icon, and every view module were reached through imports.
        Assert.Contains("/app.css", seen);
        Assert.Contains("/favicon.svg", seen);
        Assert.Contains("/js/views/game.js", seen);
        Assert.Contains("/js/views/admin.js", seen);
        Assert.True(seen.Count >= 14, string.Join(", ", seen));
    }

    [Fact]
    public async Task Api_responses_carry_the_protective_headers_but_no_page_policy_and_the_api_reference_still_loads()
    {
        using HttpClient http = fixture.Server.CreateHttpClient();

        HttpResponseMessage health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        HttpResponseMessage unauthorized = await http.GetAsync("/user/getMe", TestContext.Current.CancellationToken);
        HttpResponseMessage docs = await http.GetAsync("/docs/", TestContext.Current.CancellationToken);
        HttpResponseMessage missing = await http.GetAsync("/js/no-such-module.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("InvalidCredentials", JsonNode.Parse(await unauthorized.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        foreach (HttpResponseMessage response in new[] { health, unauthorized, docs, missing })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.False(response.Headers.Contains("Content-Security-Policy"), response.RequestMessage!.RequestUri!.ToString());
        }
    }

    [Fact]
    public async Task A_websocket_that_authenticates_with_the_cookie_is_accepted_from_the_page_itself_and_refused_from_another_origin()
    {
        ExchangeSetup.User alice = await fixture.CreateUserAsync();
        using HttpClient http = fixture.Server.CreateHttpClient();
        HttpResponseMessage login = await http.PostAsJsonAsync("/user/login", new { username = alice.Username, password = alice.Password }, TestContext.Current.CancellationToken);
        string cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auth=", StringComparison.Ordinal)).Split(';')[0];
        string own = $"http://{fixture.Server.BaseAddress.Authority}";
        string sameSite = $"http://{fixture.Server.BaseAddress.Host}:1"; // another port of the same host: same site, so the browser sends the cookie

        foreach (string path in new[] { "/v2/user", "/price-stream", "/orders/ws" })
        {
            Assert.Null(await UpgradeAsync(path, cookie, own, authorization: null));
            Assert.Equal(403, await UpgradeAsync(path, cookie, sameSite, authorization: null));
            Assert.Equal(403, await UpgradeAsync(path, cookie, "https://evil.example", authorization: null));
            // Bots: the Authorization header decides, whatever the origin (as before); no origin at all is no browser.
            Assert.Null(await UpgradeAsync(path, cookie: null, "https://evil.example", authorization: alice.Client.Token));
            Assert.Null(await UpgradeAsync(path, cookie, origin: null, authorization: null));
        }
    }

    /// <summary>The status of a refused upgrade, or null when it was accepted.</summary>
    private async Task<int?> UpgradeAsync(string path, string? cookie, string? origin, string? authorization)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (cookie is not null)
        {
            socket.Options.SetRequestHeader("Cookie", cookie);
        }
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        if (authorization is not null)
        {
            socket.Options.SetRequestHeader("Authorization", authorization);
        }
        try
        {
            await socket.ConnectAsync(new UriBuilder(fixture.Server.BaseAddress) { Scheme = "ws", Path = path }.Uri, TestContext.Current.CancellationToken);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, TestContext.Current.CancellationToken);
            return null;
        }
        catch (WebSocketException)
        {
            return (int)socket.HttpStatusCode;
        }
    }

    [Fact]
    public async Task Live_delays_give_each_leagues_bet_delay_in_seconds_and_the_default_for_the_rest()
    {
        await fixture.CreateGameAsync(league: "TESTLIVE");
        await fixture.CreateGameAsync(league: "CURLING");
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response response = await user.Client.GetAsync("/exchange/getLiveDelays");
        OpenLineClient.Response anonymous = await new OpenLineClient(fixture.Server.CreateHttpClient()).GetAsync("/exchange/getLiveDelays");

        JsonNode data = response.Data;
        Assert.Equal(10m, data["defaultSeconds"]!.GetValue<decimal>());
        Assert.Equal(ServerFixture.TestLiveDelaySeconds, data["leagues"]!["TESTLIVE"]!.GetValue<decimal>()); // configured
        Assert.Equal(10m, data["leagues"]!["CURLING"]!.GetValue<decimal>());                              // a game's league without its own delay
        Assert.Equal(5m, data["leagues"]!["NBA"]!.GetValue<decimal>());                                   // rules §6
        Assert.Equal(3m, data["leagues"]!["NFL"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
    }
}
