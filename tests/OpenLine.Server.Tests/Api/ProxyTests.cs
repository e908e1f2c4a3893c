using System.Net;
using System.Net.Http.Json;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>Behind a reverse proxy (<c>OpenLine:TrustedProxies</c>): forwarded client IPs and HTTPS are believed from it, and from nobody else.</summary>
public sealed class ProxyTests
{
    private static async Task<(TestServer Server, HttpClient Http)> StartAsync(params string[] settings)
    {
        TestServer server = await TestServer.StartAsync(["--OpenLine:LoginFailuresPerIp=2", "--OpenLine:LoginFailuresPerAccount=0", .. settings]);
        await server.AddUserAsync("proxied", "proxied-password");
        return (server, server.CreateHttpClient());
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient http, string password, string clientIp, string? proto = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/user/login")
        {
            Content = JsonContent.Create(new { username = "proxied", password }),
        };
        request.Headers.Add("X-Forwarded-For", clientIp);
        if (proto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", proto);
        }
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_limits_count_the_forwarded_client_and_cookies_are_secure_over_https()
    {
        (TestServer server, HttpClient http) = await StartAsync("--OpenLine:TrustedProxies:0=127.0.0.1");
        await using TestServer owned = server;

        await LoginAsync(http, "wrong-1", "203.0.113.5");
        await LoginAsync(http, "wrong-2", "203.0.113.5");
        using HttpResponseMessage throttled = await LoginAsync(http, "proxied-password", "203.0.113.5");
        using HttpResponseMessage other = await LoginAsync(http, "proxied-password", "198.51.100.7", proto: "https");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode); // another client behind the same proxy
        Assert.Contains(other.Headers.GetValues("Set-Cookie"), c => c.StartsWith("auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Without_trusted_proxies_forwarded_headers_are_ignored()
    {
        (TestServer server, HttpClient http) = await StartAsync();
        await using TestServer owned = server;

        await LoginAsync(http, "wrong-1", "203.0.113.5");
        await LoginAsync(http, "wrong-2", "198.51.100.7");
        using HttpResponseMessage throttled = await LoginAsync(http, "proxied-password", "192.0.2.9", proto: "https");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode); // all three came from 127.0.0.1
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_not_an_ip_address_stops_the_start()
    {
        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync("--OpenLine:TrustedProxies:0=proxy.example.com"));

        Assert.Equal("OpenLine:TrustedProxies holds 'proxy.example.com', which is not an IP address.", refused.Message);
    }
}
