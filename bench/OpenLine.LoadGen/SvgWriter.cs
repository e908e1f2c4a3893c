using System.Globalization;
using System.Security;
using System.Text;

namespace OpenLine.LoadGen;

/// <summary>
/// The few SVG elements a chart needs, written as text (no package): lines, polylines, circles,
/// rectangles and text. Coordinates are in user units of a <c>width</c>×<c>height</c> viewBox.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _svg = new();

    public SvgWriter(int width, int height)
    {
        Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Append($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>");
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null) =>
        Append($"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"{stroke}\" stroke-width=\"{width:0.#}\"{Dash(dash)}/>");

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 2, string? dash = null) =>
        Append($"<polyline fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{width:0.#}\"{Dash(dash)} points=\"{string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")))}\"/>");

    public void Circle(double x, double y, double r, string fill) =>
        Append($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{r:0.#}\" fill=\"{fill}\"/>");

    public void Rect(double x, double y, double width, double height, string fill, string stroke = "none") =>
        Append($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{width:0.#}\" height=\"{height:0.#}\" fill=\"{fill}\" stroke=\"{stroke}\"/>");

    /// <param name="anchor">start, middle or end.</param>
    public void Text(double x, double y, string text, string anchor = "start", string fill = "#222", double size = 12, bool bold = false, double rotate = 0) =>
        Append($"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\" fill=\"{fill}\" font-size=\"{size:0.#}\"{(bold ? " font-weight=\"bold\"" : "")}{(rotate != 0 ? string.Create(CultureInfo.InvariantCulture, $" transform=\"rotate({rotate:0.#} {x:0.#} {y:0.#})\"") : "")}>{SecurityElement.Escape(text)}</text>");

    public override string ToString() => _svg + "</svg>\n";

    private static string Dash(string? dash) => dash is null ? "" : $" stroke-dasharray=\"{dash}\"";

    private void Append(FormattableString element) => _svg.Append(element.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
