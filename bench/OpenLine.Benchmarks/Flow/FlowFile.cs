using System.Globalization;
using System.Text;

namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// Reads and writes order-flow files: one operation a line, <c>op,id,side,price,size</c>
/// (<c>L</c>/<c>I</c>/<c>C</c>, an integer id, <c>B</c>/<c>S</c>, an integer tick, a positive integer
/// size), e.g. <c>L,17,B,995,120</c>, <c>I,18,S,990,50</c>, <c>C,17,,,</c>. Blank lines, lines
/// starting with <c>#</c> and a header line starting with <c>op,</c> are skipped. A cancel's side,
/// price and size may be empty (they are ignored).
/// </summary>
public static class FlowFile
{
    public static FlowOp[] Read(string path)
    {
        var ops = new List<FlowOp>(EstimateLines(path));
        using var reader = new StreamReader(path, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            ReadOnlySpan<char> text = line.AsSpan().Trim();
            if (text.IsEmpty || text[0] == '#' || text.StartsWith("op,", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            ops.Add(Parse(text, lineNumber));
        }
        return [.. ops];
    }

    /// <summary>Parses one line; throws <see cref="FormatException"/> naming the line when it is not a valid operation.</summary>
    public static FlowOp Parse(ReadOnlySpan<char> line, int lineNumber)
    {
        Span<Range> fields = stackalloc Range[6];
        int count = line.Split(fields, ',');
        if (count != 5)
        {
            throw Bad(lineNumber, "expected 5 comma-separated fields: op,id,side,price,size");
        }
        ReadOnlySpan<char> op = line[fields[0]].Trim();
        FlowOpKind kind = op switch
        {
            "L" => FlowOpKind.Limit,
            "I" => FlowOpKind.ImmediateOrCancel,
            "C" => FlowOpKind.Cancel,
            _ => throw Bad(lineNumber, "op must be L, I or C"),
        };
        if (!long.TryParse(line[fields[1]].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long id))
        {
            throw Bad(lineNumber, "id must be an integer");
        }
        if (kind == FlowOpKind.Cancel)
        {
            return new FlowOp(kind, id, FlowSide.Buy, 0, 0);
        }
        FlowSide side = line[fields[2]].Trim() switch
        {
            "B" => FlowSide.Buy,
            "S" => FlowSide.Sell,
            _ => throw Bad(lineNumber, "side must be B or S"),
        };
        if (!int.TryParse(line[fields[3]].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int price))
        {
            throw Bad(lineNumber, "price must be an integer tick");
        }
        if (!int.TryParse(line[fields[4]].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size <= 0)
        {
            throw Bad(lineNumber, "size must be a positive integer");
        }
        return new FlowOp(kind, id, side, price, size);
    }

    public static void Write(TextWriter writer, FlowOp op)
    {
        switch (op.Kind)
        {
            case FlowOpKind.Cancel:
                writer.Write("C,");
                writer.Write(op.Id.ToString(CultureInfo.InvariantCulture));
                writer.Write(",,,\n");
                break;
            default:
                writer.Write(op.Kind == FlowOpKind.Limit ? "L," : "I,");
                writer.Write(op.Id.ToString(CultureInfo.InvariantCulture));
                writer.Write(op.Side == FlowSide.Buy ? ",B," : ",S,");
                writer.Write(op.Price.ToString(CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(op.Size.ToString(CultureInfo.InvariantCulture));
                writer.Write('\n');
                break;
        }
    }

    public static string Format(FlowOp op)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, op);
        return writer.ToString().TrimEnd('\n');
    }

    private static int EstimateLines(string path) => (int)Math.Clamp(new FileInfo(path).Length / 14, 16, 50_000_000);

    private static FormatException Bad(int lineNumber, string message) =>
        new($"flow line {lineNumber.ToString(CultureInfo.InvariantCulture)}: {message}");
}
