using Microsoft.Extensions.Options;
using OpenLine.Server.Configuration;
using OpenLine.Server.Demo;

namespace OpenLine.Server;

/// <summary>Brings the exchange up: (step 2: recover from the store), seed demo data, then report ready.</summary>
public sealed class StartupService(
    DemoSeeder demo,
    Readiness readiness,
    IOptions<OpenLineOptions> options,
    ILogger<StartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Demo)
        {
            await demo.SeedAsync().ConfigureAwait(false);
            foreach ((string username, string password, _) in DemoSeeder.Users)
            {
                logger.LogInformation("Demo login: {Username} / {Password}", username, password);
            }
        }
        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
