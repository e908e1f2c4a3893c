using System.Globalization;

namespace OpenLine.LoadGen;

/// <summary>
/// The suite's chart: latency percentiles (p50, p99, p99.9; log scale) against offered load from
/// the paced runs, with the p99 target and the closed-loop peak marked.
/// </summary>
internal static class LatencyChart
{
    private const int Width = 760;
    private const int Height = 440;
    private const double Left = 70;
    private const double Right = 45;
    private const double Top = 50;
    private const double Bottom = 60;

    private static readonly (string Name, string Color, Func<LoadPoint, double> Value)[] Series =
    [
        ("p50", "#1f77b4", p => p.P50),
        ("p99", "#d62728", p => p.P99),
        ("p99.9", "#9467bd", p => p.P999),
    ];

    /// <summary>One paced load level: offered requests/s and the latencies (ms) measured at it.</summary>
    public readonly record struct LoadPoint(double Offered, double OrdersPerSecond, double P50, double P99, double P999);

    public static string Render(IReadOnlyList<LoadPoint> points, double peak, double targetMs, string title, string subtitle)
    {
        var svg = new SvgWriter(Width, Height);
        double plotWidth = Width - Left - Right;
        double plotHeight = Height - Top - Bottom;
        double xMax = NiceCeiling(Math.Max(peak, points.Count > 0 ? points.Max(p => p.Offered) : 1) * 1.05);
        double yMin = 0.1;
        double yMax = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(targetMs * 2, points.Count > 0 ? points.Max(p => p.P999) : 1))));
        double X(double v) => Left + (v / xMax * plotWidth);
        double Y(double ms) => Top + plotHeight - ((Math.Log10(Math.Max(ms, yMin)) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * plotHeight);

        svg.Text(Width / 2.0, 22, title, "middle", size: 15, bold: true);
        svg.Text(Width / 2.0, 39, subtitle, "middle", "#555", 11);

        // Grid: decades and 2×, 5× on y; five steps on x.
        for (double decade = yMin; decade <= yMax * 1.0001; decade *= 10)
        {
            foreach (double m in (double[])[1, 2, 5])
            {
                double v = decade * m;
                if (v > yMax * 1.0001)
                {
                    break;
                }
                svg.Line(Left, Y(v), Left + plotWidth, Y(v), m == 1 ? "#ccc" : "#eee");
                svg.Text(Left - 6, Y(v) + 4, Format(v), "end", "#444", 11);
            }
        }
        for (int i = 0; i <= 5; i++)
        {
            double v = xMax * i / 5;
            svg.Line(X(v), Top, X(v), Top + plotHeight, "#eee");
            svg.Text(X(v), Top + plotHeight + 16, v.ToString("N0", CultureInfo.InvariantCulture), "middle", "#444", 11);
        }
        svg.Rect(Left, Top, plotWidth, plotHeight, "none", "#888");
        svg.Text(Left + (plotWidth / 2), Height - 14, "offered load, requests/s (REST, each a 1-order place or a cancel)", "middle");
        svg.Text(18, Top + (plotHeight / 2), "latency, ms (due → last byte, log scale)", "middle", rotate: -90);

        // The target and the closed-loop peak.
        svg.Line(Left, Y(targetMs), Left + plotWidth, Y(targetMs), "#2ca02c", 1.5, "6 4");
        svg.Text(Left + plotWidth - 4, Y(targetMs) - 5, $"p99 target {Format(targetMs)} ms", "end", "#2ca02c", 11);
        svg.Line(X(peak), Top, X(peak), Top + plotHeight, "#ff7f0e", 1.5, "6 4");
        svg.Text(X(peak) - 4, Top + 14, $"closed-loop peak {peak.ToString("N0", CultureInfo.InvariantCulture)}/s", "end", "#ff7f0e", 11);

        List<LoadPoint> sorted = [.. points.OrderBy(p => p.Offered)];
        foreach ((string name, string color, Func<LoadPoint, double> value) in Series)
        {
            svg.Polyline(sorted.Select(p => (X(p.Offered), Y(value(p)))), color);
            foreach (LoadPoint p in sorted)
            {
                svg.Circle(X(p.Offered), Y(value(p)), 3.5, color);
            }
        }
        double legendY = Top + 14;
        foreach ((string name, string color, _) in Series)
        {
            svg.Line(Left + 12, legendY - 4, Left + 36, legendY - 4, color, 2.5);
            svg.Text(Left + 42, legendY, name);
            legendY += 17;
        }
        return svg.ToString();
    }

    private static string Format(double ms) => ms.ToString(ms < 1 ? "0.#" : "N0", CultureInfo.InvariantCulture);

    private static double NiceCeiling(double value)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double step in (double[])[1, 2, 2.5, 5, 10])
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
