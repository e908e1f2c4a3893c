namespace OpenLine.Server.Tests.Conformance;

/// <summary>One place where a live response does not match the schema.</summary>
/// <param name="Path">JSON path in the response body (e.g. <c>data.createdSessions[0].matched[0].number</c>).</param>
/// <param name="Kind">NJsonSchema's error kind (e.g. <c>IntegerExpected</c>, <c>NoAdditionalPropertiesAllowed</c>).</param>
/// <param name="Expected">What the schema asks for at that place.</param>
/// <param name="Actual">The value found (JSON, shortened).</param>
internal sealed record SchemaMismatch(string Path, string Kind, string Expected, string Actual)
{
    public override string ToString() => $"{Path}: {Kind}; schema: {Expected}; actual: {Actual}";
}
