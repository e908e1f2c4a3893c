using System.Text.RegularExpressions;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>docs/security.md maps each OWASP API risk to tests by name; every name it gives must be a test that exists.</summary>
public sealed partial class SecurityDocumentTests
{
    [Fact]
    public void Every_test_the_security_document_names_exists()
    {
        string root = Repository.Root;
        string document = File.ReadAllText(Path.Combine(root, "docs", "security.md"));
        string[] named = [.. TestName().Matches(document).Select(m => m.Groups[1].Value).Distinct()];
        string tests = string.Join('\n', Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));

        Assert.True(named.Length >= 40, $"the document names tests ({named.Length} found)");
        Assert.All(named, name => Assert.Matches(new Regex($@"public (async Task|void) {Regex.Escape(name)}\("), tests));
        foreach (string risk in new[] { "API1", "API2", "API3", "API4", "API5", "API6", "API7", "API8", "API9", "API10" })
        {
            Assert.Contains($"## {risk} ", document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Only_the_demo_market_maker_opens_outbound_connections_and_only_to_the_servers_own_address()
    {
        // API7 (server-side request forgery): nothing in the server dials out, so no input can make
        // it; the one exception is the demo bot, which trades over the public API on the address the
        // server itself listens on (never one taken from a request or from configuration).
        string server = Path.Combine(Repository.Root, "src", "OpenLine.Server");
        string[] dialing = [.. Directory.EnumerateFiles(server, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => OutboundApi().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(server, f))];

        Assert.Equal([Path.Combine("Demo", "MarketMakerBot.cs")], dialing);
        Assert.Contains("IServerAddressesFeature", File.ReadAllText(Path.Combine(server, "Demo", "MarketMakerBot.cs")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(HttpClient|ClientWebSocket|TcpClient|WebRequest|HttpWebRequest|SmtpClient|Dns\.|new Socket\()")]
    private static partial Regex OutboundApi();

    /// <summary>A backticked behaviour sentence: a capitalised identifier with at least three underscores.</summary>
    [GeneratedRegex(@"`([A-Z][A-Za-z0-9]*(?:_[A-Za-z0-9]+){3,})`")]
    private static partial Regex TestName();
}
