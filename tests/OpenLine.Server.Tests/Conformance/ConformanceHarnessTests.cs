using System.Text.Json.Nodes;
using NJsonSchema;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>The conformance harness itself: it must catch what it claims to catch, or every green test is hollow.</summary>
public sealed class ConformanceHarnessTests
{
    private static async Task<IReadOnlyList<SchemaMismatch>> ValidateAsync(string method, string path, string body)
    {
        JsonSchema schema = (await ResponseSchemas.ForResponseAsync(method, path, "200"))!;
        return SchemaValidation.Validate(schema, body);
    }

    [Fact]
    public async Task An_undocumented_property_is_reported_with_its_path()
    {
        IReadOnlyList<SchemaMismatch> mismatches = await ValidateAsync("GET", "/user/getMe",
            """{"data":{"user":{"id":"5fe37acbb5a23600123662c1","participantId":"x"}}}""");

        SchemaMismatch mismatch = Assert.Single(mismatches);
        Assert.Equal(nameof(NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed), mismatch.Kind);
        Assert.Contains("participantId", mismatch.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decimal_where_the_document_says_integer_is_reported()
    {
        IReadOnlyList<SchemaMismatch> mismatches = await ValidateAsync("POST", "/session/cancel",
            """{"data":{"success":true,"odds":150.5}}""");

        SchemaMismatch mismatch = Assert.Single(mismatches);
        Assert.Equal("data.odds", mismatch.Path);
        Assert.Equal("150.5", mismatch.Actual);
    }

    [Fact]
    public async Task Null_is_accepted_only_where_the_document_says_nullable()
    {
        IReadOnlyList<SchemaMismatch> nullableNumber = await ValidateAsync("GET", "/exchange/v2/getGames",
            """{"data":{"games":[{"id":"a","eventName":null,"parentGameID":null}]}}""");
        IReadOnlyList<SchemaMismatch> nullLeague = await ValidateAsync("GET", "/exchange/v2/getGames",
            """{"data":{"games":[{"id":"a","league":null}]}}""");

        Assert.Empty(nullableNumber);
        Assert.Equal("data.games[0].league", Assert.Single(nullLeague).Path);
    }

    [Fact]
    public async Task A_place_result_is_read_as_any_of_success_or_error_and_a_mix_of_both_fails()
    {
        IReadOnlyList<SchemaMismatch> good = await ValidateAsync("POST", "/session/v3/place",
            """{"data":{"createdSessions":[{"matched":[],"unmatched":{}},{"error":"x","errorType":"validation_error"}]}}""");
        IReadOnlyList<SchemaMismatch> badEnum = await ValidateAsync("POST", "/session/v3/place",
            """{"data":{"createdSessions":[{"error":"x","errorType":"validation"}]}}""");
        IReadOnlyList<SchemaMismatch> mixed = await ValidateAsync("POST", "/session/v3/place",
            """{"data":{"createdSessions":[{"matched":[],"error":"x"}]}}""");

        Assert.Empty(good);
        Assert.Equal("data.createdSessions[0].errorType", Assert.Single(badEnum).Path);
        Assert.NotEmpty(mixed);
    }

    [Fact]
    public async Task The_error_envelope_is_exactly_one_error_string()
    {
        JsonSchema envelope = (await ResponseSchemas.ErrorEnvelopeAsync())!;

        Assert.Empty(SchemaValidation.Validate(envelope, """{"error":"InvalidCredentials"}"""));
        Assert.NotEmpty(SchemaValidation.Validate(envelope, """{"error":{"message":"x"}}"""));
        Assert.NotEmpty(SchemaValidation.Validate(envelope, """{"message":"x"}"""));
        Assert.NotEmpty(SchemaValidation.Validate(envelope, """{"error":"x","code":1}"""));
    }

    [Fact]
    public async Task Sanctions_patch_the_document_exactly_where_they_point()
    {
        JsonObject document = OpenApiDocument.Rest.Root.DeepClone().AsObject();
        SanctionedDeviations.Apply(document,
        [
            Sanction.Null("MatchedFill", "odds", "test"),
            Sanction.Type("GameAveragePrice.odds", "maxTotalBet", """{"type":"number"}""", "test"),
            Sanction.Extra("GameOrderbookFlat", "extension", """{"type":"boolean"}""", "test"),
        ]);
        JsonNode normalizedFill = SchemaNormalizer.Normalize(document, OpenApiDocument.Resolve(document, "#/components/schemas/MatchedFill"));
        JsonNode normalizedPrice = SchemaNormalizer.Normalize(document, OpenApiDocument.Resolve(document, "#/components/schemas/GameAveragePrice"));
        JsonNode normalizedBook = SchemaNormalizer.Normalize(document, OpenApiDocument.Resolve(document, "#/components/schemas/GameOrderbookFlat"));
        JsonSchema fill = await JsonSchema.FromJsonAsync(normalizedFill.ToJsonString(), TestContext.Current.CancellationToken);
        JsonSchema price = await JsonSchema.FromJsonAsync(normalizedPrice.ToJsonString(), TestContext.Current.CancellationToken);
        JsonSchema book = await JsonSchema.FromJsonAsync(normalizedBook.ToJsonString(), TestContext.Current.CancellationToken);

        Assert.Empty(SchemaValidation.Validate(fill, """{"odds":null,"number":null}"""));
        Assert.NotEmpty(SchemaValidation.Validate(fill, """{"amount":null}"""));
        Assert.Empty(SchemaValidation.Validate(price, """{"odds":{"maxTotalBet":12.5}}"""));
        Assert.NotEmpty(SchemaValidation.Validate(price, """{"odds":{"maxOverBet":12.5}}"""));
        Assert.Empty(SchemaValidation.Validate(book, """{"id":"x","extension":true,"over":[]}"""));
        Assert.Throws<InvalidOperationException>(() => SanctionedDeviations.Apply(document.DeepClone().AsObject(),
            [Sanction.Extra("User", "username", """{"type":"string"}""", "stale: already documented")]));
    }
}
