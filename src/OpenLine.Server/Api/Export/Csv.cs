namespace OpenLine.Server.Api.Export;

/// <summary>RFC 4180 field quoting.</summary>
public static class Csv
{
    /// <summary>
    /// The field as written in a record: as is, unless it holds a comma, a double quote, CR or LF;
    /// then in double quotes, with each inner double quote doubled.
    /// </summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
