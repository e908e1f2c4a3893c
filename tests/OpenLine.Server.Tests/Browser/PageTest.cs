using Microsoft.Playwright;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Browser;

/// <summary>
/// A browser test: a fresh browser context (its own cookies and storage) and page on the class's
/// server. A failing test leaves a full-page screenshot under <c>browser-screenshots/</c> in the
/// test output directory (and attaches it to the result). A script error on the page, or anything
/// the Content-Security-Policy blocked, fails the test.
/// </summary>
public abstract class PageTest(BrowserFixture browser, ServerFixture server) : IAsyncLifetime
{
    private readonly List<string> _scriptErrors = [];

    protected ServerFixture Server { get; } = server;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    /// <summary>Desktop by default; a test may open a second page with another size.</summary>
    protected virtual ViewportSize Viewport => new() { Width = 1280, Height = 900 };

    public async ValueTask InitializeAsync()
    {
        Context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Server.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = Viewport,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        Context.SetDefaultTimeout(15_000);
        Page = await Context.NewPageAsync();
        Watch(Page);
    }

    /// <summary>Records script errors and CSP violations of a page.</summary>
    protected void Watch(IPage page)
    {
        page.PageError += (_, error) => _scriptErrors.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)
                || message.Text.Contains("Refused to", StringComparison.Ordinal)))
            {
                _scriptErrors.Add("console: " + message.Text);
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (TestContext.Current.TestState?.Result is TestResult.Failed)
            {
                await SaveScreenshotAsync();
            }
        }
        finally
        {
            await Context.DisposeAsync();
        }
        Assert.True(_scriptErrors.Count == 0, "The page reported errors:\n" + string.Join("\n", _scriptErrors));
    }

    private async Task SaveScreenshotAsync()
    {
        string test = TestContext.Current.Test?.TestDisplayName ?? "unknown";
        string name = string.Concat(test.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));
        string folder = Path.Combine(AppContext.BaseDirectory, "browser-screenshots");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name.Length > 180 ? name[..180] + ".png" : name + ".png");
        try
        {
            byte[] png = await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            TestContext.Current.AddAttachment("screenshot.png", png, "image/png");
            TestContext.Current.SendDiagnosticMessage($"Screenshot of the failed test: {path}");
        }
        catch (PlaywrightException e)
        {
            TestContext.Current.SendDiagnosticMessage($"No screenshot: {e.Message}");
        }
    }

    /// <summary>Logs in through the page's form and waits until the page shows who is logged in.</summary>
    protected async Task LogInAsync(ExchangeSetup.User user, string path = "/")
    {
        await Page.GotoAsync(path);
        await Page.GetByLabel("Username").FillAsync(user.Username);
        await Page.GetByLabel("Password").FillAsync(user.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#who")).ToContainTextAsync(user.Username);
    }

    /// <summary>The ladder element of one market side, by its key (see wwwroot/js/book.js).</summary>
    protected ILocator Ladder(string key) => Page.Locator($"[data-ladder=\"{key}\"]");

    /// <summary>The price level of a ladder at the given odds.</summary>
    protected ILocator Level(string key, int odds) => Ladder(key).Locator($"li.level[data-odds=\"{odds}\"]");

    /// <summary>Waits until the page's price feed and user feed are both connected.</summary>
    protected Task FeedsLiveAsync() => Assertions.Expect(Page.Locator("#feed-status")).ToHaveAttributeAsync("data-state", "open");
}
