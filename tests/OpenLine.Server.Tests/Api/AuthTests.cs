using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>Login and the ways a token may be presented (API §2, rules §8).</summary>
public sealed class AuthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Login_returns_the_user_with_a_hex_token_and_sets_a_signed_auth_cookie()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync(balance: 1250.5m, creditLimit: -500);
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());

        OpenLineClient.Response login = await anonymous.PostAsync("/user/login", new { username = user.Username, password = user.Password });

        Assert.Equal(HttpStatusCode.OK, login.Status);
        JsonNode u = login.Data["user"]!;
        Assert.Matches("^[0-9a-f]{64}$", u["auth"]!.GetValue<string>());
        Assert.Equal(user.Username, u["username"]!.GetValue<string>());
        Assert.Equal(1250.5m, u["displayBalance"]!.GetValue<decimal>());
        Assert.Equal(-500m, u["creditLimit"]!.GetValue<decimal>());
        Assert.Equal(0.01m, u["commissionCharged"]!.GetValue<decimal>());
        Assert.Equal("american", u["oddsFormat"]!.GetValue<string>());
        string cookie = login.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auth=", StringComparison.Ordinal));
        Assert.DoesNotContain(u["auth"]!.GetValue<string>(), cookie, StringComparison.Ordinal); // signed, not the raw token
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_are_401_and_missing_fields_are_400()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());

        OpenLineClient.Response wrong = await anonymous.PostAsync("/user/login", new { username = user.Username, password = "not-it-at-all" });
        OpenLineClient.Response unknown = await anonymous.PostAsync("/user/login", new { username = "nobody-here", password = "whatever1" });
        OpenLineClient.Response missing = await anonymous.PostAsync("/user/login", new { username = user.Username });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("InvalidCredentials", wrong.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
    }

    [Fact]
    public async Task A_token_works_raw_with_bearer_as_cookie_and_in_the_body()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());
        OpenLineClient.Response login = await anonymous.PostAsync("/user/login", new { username = user.Username, password = user.Password });
        string token = login.Data["user"]!["auth"]!.GetValue<string>();
        string cookie = login.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auth=", StringComparison.Ordinal)).Split(';')[0];

        OpenLineClient.Response raw = await anonymous.SendAsync(HttpMethod.Get, "/user/getMe", null, r => r.Headers.TryAddWithoutValidation("Authorization", token));
        OpenLineClient.Response bearer = await anonymous.SendAsync(HttpMethod.Get, "/user/getMe", null, r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token));
        OpenLineClient.Response viaCookie = await anonymous.SendAsync(HttpMethod.Get, "/user/getMe", null, r => r.Headers.Add("Cookie", cookie));
        OpenLineClient.Response viaBody = await anonymous.PostAsync("/user/getme", new { token });

        Assert.All([raw, bearer, viaCookie, viaBody], r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All([raw, bearer, viaCookie, viaBody], r => Assert.Equal(user.Id, r.Data["user"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_bad_header_is_refused_even_when_the_body_has_a_good_token()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());

        OpenLineClient.Response response = await anonymous.SendAsync(HttpMethod.Post, "/user/getMe", new { token = user.Client.Token },
            r => r.Headers.TryAddWithoutValidation("Authorization", "deadbeef"));
        OpenLineClient.Response forgedCookie = await anonymous.SendAsync(HttpMethod.Get, "/user/getMe", null,
            r => r.Headers.Add("Cookie", "auth=" + user.Client.Token));
        OpenLineClient.Response none = await anonymous.GetAsync("/user/getMe");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("InvalidCredentials", response.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedCookie.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
    }

    [Fact]
    public async Task The_admin_token_is_only_for_the_operator_api_and_user_tokens_are_refused_there()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response adminOnUserApi = await fixture.Admin.GetAsync("/user/getMe");
        OpenLineClient.Response userOnAdminApi = await user.Client.GetAsync("/admin/ledger");
        OpenLineClient.Response nobodyOnAdminApi = await new OpenLineClient(fixture.Server.CreateHttpClient()).GetAsync("/admin/ledger");

        Assert.Equal(HttpStatusCode.Unauthorized, adminOnUserApi.Status);
        Assert.Equal(HttpStatusCode.Forbidden, userOnAdminApi.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, nobodyOnAdminApi.Status);
    }

    [Fact]
    public async Task Text_that_is_not_valid_unicode_is_a_400_not_a_500()
    {
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());

        OpenLineClient.Response login = await anonymous.PostRawAsync("/user/login", "{\"username\":\"al\\ud800ice\",\"password\":\"x\"}");
        OpenLineClient.Response create = await fixture.Admin.PostRawAsync("/admin/users", "{\"username\":\"ev\\ud800il\",\"password\":\"password1\"}");

        Assert.Equal(HttpStatusCode.BadRequest, login.Status);
        Assert.Equal("username is not valid Unicode text.", login.Error);
        Assert.Equal(HttpStatusCode.BadRequest, create.Status);
    }

    [Fact]
    public async Task Logout_invalidates_the_token()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response logout = await user.Client.PostAsync("/user/logout", new { });
        OpenLineClient.Response after = await user.Client.GetAsync("/user/getMe");

        Assert.Equal(HttpStatusCode.OK, logout.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
    }

    [Fact]
    public async Task Paths_match_case_insensitively()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response response = await user.Client.PostAsync("/USER/GETME", new { });

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }
}
