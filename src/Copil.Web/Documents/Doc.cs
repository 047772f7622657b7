namespace Copil.Web.Documents;

/// <summary>A block of an administrative document, rendered the same way to PDF and to DOCX.</summary>
public abstract record DocBlock;

public sealed record DocHeading(string Text) : DocBlock;

public sealed record DocParagraph(string Text, bool Muted = false) : DocBlock;

/// <summary>Label : value lines, as on a French administrative form.</summary>
public sealed record DocFields(IReadOnlyList<(string Label, string Value)> Items) : DocBlock;

/// <summary>A table; <paramref name="Widths"/> are relative column widths; columns from <paramref name="NumericFrom"/> are right-aligned.</summary>
public sealed record DocTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<double> Widths, int NumericFrom = int.MaxValue) : DocBlock;

/// <summary>A whole document: a running header (the agreement), a title, blocks, and the footer every page carries (art. 11).</summary>
public sealed record Doc(string RunningHeader, string Title, string Subtitle, IReadOnlyList<DocBlock> Blocks, string Footer);

/// <summary>
/// Text as an export can hold it: XML (DOCX, XLSX) and fonts (PDF) cannot carry control characters other than tab and
/// line breaks, nor lone surrogates; a value stored before input was checked must still export, so they are dropped.
/// </summary>
public static class ExportText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            clean = Keeps(text, i);
        }

        if (clean)
        {
            return text;
        }

        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (Keeps(text, i))
            {
                kept.Append(text[i]);
            }
        }

        return kept.ToString();
    }

    /// <summary>The whole document, every text of every block cleaned.</summary>
    public static Doc Clean(Doc doc) => new(Clean(doc.RunningHeader), Clean(doc.Title), Clean(doc.Subtitle), [.. doc.Blocks.Select(Clean)], Clean(doc.Footer));

    private static DocBlock Clean(DocBlock block) => block switch
    {
        DocHeading h => new DocHeading(Clean(h.Text)),
        DocParagraph p => p with { Text = Clean(p.Text) },
        DocFields f => new DocFields([.. f.Items.Select(x => (Clean(x.Label), Clean(x.Value)))]),
        DocTable t => t with { Headers = [.. t.Headers.Select(Clean)], Rows = [.. t.Rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Clean)])] },
        _ => block,
    };

    private static bool Keeps(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i > 0 && char.IsHighSurrogate(text[i - 1]);
        }

        return !(char.IsControl(c) && c is not ('\t' or '\n' or '\r')) && c is not ('\uFFFE' or '\uFFFF');
    }
}
