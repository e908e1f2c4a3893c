using Microsoft.Extensions.DependencyInjection;
using OpenLine.Core;
using OpenLine.Server.Sequencing;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// A command that was carried out must never be reported as a plain failure (a client would retry it
/// and, say, place the order twice), even when making its answer fails after it was applied.
/// </summary>
public sealed class CommandAppliedTests : IDisposable
{
    private readonly DataDirectory _dataDir = new();

    public void Dispose() => _dataDir.Dispose();

    [Fact]
    public async Task When_making_the_answer_fails_after_the_command_took_effect_the_error_says_it_took_effect_and_it_stays_done()
    {
        string userId;
        await using (TestServer server = await TestServer.LaunchAsync(dataDir: _dataDir))
        {
            userId = await server.AddUserAsync("projected", "projected-pass", balance: 100m);
            Sequencer sequencer = server.Services.GetRequiredService<Sequencer>();

            CommandAppliedException error = await Assert.ThrowsAsync<CommandAppliedException>(() =>
                sequencer.ExecuteAsync<object>(new Deposit(ObjectId.Parse(userId), Money.FromDecimal(25m)),
                    (_, _) => throw new InvalidOperationException("a bug in the answer's projection")));

            Assert.StartsWith("Internal error after the Deposit command was carried out: it took effect", error.Message, StringComparison.Ordinal);
            Assert.IsType<InvalidOperationException>(error.InnerException);
            Assert.Equal(125m, (await server.Admin.GetAsync($"/admin/users/{userId}/ledger")).Data["displayBalance"]!.GetValue<decimal>());
        }

        await using TestServer restarted = await TestServer.LaunchAsync(dataDir: _dataDir); // and it was journaled

        Assert.Equal(125m, (await restarted.Admin.GetAsync($"/admin/users/{userId}/ledger")).Data["displayBalance"]!.GetValue<decimal>());
    }
}
