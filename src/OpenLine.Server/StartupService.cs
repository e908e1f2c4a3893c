using Microsoft.Extensions.Options;
using OpenLine.Server.Configuration;
using OpenLine.Server.Demo;
using OpenLine.Server.Sequencing;

namespace OpenLine.Server;

/// <summary>Brings the exchange up: recover from the store, seed demo data if the store is new, then report ready.</summary>
public sealed class StartupService(
    Sequencer sequencer,
    DemoSeeder demo,
    Readiness readiness,
    IOptions<OpenLineOptions> options,
    ILogger<StartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await sequencer.Recovered.ConfigureAwait(false);
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
