using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenLine.Server.Storage;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>The sequencer's queue is bounded (<c>OpenLine:MaxQueuedRequests</c>): a flood beyond it is refused at once, not buffered without limit.</summary>
public sealed class QueueBoundTests
{
    [Fact]
    public async Task Requests_beyond_the_queue_bound_get_503_with_Retry_After_and_change_nothing_and_the_queued_ones_complete()
    {
        GatedStore? gated = null;
        string dataDir = TestServer.NewDataDir();
        await using TestServer server = await TestServer.LaunchAsync(dataDir: dataDir,
            configureServices: services => services.AddSingleton<IJournalStore>(_ => gated = new GatedStore(new SqliteJournalStore(Path.Combine(dataDir, "openline.db")))),
            settings: ["--OpenLine:MaxQueuedRequests=3", "--OpenLine:OrderRequestsPerSecond=0"]);
        OpenLineClient user = (await server.CreateUserAsync()).Client;

        gated!.Close();
        Task<OpenLineClient.Response> first = user.PostAsync("/session/cancelAllOrders");
        Assert.True(gated.Entered.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), "the sequencer is held in its journal append");
        Task<OpenLineClient.Response>[] flood = [.. Enumerable.Range(0, 10).Select(_ => user.PostAsync("/session/cancelAllOrders"))];
        await Task.Delay(500, TestContext.Current.CancellationToken); // the refusals need no sequencer
        OpenLineClient.Response[] refused = [.. flood.Where(t => t.IsCompleted).Select(t => t.Result)];
        gated.Open();
        OpenLineClient.Response[] all = [await first, .. await Task.WhenAll(flood)];

        Assert.Equal(7, refused.Length);
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status));
        Assert.All(refused, r => Assert.Equal("1", r.Message.Headers.RetryAfter!.ToString()));
        Assert.Equal("The exchange is busy; nothing was done. Retry shortly.", refused[0].Error);
        Assert.Equal(4, all.Count(r => r.Status == HttpStatusCode.OK)); // the held one and the three queued
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/user/getMe")).Status); // and then it goes on
    }

    private sealed class GatedStore(IJournalStore inner) : DelegatingJournalStore(inner)
    {
        private readonly ManualResetEventSlim _open = new(true);

        public ManualResetEventSlim Entered { get; } = new(false);

        public void Close() => _open.Reset();

        public void Open() => _open.Set();

        public override void Append(IReadOnlyList<JournalRecord> records)
        {
            if (!_open.IsSet)
            {
                Entered.Set();
                _open.Wait();
            }
            Inner.Append(records);
        }
    }
}
