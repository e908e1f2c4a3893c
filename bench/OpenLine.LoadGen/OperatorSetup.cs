using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OpenLine.LoadGen;

/// <summary>
/// Setup through the public APIs: the operator API creates one user per connection (with a
/// balance far above what a run can tie up) and one NBA game starting tomorrow; each user logs in.
/// </summary>
internal static class OperatorSetup
{
    /// <summary>Dollars per user: resting offers and matched bets of a long run stay well below it.</summary>
    public const long Balance = 1_000_000_000;

    public static async Task<LoadFixture> RunAsync(HttpClient http, string adminToken, int users, string runId, CancellationToken cancellationToken)
    {
        // Users and logins in parallel: the server hashes passwords deliberately slowly.
        Task<string>[] logins = new Task<string>[users];
        for (int i = 0; i < users; i++)
        {
            string username = string.Create(CultureInfo.InvariantCulture, $"loadgen-{runId}-{i:D3}");
            string password = "pw-" + runId + "-" + i.ToString(CultureInfo.InvariantCulture);
            logins[i] = CreateAndLogInAsync(http, adminToken, username, password, cancellationToken);
        }

        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(1);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero);
        using JsonDocument game = await PostAsync(http, "/admin/games", adminToken, new
        {
            league = "NBA",
            sport = "basketball",
            start = start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            participants = new[]
            {
                new { longName = $"LoadGen Away {runId}", shortName = "LGA" },
                new { longName = $"LoadGen Home {runId}", shortName = "LGH" },
            },
        }, cancellationToken).ConfigureAwait(false);
        JsonElement gameElement = game.RootElement.GetProperty("data").GetProperty("game");
        string gameId = gameElement.GetProperty("id").GetString()!;
        string? awayId = null;
        string? homeId = null;
        foreach (JsonElement participant in gameElement.GetProperty("participants").EnumerateArray())
        {
            string id = participant.GetProperty("id").GetString()!;
            string? homeAway = participant.TryGetProperty("homeAway", out JsonElement ha) ? ha.GetString() : null;
            if (string.Equals(homeAway, "home", StringComparison.OrdinalIgnoreCase))
            {
                homeId = id;
            }
            else
            {
                awayId ??= id;
            }
        }
        if (awayId is null || homeId is null)
        {
            throw new InvalidOperationException($"POST /admin/games returned no away and home participant: {gameElement}");
        }

        string[] tokens = await Task.WhenAll(logins).ConfigureAwait(false);
        return new LoadFixture(gameId, awayId, homeId, start, tokens);
    }

    private static async Task<string> CreateAndLogInAsync(HttpClient http, string adminToken, string username, string password, CancellationToken cancellationToken)
    {
        (await PostAsync(http, "/admin/users", adminToken, new { username, password, balance = Balance }, cancellationToken).ConfigureAwait(false)).Dispose();
        using JsonDocument login = await PostAsync(http, "/user/login", null, new { username, password }, cancellationToken).ConfigureAwait(false);
        return login.RootElement.GetProperty("data").GetProperty("user").GetProperty("auth").GetString()
            ?? throw new InvalidOperationException($"login of {username} returned no token");
    }

    /// <summary>The server's state digest after a run: command count and invariant violations (operator API).</summary>
    public static async Task<string> StateAsync(HttpClient http, string adminToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/admin/state", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", adminToken);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return $"GET /admin/state: HTTP {(int)response.StatusCode} {body}";
        }
        using JsonDocument state = JsonDocument.Parse(body);
        JsonElement data = state.RootElement.GetProperty("data");
        return $"{data.GetProperty("commandCount")} commands, invariant violations {data.GetProperty("invariantViolations")}";
    }

    private static async Task<JsonDocument> PostAsync(HttpClient http, string path, string? authorization, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: HTTP {(int)response.StatusCode} {text}");
        }
        return JsonDocument.Parse(text);
    }
}
