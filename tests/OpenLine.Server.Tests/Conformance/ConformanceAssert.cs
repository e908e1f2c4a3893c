using System.Globalization;
using System.Net;
using NJsonSchema;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>
/// Checks a live response against 4casters' own documents: the status must be one the operation
/// lists (or one the allow-list sanctions), the body must validate against that response's schema
/// (with <see cref="SanctionedDeviations"/> applied), and every error body must be the error
/// envelope of API §1 (the core document's strict <c>Error</c> schema).
/// </summary>
internal static class ConformanceAssert
{
    /// <param name="source">The document to check against: the REST document (default), or the core document for the graded-bet endpoints it covers.</param>
    public static async Task<IReadOnlyList<string>> CheckAsync(OpenLineClient.Response response, string method, string path, OpenApiDocument? source = null)
    {
        source ??= OpenApiDocument.Rest;
        var problems = new List<string>();
        if (source.Operation(method, path) is null)
        {
            problems.Add($"{method} {path} is not an operation of {source.FileName}");
            return problems;
        }
        string status = ((int)response.Status).ToString(CultureInfo.InvariantCulture);
        string body = await response.Message.Content.ReadAsStringAsync();
        IReadOnlyList<string> documented = source.Statuses(method, path);
        if (documented.Contains(status))
        {
            JsonSchema? schema = await ResponseSchemas.ForResponseAsync(method, path, status, source);
            if (schema is not null)
            {
                problems.AddRange(SchemaValidation.Validate(schema, body).Select(m => m.ToString()));
            }
        }
        else if (!SanctionedDeviations.AllowsStatus(source, method, path, (int)response.Status))
        {
            problems.Add($"status {status} is not documented for {method} {path} (documented: {string.Join(", ", documented)}) and no rule sanctions it");
        }
        if ((int)response.Status >= 400)
        {
            JsonSchema envelope = (await ResponseSchemas.ErrorEnvelopeAsync())!;
            problems.AddRange(SchemaValidation.Validate(envelope, body).Select(m => $"error envelope: {m}"));
        }
        return problems;
    }

    /// <summary>Asserts the status, then conformance; a path the server has not mapped yet fails with that reason.</summary>
    public static async Task ConformsAsync(OpenLineClient.Response response, string method, string path, HttpStatusCode expected = HttpStatusCode.OK,
        OpenApiDocument? source = null)
    {
        source ??= OpenApiDocument.Rest;
        if (response.Status == HttpStatusCode.NotFound && expected != HttpStatusCode.NotFound
            && response.Error?.StartsWith("Not found:", StringComparison.Ordinal) == true)
        {
            Assert.Fail($"{method} {path} is not mapped by the server yet ({response.Raw}); it is in 4casters' document, so it must exist.");
        }
        Assert.True(response.Status == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.Status}: {response.Raw}");
        IReadOnlyList<string> problems = await CheckAsync(response, method, path, source);
        Assert.True(problems.Count == 0,
            $"{method} {path} ({(int)response.Status}) does not match {source.FileName}:\n  "
            + string.Join("\n  ", problems) + $"\nbody: {response.Raw}");
    }
}
