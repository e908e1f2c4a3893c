using Microsoft.Playwright;

namespace OpenLine.Server.Tests.Browser;

/// <summary>
/// One headless Chromium for every browser test (Debian's <c>chromium</c> package, driven by
/// Playwright; nothing is downloaded). Without it the tests fail with a message that says how to
/// install it: <c>.ci/run</c> installs it, so CI never skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; <c>OPENLINE_CHROMIUM</c> names another build.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("OPENLINE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}, and it is not there. Install Debian's package "
                + "(apt-get install -y chromium; .ci/run does this when it is missing), or set OPENLINE_CHROMIUM to a Chromium binary.");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // This machine's network is closed: keep Chromium from calling home (refused connections, DNS waits).
            Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--disable-dev-shm-usage"],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>The browser tests share one Chromium and run one class at a time (each class has its own server).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
