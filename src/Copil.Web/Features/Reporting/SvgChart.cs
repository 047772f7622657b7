using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Copil.Web.Features.Reporting;

/// <summary>
/// Horizontal bar charts drawn on the server as SVG: no script, readable by a screen reader through its title and
/// description, and always followed on the page by the table it is drawn from (RGAA 1.1 and 3.3).
/// </summary>
public static class SvgChart
{
    private const int Width = 760;
    private const int LabelWidth = 330;
    private const int ValueWidth = 90;
    private const string Primary = "#24466b";
    private const string Secondary = "#7b8794";

    public static IHtmlContent Bars(FigureTable table, string id)
    {
        var spec = table.Chart!;
        var rows = table.Rows.Where(r => FigureTable.Number(r[spec.ValueColumn]) is not null).ToList();
        var two = spec.SecondColumn is not null;
        var rowHeight = two ? 40 : 28;
        var height = Math.Max(1, rows.Count) * rowHeight + 10;
        var max = rows.SelectMany(r => new[] { FigureTable.Number(r[spec.ValueColumn]), spec.SecondColumn is { } s ? FigureTable.Number(r[s]) : null })
            .Select(v => v ?? 0).DefaultIfEmpty(0).Max();
        var barSpace = Width - LabelWidth - ValueWidth;
        var svg = new StringBuilder();
        var summary = string.Join(" ; ", rows.Select(r => $"{r[0]} : {FigureTable.Display(r[spec.ValueColumn])}{(spec.SecondColumn is { } s2 ? $" / {FigureTable.Display(r[s2])}" : "")}"));
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(table.Caption)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{Encode((spec.Description is null ? "" : spec.Description + " ") + (rows.Count == 0 ? "Aucune donnée." : summary))}</desc>");
        var y = 5;
        foreach (var row in rows)
        {
            var label = row[0]?.ToString() ?? "";
            // The full label is in the table below the chart and in the description.
            if (label.Length > 46)
            {
                label = label[..45] + "…";
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + rowHeight / 2 + 4}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1e1e1e\">{Encode(label)}</text>");
            Bar(svg, FigureTable.Number(row[spec.ValueColumn]) ?? 0, FigureTable.Display(row[spec.ValueColumn]), y + 3, two ? 15 : 20, Primary);
            if (spec.SecondColumn is { } second)
            {
                Bar(svg, FigureTable.Number(row[second]) ?? 0, FigureTable.Display(row[second]), y + 20, 15, Secondary);
            }

            y += rowHeight;
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());

        void Bar(StringBuilder s, double value, string text, int top, int thickness, string colour)
        {
            var length = max <= 0 ? 0 : Math.Max(value > 0 ? 2 : 0, value / max * barSpace);
            s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{top}\" width=\"{length:0.#}\" height=\"{thickness}\" fill=\"{colour}\"></rect>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6:0.#}\" y=\"{top + thickness - 3}\" font-size=\"12\" fill=\"#1e1e1e\">{Encode(text)}</text>");
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
