using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Sequencing;

namespace OpenLine.Server.Api.Export;

/// <summary>
/// Streams the settlement export: one engine query per page, then the page's rows are written to the
/// response and flushed. CSV follows RFC 4180 (a header row, CRLF line ends, fields with a comma,
/// quote, CR or LF quoted with inner quotes doubled; a text field that a spreadsheet would run as a
/// formula gets a leading <c>'</c>, see <see cref="Csv.DefuseFormula"/>); NDJSON is one JSON object
/// per line (LF), its strings as they are: JSON is data, never evaluated. Both formats carry the same
/// fields in the same order, from <see cref="SettlementRow"/>.
/// </summary>
public sealed class SettlementExportResult(Sequencer sequencer, long? from, long? to, bool ndjson) : IResult
{
    private static readonly JsonTypeInfo RowInfo = WireJson.Options.GetTypeInfo(typeof(SettlementRow));

    /// <summary>The column names: the JSON keys of a row, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. RowInfo.Properties.Select(p => p.Name)];

    /// <summary>
    /// Per column: false for the money columns, whose text is a signed amount (<c>-100.000000</c>); true
    /// for every other string column, which the CSV guards against formulas. Text is the default so a
    /// column added later is guarded unless it is declared money.
    /// </summary>
    private static readonly bool[] IsText = [.. RowInfo.Properties.Select(p => !SettlementRow.MoneyColumns.Contains(p.Name))];

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        HttpResponse response = httpContext.Response;
        CancellationToken aborted = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ndjson ? "application/x-ndjson; charset=utf-8" : "text/csv; charset=utf-8; header=present";
        response.Headers.ContentDisposition = $"attachment; filename=\"openline-settlements.{(ndjson ? "ndjson" : "csv")}\"";
        PipeWriter body = response.BodyWriter;
        using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = WireJson.Options.Encoder, SkipValidation = true });
        if (!ndjson)
        {
            WriteLine(body, string.Join(',', Columns.Select(Csv.Field)));
        }
        int? next = null; // the first page finds its start from `from`
        while (true)
        {
            int? start = next;
            (List<SettlementRow> rows, int after, bool done) = await sequencer
                .QueryAsync(engine => SettlementExport.ReadPage(engine, start ?? SettlementExport.FirstIndex(engine, from), to))
                .ConfigureAwait(false);
            next = after;
            foreach (SettlementRow row in rows)
            {
                if (ndjson)
                {
                    json.Reset(body);
                    JsonSerializer.Serialize(json, row, RowInfo);
                    json.Flush();
                    body.Write("\n"u8);
                }
                else
                {
                    WriteLine(body, CsvLine(row));
                }
            }
            FlushResult flushed = await body.FlushAsync(aborted).ConfigureAwait(false);
            if (done || flushed.IsCanceled || flushed.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>
    /// A row as one CSV record: strings as text (all but money guarded against formulas), numbers
    /// as written in JSON, booleans true/false, null as an empty field.
    /// </summary>
    private static string CsvLine(SettlementRow row)
    {
        JsonElement element = JsonSerializer.SerializeToElement(row, RowInfo);
        var line = new StringBuilder(256);
        int column = 0;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (line.Length > 0)
            {
                line.Append(',');
            }
            bool text = IsText[column++];
            line.Append(property.Value.ValueKind switch
            {
                JsonValueKind.String => text ? Csv.TextField(property.Value.GetString()!) : Csv.Field(property.Value.GetString()!),
                JsonValueKind.Null => "",
                _ => property.Value.GetRawText(),
            });
        }
        return line.ToString();
    }

    private static void WriteLine(PipeWriter body, string line)
    {
        Encoding.UTF8.GetBytes(line, body);
        body.Write("\r\n"u8);
    }
}
