namespace OpenLine.Server.Api.Export;

/// <summary>RFC 4180 field quoting, and the formula guard for text fields.</summary>
public static class Csv
{
    /// <summary>
    /// The field as written in a record: as is, unless it holds a comma, a double quote, CR or LF;
    /// then in double quotes, with each inner double quote doubled.
    /// </summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// A free-text field (a username, a league, an event name, a side token): <see cref="Field"/> of
    /// <see cref="DefuseFormula"/>. Numbers, and money written as text, go through <see cref="Field"/>
    /// alone: a negative amount legitimately starts with <c>-</c>.
    /// </summary>
    public static string TextField(string value) => Field(DefuseFormula(value));

    /// <summary>
    /// CSV injection (OWASP): a spreadsheet runs a cell that starts with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, tab or CR as a formula (<c>=HYPERLINK(…)</c>, <c>@SUM(…)</c>). Such a
    /// value gets a leading <c>'</c>, which makes the cell plain text; any other value is unchanged.
    /// </summary>
    public static string DefuseFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
