namespace Copil.Domain.Common;

public enum MarkupKind
{
    Paragraph = 0,
    Heading = 1,
    Bullet = 2,

    /// <summary>Lines starting with « | »: a table, its first row the headers.</summary>
    Table = 3,
}

/// <summary>One block of a text written in the simple markup: a paragraph, a sub-heading, a bullet or a table (its <see cref="Rows"/>, headers first).</summary>
public sealed record MarkupBlock(MarkupKind Kind, string Text, IReadOnlyList<IReadOnlyList<string>>? Rows = null)
{
    public IReadOnlyList<string> Headers => Rows is { Count: > 0 } rows ? rows[0] : [];

    public IEnumerable<IReadOnlyList<string>> Body => Rows?.Skip(1) ?? [];
}

/// <summary>
/// The formatting the qualitative texts allow: paragraphs separated by a blank line, "## " for a sub-heading, "- " for
/// a bullet, lines starting with "|" for a table (cells separated by "|", the first row its headers). Nothing else, and never HTML: every renderer (page, PDF, DOCX) encodes the text, so what a user writes can
/// neither break the layout nor inject anything.
/// </summary>
public static class SimpleMarkup
{
    public static IReadOnlyList<MarkupBlock> Parse(string? text)
    {
        var blocks = new List<MarkupBlock>();
        var paragraph = new List<string>();
        var table = new List<IReadOnlyList<string>>();
        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new(MarkupKind.Paragraph, string.Join(' ', paragraph)));
                paragraph.Clear();
            }

            if (table.Count > 0)
            {
                var width = table.Max(r => r.Count);
                // Every row as wide as the widest: a cell left out is blank, never a shifted column.
                blocks.Add(new(MarkupKind.Table, string.Join(" ", table[0]), [.. table.Select(r => (IReadOnlyList<string>)[.. r, .. Enumerable.Repeat("", width - r.Count)])]));
                table.Clear();
            }
        }

        foreach (var raw in (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                Flush();
            }
            else if (line.StartsWith('|'))
            {
                if (paragraph.Count > 0)
                {
                    blocks.Add(new(MarkupKind.Paragraph, string.Join(' ', paragraph)));
                    paragraph.Clear();
                }

                var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToList();
                // « |---|---| » under the headers, as people type it out of habit: not a row.
                if (!cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':')))
                {
                    table.Add(cells);
                }
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("# ", StringComparison.Ordinal))
            {
                Flush();
                blocks.Add(new(MarkupKind.Heading, line.TrimStart('#').Trim()));
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal) || line.StartsWith("• ", StringComparison.Ordinal))
            {
                Flush();
                blocks.Add(new(MarkupKind.Bullet, line[2..].Trim()));
            }
            else
            {
                if (table.Count > 0)
                {
                    Flush();
                }

                paragraph.Add(line);
            }
        }

        Flush();
        return blocks;
    }
}
