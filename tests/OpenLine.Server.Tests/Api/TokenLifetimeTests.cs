using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenLine.Server.Auth;
using OpenLine.Server.Sequencing;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>Tokens live 30 days; a request in the last 5 days gets a fresh one in X-Auth-Token (rules §8).</summary>
public sealed class TokenLifetimeTests : IAsyncLifetime
{
    // Each test: its own server on a clock the test moves, and tina logged in at the start.
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private TestServer _server = null!;
    private OpenLineClient _user = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.StartAsync(_clock);
        _user = (await _server.CreateUserAsync(username: "tina", password: "tina-password")).Client;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Logging_out_in_a_tokens_last_days_mints_no_replacement()
    {
        _clock.Advance(TimeSpan.FromDays(26));

        OpenLineClient.Response logout = await _user.PostAsync("/user/logout");

        Assert.Equal(HttpStatusCode.OK, logout.Status);
        Assert.False(logout.Message.Headers.Contains("X-Auth-Token"));
        string[] cookies = [.. logout.Message.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("auth=", StringComparison.Ordinal))];
        Assert.All(cookies, c => Assert.StartsWith("auth=;", c, StringComparison.Ordinal)); // only the deletion, no fresh signed token
        Assert.Equal(HttpStatusCode.Unauthorized, (await _user.GetAsync("/user/getMe")).Status);
        Sequencer sequencer = _server.Services.GetRequiredService<Sequencer>();
        Assert.Equal(0, await sequencer.QueryAsync(engine => engine.TokenGrants.Count())); // no replacement was recorded either
    }

    [Fact]
    public async Task Expired_tokens_are_dropped_from_the_token_table_at_the_next_login_as_in_the_engine()
    {
        await _server.LoginAsync("tina", "tina-password");
        TokenTable table = _server.Services.GetRequiredService<TokenTable>();
        Sequencer sequencer = _server.Services.GetRequiredService<Sequencer>();
        Assert.Equal(2, table.Count);
        _clock.Advance(TimeSpan.FromDays(31)); // both expired

        Assert.Equal(HttpStatusCode.OK, (await _server.CreateClient().PostAsync("/user/login", new { username = "tina", password = "tina-password" })).Status);

        Assert.Equal(1, table.Count);
        Assert.Equal(1, await sequencer.QueryAsync(engine => engine.TokenGrants.Count()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _user.GetAsync("/user/getMe")).Status);
    }

    [Fact]
    public async Task A_young_token_is_not_rotated()
    {
        _clock.Advance(TimeSpan.FromDays(24));

        OpenLineClient.Response response = await _user.GetAsync("/user/getMe");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.Message.Headers.Contains("X-Auth-Token"));
    }

    [Fact]
    public async Task A_token_in_its_last_five_days_comes_back_renewed_and_the_new_one_outlives_it()
    {
        _clock.Advance(TimeSpan.FromDays(26));

        OpenLineClient.Response response = await _user.GetAsync("/user/getMe");
        string fresh = response.Message.Headers.GetValues("X-Auth-Token").Single();
        string again = (await _user.GetAsync("/user/getMe")).Message.Headers.GetValues("X-Auth-Token").Single();
        _clock.Advance(TimeSpan.FromDays(5)); // 31 days after login

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Matches("^[0-9a-f]{64}$", fresh);
        Assert.Equal(fresh, again); // one replacement per old token, not one per request
        Assert.Contains(response.Message.Headers.GetValues("Set-Cookie"), c => c.StartsWith("auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _user.GetAsync("/user/getMe")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _user.WithToken(fresh).GetAsync("/user/getMe")).Status);
    }
}
