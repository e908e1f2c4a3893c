using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenLine.Server.Sequencing;

namespace OpenLine.Server.Tests.Kit;

/// <summary>Grades and voids games the way an operator does: <c>POST /admin/games/{id}/result</c> and <c>/void</c> (rules §10).</summary>
public static class Grading
{
    public static async Task GradeAsync(ServerFixture fixture, string gameId, int awayScore, int homeScore)
    {
        OpenLineClient.Response response = await fixture.Admin.PostAsync($"/admin/games/{gameId}/result", new { awayScore, homeScore });
        Assert.True(response.Status == HttpStatusCode.OK, response.Raw);
    }

    public static async Task VoidAsync(ServerFixture fixture, string gameId)
    {
        OpenLineClient.Response response = await fixture.Admin.PostAsync($"/admin/games/{gameId}/void");
        Assert.True(response.Status == HttpStatusCode.OK, response.Raw);
    }

    /// <summary>The engine's current time (Unix ms): the time of the last command it applied.</summary>
    public static Task<long> EngineNowAsync(ServerFixture fixture) =>
        fixture.Server.Services.GetRequiredService<Sequencer>().QueryAsync(engine => engine.Now);
}
