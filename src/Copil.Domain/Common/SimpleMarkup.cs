namespace Copil.Domain.Common;

public enum MarkupKind
{
    Paragraph = 0,
    Heading = 1,
    Bullet = 2,
}

/// <summary>One block of a text written in the simple markup: a paragraph, a sub-heading or a bullet.</summary>
public sealed record MarkupBlock(MarkupKind Kind, string Text);

/// <summary>
/// The formatting the qualitative texts allow: paragraphs separated by a blank line, "## " for a sub-heading, "- " for
/// a bullet. Nothing else, and never HTML: every renderer (page, PDF, DOCX) encodes the text, so what a user writes can
/// neither break the layout nor inject anything.
/// </summary>
public static class SimpleMarkup
{
    public static IReadOnlyList<MarkupBlock> Parse(string? text)
    {
        var blocks = new List<MarkupBlock>();
        var paragraph = new List<string>();
        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new(MarkupKind.Paragraph, string.Join(' ', paragraph)));
                paragraph.Clear();
            }
        }

        foreach (var raw in (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                Flush();
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
                paragraph.Add(line);
            }
        }

        Flush();
        return blocks;
    }
}
