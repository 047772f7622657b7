using System.Reflection;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Copil.Web.Documents;

/// <summary>Renders a <see cref="Doc"/> to an A4 PDF with PDFsharp, using the embedded DejaVu fonts. No State logo (art. 11).</summary>
public static class PdfRenderer
{
    private const double Margin = 56;
    private const double Width = 595.28 - (2 * Margin);
    private const double Bottom = 841.89 - Margin - 20;
    private static readonly object FontLock = new();
    private static bool _fontsReady;

    public static byte[] Render(Doc doc)
    {
        doc = ExportText.Clean(doc);
        EnsureFonts();
        var pdf = new PdfDocument();
        pdf.Info.Title = doc.Title;
        pdf.Info.Subject = doc.Subtitle;
        pdf.Info.Creator = "Copil";
        var writer = new Writer(pdf, doc);
        writer.Title(doc.Title, doc.Subtitle);
        foreach (var block in doc.Blocks)
        {
            switch (block)
            {
                case DocHeading h:
                    writer.Heading(h.Text);
                    break;
                case DocParagraph p:
                    writer.Paragraph(p.Text, p.Muted);
                    break;
                case DocFields f:
                    writer.Fields(f.Items);
                    break;
                case DocTable t:
                    writer.Table(t);
                    break;
            }
        }

        writer.Finish();
        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    private static void EnsureFonts()
    {
        lock (FontLock)
        {
            if (!_fontsReady)
            {
                GlobalFontSettings.FontResolver ??= new EmbeddedFontResolver();
                _fontsReady = true;
            }
        }
    }

    private sealed class Writer
    {
        private readonly PdfDocument _pdf;
        private readonly Doc _doc;
        private readonly XFont _regular = new("DejaVu Sans", 9.5, XFontStyleEx.Regular);
        private readonly XFont _bold = new("DejaVu Sans", 9.5, XFontStyleEx.Bold);
        private readonly XFont _small = new("DejaVu Sans", 7.5, XFontStyleEx.Regular);
        private readonly XFont _heading = new("DejaVu Sans", 12, XFontStyleEx.Bold);
        private readonly XFont _title = new("DejaVu Sans", 15, XFontStyleEx.Bold);
        private readonly XBrush _muted = new XSolidBrush(XColor.FromArgb(74, 81, 96));
        private readonly XPen _line = new(XColor.FromArgb(160, 166, 178), 0.5);
        private XGraphics _gfx = null!;
        private double _y;

        public Writer(PdfDocument pdf, Doc doc)
        {
            _pdf = pdf;
            _doc = doc;
            NewPage();
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            var page = _pdf.AddPage();
            page.Size = PageSize.A4;
            _gfx = XGraphics.FromPdfPage(page);
            _gfx.DrawString(_doc.RunningHeader, _small, _muted, Margin, Margin - 20);
            _gfx.DrawLine(_line, Margin, Margin - 14, Margin + Width, Margin - 14);
            _gfx.DrawLine(_line, Margin, 841.89 - Margin + 4, Margin + Width, 841.89 - Margin + 4);
            var footer = Wrap(_doc.Footer, _small, Width - 60);
            var fy = 841.89 - Margin + 14;
            foreach (var line in footer)
            {
                _gfx.DrawString(line, _small, _muted, Margin, fy);
                fy += 9;
            }

            _y = Margin;
        }

        private void Need(double height)
        {
            if (_y + height > Bottom)
            {
                NewPage();
            }
        }

        public void Title(string title, string subtitle)
        {
            foreach (var line in Wrap(title, _title, Width))
            {
                Need(20);
                _y += 17;
                _gfx.DrawString(line, _title, XBrushes.Black, Margin, _y);
            }

            _y += 6;
            foreach (var line in Wrap(subtitle, _regular, Width))
            {
                Need(13);
                _y += 12;
                _gfx.DrawString(line, _regular, _muted, Margin, _y);
            }

            _y += 8;
        }

        public void Heading(string text)
        {
            // A long heading (a point's full title) wraps like a paragraph instead of running off the page.
            var lines = Wrap(text, _heading, Width);
            Need(26 + (16 * lines.Count));
            _y += 2;
            foreach (var line in lines)
            {
                _y += 16;
                _gfx.DrawString(line, _heading, XBrushes.Black, Margin, _y);
            }

            _y += 4;
            _gfx.DrawLine(_line, Margin, _y, Margin + Width, _y);
            _y += 4;
        }

        public void Paragraph(string text, bool muted)
        {
            foreach (var line in Wrap(text, _regular, Width))
            {
                Need(13);
                _y += 12.5;
                _gfx.DrawString(line, _regular, muted ? _muted : XBrushes.Black, Margin, _y);
            }

            _y += 4;
        }

        public void Fields(IReadOnlyList<(string Label, string Value)> items)
        {
            const double labelWidth = 170;
            foreach (var (label, value) in items)
            {
                var labelLines = Wrap(label, _bold, labelWidth - 8);
                var valueLines = Wrap(string.IsNullOrWhiteSpace(value) ? "—" : value, _regular, Width - labelWidth);
                var lines = Math.Max(labelLines.Count, valueLines.Count);
                Need(Math.Min(lines, 4) * 12.5 + 4);
                for (var i = 0; i < lines; i++)
                {
                    if (_y + 12.5 > Bottom)
                    {
                        NewPage();
                    }

                    _y += 12.5;
                    if (i < labelLines.Count)
                    {
                        _gfx.DrawString(labelLines[i], _bold, XBrushes.Black, Margin, _y);
                    }

                    if (i < valueLines.Count)
                    {
                        _gfx.DrawString(valueLines[i], _regular, XBrushes.Black, Margin + labelWidth, _y);
                    }
                }

                _y += 3;
            }
        }

        public void Table(DocTable table)
        {
            var total = table.Widths.Sum();
            var widths = table.Widths.Select(w => w / total * Width).ToList();
            void Row(IReadOnlyList<string> cells, bool header)
            {
                var font = header ? _bold : _regular;
                var wrapped = cells.Select((c, i) => Wrap(c, font, widths[i] - 8)).ToList();
                var height = (wrapped.Max(w => w.Count) * 11.5) + 6;
                if (_y + height > Bottom)
                {
                    NewPage();
                    if (!header)
                    {
                        Row(table.Headers, true);
                    }
                }

                if (header)
                {
                    _gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(236, 239, 244)), Margin, _y, Width, height);
                }

                var x = Margin;
                for (var i = 0; i < cells.Count; i++)
                {
                    var ly = _y + 3;
                    foreach (var line in wrapped[i])
                    {
                        ly += 10.5;
                        var lx = i >= table.NumericFrom ? x + widths[i] - 4 - _gfx.MeasureString(line, font).Width : x + 4;
                        _gfx.DrawString(line, font, XBrushes.Black, lx, ly);
                    }

                    x += widths[i];
                }

                _y += height;
                _gfx.DrawLine(_line, Margin, _y, Margin + Width, _y);
            }

            Need(40);
            _y += 4;
            Row(table.Headers, true);
            foreach (var row in table.Rows)
            {
                Row(row, false);
            }

            _y += 6;
        }

        /// <summary>Numbers the pages « page x sur y » once their count is known (a signed document shows it is whole).</summary>
        public void Finish()
        {
            _gfx.Dispose();
            for (var i = 0; i < _pdf.PageCount; i++)
            {
                using var gfx = XGraphics.FromPdfPage(_pdf.Pages[i], XGraphicsPdfPageOptions.Append);
                var number = $"page {i + 1} sur {_pdf.PageCount}";
                gfx.DrawString(number, _small, _muted, Margin + Width - gfx.MeasureString(number, _small).Width, 841.89 - Margin + 14);
            }
        }

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in (text ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            {
                var current = "";
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = current.Length == 0 ? word : current + " " + word;
                    if (_gfx.MeasureString(candidate, font).Width <= width)
                    {
                        current = candidate;
                        continue;
                    }

                    if (current.Length > 0)
                    {
                        lines.Add(current);
                    }

                    // A word longer than the column is cut.
                    current = word;
                    while (_gfx.MeasureString(current, font).Width > width && current.Length > 1)
                    {
                        var cut = current.Length - 1;
                        while (cut > 1 && _gfx.MeasureString(current[..cut], font).Width > width)
                        {
                            cut--;
                        }

                        lines.Add(current[..cut]);
                        current = current[cut..];
                    }
                }

                lines.Add(current);
            }

            return lines;
        }
    }

    /// <summary>Serves the DejaVu fonts embedded in the assembly, whatever fonts the server has.</summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[]? GetFont(string faceName)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Copil.Web.Documents.Fonts.{faceName}.ttf");
            if (stream is null)
            {
                return null;
            }

            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        }
    }
}
