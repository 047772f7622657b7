using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Copil.Web.Documents;

/// <summary>A named table of a workbook.</summary>
public sealed record SpreadsheetTable(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>Lists as CSV (semicolon, UTF-8 with BOM: what French Excel opens) and as XLSX.</summary>
public static class Spreadsheets
{
    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        text.Append(CsvLine(headers)).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(CsvLine(row)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>The same CSV written to a stream as it goes, for lists too long to hold in memory twice.</summary>
    public static async Task WriteCsvAsync(Stream stream, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(true), 16 * 1024, leaveOpen: true);
        await writer.WriteAsync((CsvLine(headers) + "\r\n").AsMemory(), ct);
        foreach (var row in rows)
        {
            await writer.WriteAsync((CsvLine(row) + "\r\n").AsMemory(), ct);
        }
    }

    private static string CsvLine(IEnumerable<object?> row) =>
        string.Join(';', row.Select(v => Escape(v switch
        {
            null => "",
            decimal d => d.ToString(CultureInfo.GetCultureInfo("fr-FR")),
            DateOnly date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        })));

    public static byte[] Xlsx(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows) =>
        Workbook([new SpreadsheetTable(sheetName, headers, [.. rows])]);

    /// <summary>Several tables in one workbook, one worksheet each (names cut to Excel's 31 characters).</summary>
    public static byte[] Workbook(IReadOnlyList<SpreadsheetTable> tables)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { FontId = 1, ApplyFont = true },
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true }));
            var sheets = new Sheets();
            uint id = 1;
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var table in tables)
            {
                var worksheet = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                worksheet.Worksheet = new Worksheet(data);
                data.Append(new Row(table.Headers.Select(h => Text(h, 1))));
                foreach (var row in table.Rows)
                {
                    data.Append(new Row(row.Select(Cell)));
                }

                var name = new string([.. table.Name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]);
                name = name.Length > 31 ? name[..31] : name;
                while (!used.Add(name))
                {
                    name = $"{name[..Math.Min(name.Length, 28)]} {id}";
                }

                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = id++, Name = name });
            }

            workbook.Workbook.AppendChild(sheets);
        }

        return stream.ToArray();
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        decimal d => new Cell { CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture)), DataType = CellValues.Number, StyleIndex = 3 },
        int or long => new Cell { CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!), DataType = CellValues.Number },
        // Dates as serial numbers with a date format, so that Excel sorts and filters them.
        DateOnly date => new Cell { CellValue = new CellValue((date.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture)), DataType = CellValues.Number, StyleIndex = 2 },
        _ => Text(value.ToString() ?? "", 0),
    };

    private static Cell Text(string text, uint style) =>
        new(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(ExportText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };

    /// <summary>
    /// A CSV field: quoted when it holds a separator, a quote or a line break; a value a spreadsheet would run as a formula
    /// (starting with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe (OWASP CSV injection).
    /// </summary>
    private static string Escape(string value)
    {
        value = ExportText.Clean(value);
        var formula = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        return formula || value.IndexOfAny([';', '"', '\n', '\r']) >= 0
            ? $"\"{(formula ? "'" : "")}{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;
    }
}
