using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Copil.Web.Documents;

/// <summary>Renders a <see cref="Doc"/> to a Word document (A4, DejaVu Sans / Arial), editable by the services.</summary>
public static class DocxRenderer
{
    public static byte[] Render(Doc doc)
    {
        doc = ExportText.Clean(doc);
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            word.PackageProperties.Title = doc.Title;
            word.PackageProperties.Creator = "Copil";

            var header = main.AddNewPart<HeaderPart>();
            header.Header = new Header(Para(doc.RunningHeader, size: 16, color: "4A5160"));
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(Para(doc.Footer, size: 15, color: "4A5160"), PageNumbers());

            body.Append(Para(doc.Title, bold: true, size: 30, after: 80));
            body.Append(Para(doc.Subtitle, size: 19, color: "4A5160", after: 200));
            foreach (var block in doc.Blocks)
            {
                switch (block)
                {
                    case DocHeading h:
                        body.Append(Para(h.Text, bold: true, size: 24, before: 240, after: 80));
                        break;
                    case DocParagraph p:
                        body.Append(Para(p.Text, color: p.Muted ? "4A5160" : null));
                        break;
                    case DocFields f:
                        body.Append(Table(["", ""], [.. f.Items.Select(i => (IReadOnlyList<string>)[i.Label, i.Value])], [30, 70], int.MaxValue, boldFirstColumn: true, withHeader: false));
                        break;
                    case DocTable t:
                        body.Append(Table(t.Headers, t.Rows, t.Widths, t.NumericFrom, boldFirstColumn: false, withHeader: true));
                        body.Append(Para(""));
                        break;
                }
            }

            body.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134, Header = 567, Footer = 567 }));
        }

        return stream.ToArray();
    }

    /// <summary>« page x sur y », from the PAGE and NUMPAGES fields Word computes when it lays the document out.</summary>
    private static Paragraph PageNumbers()
    {
        RunProperties Style() => new(new Color { Val = "4A5160" }, new FontSize { Val = "15" });
        Run Text(string value) => new(Style(), new Text(value) { Space = SpaceProcessingModeValues.Preserve });

        // w:fldSimple is a child of the paragraph; its run holds the value shown until Word updates the field.
        SimpleField Field(string code) => new(new Run(Style(), new Text("1"))) { Instruction = $" {code} ", Dirty = true };
        return new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Right }), Text("page "), Field("PAGE"), Text(" sur "), Field("NUMPAGES"));
    }

    private static Paragraph Para(string text, bool bold = false, int size = 19, string? color = null, int before = 0, int after = 60, JustificationValues? align = null)
    {
        // In the schema's order (rFonts, b, color, sz): Word is lenient, validators are not.
        var properties = new RunProperties(new RunFonts { Ascii = "DejaVu Sans", HighAnsi = "DejaVu Sans", ComplexScript = "DejaVu Sans" });
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }

        properties.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var run = new Run(properties);
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        var paragraphProperties = new ParagraphProperties(new SpacingBetweenLines { Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture), After = after.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (align is { } a)
        {
            paragraphProperties.Append(new Justification { Val = a });
        }

        return new Paragraph(paragraphProperties, run);
    }

    private static Table Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<double> widths, int numericFrom, bool boldFirstColumn, bool withHeader)
    {
        const int fullWidth = 9638;
        var total = widths.Sum();
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4, Color = "A0A6B2" },
            new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "A0A6B2" },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "A0A6B2" });
        var margins = new TableCellMarginDefault(
            new TopMargin { Width = "45", Type = TableWidthUnitValues.Dxa },
            new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
            new BottomMargin { Width = "45", Type = TableWidthUnitValues.Dxa },
            new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa });
        var table = new Table(new TableProperties(border, new TableWidth { Width = fullWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }, margins));
        TableRow Row(IReadOnlyList<string> cells, bool header)
        {
            var row = new TableRow();
            if (header)
            {
                row.Append(new TableRowProperties(new TableHeader()));
            }

            for (var i = 0; i < cells.Count; i++)
            {
                var width = (int)(widths[i] / total * fullWidth);
                var cellProperties = new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
                if (header)
                {
                    cellProperties.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = "ECEFF4" });
                }

                row.Append(new TableCell(cellProperties, Para(cells[i], bold: header || (boldFirstColumn && i == 0), size: 18, after: 0,
                    align: i >= numericFrom ? JustificationValues.Right : null)));
            }

            return row;
        }

        if (withHeader)
        {
            table.Append(Row(headers, true));
        }

        foreach (var row in rows)
        {
            table.Append(Row(row, false));
        }

        return table;
    }
}
