using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Common;

namespace Copil.Web.Documents;

/// <summary>The minutes as a document: the text in its markup (headings, bullets, the relevé de décisions as a table), then how it was reviewed and validated.</summary>
public static class MinutesDocument
{
    public static Doc For(Agreement agreement, Meeting meeting, Minutes minutes, int versionNumber, DateOnly today)
    {
        var version = minutes.Versions.Single(v => v.Number == versionNumber);
        var blocks = new List<DocBlock>();
        // The text in its simple markup; its first line is the document's title.
        var body = string.Join('\n', version.Text.ReplaceLineEndings("\n").Split('\n').Skip(1));
        foreach (var block in SimpleMarkup.Parse(body))
        {
            blocks.Add(block.Kind switch
            {
                MarkupKind.Heading => new DocHeading(block.Text),
                MarkupKind.Bullet => new DocParagraph($"• {block.Text}"),
                MarkupKind.Table => Table(block),
                _ => new DocParagraph(block.Text),
            });
        }

        blocks.Add(new DocHeading("Relecture et validation (art. 14)"));
        var validated = minutes.Status == MinutesStatus.Validated && versionNumber == minutes.Current.Number;
        blocks.Add(new DocFields(
        [
            ("Version", $"{version.Number}{(validated ? " (validée)" : "")}"),
            ("Relecture", minutes.Reviews.Count == 0 ? "—" : string.Join(" ; ", minutes.Reviews.Where(r => r.VersionNumber == versionNumber).Select(r => $"{r.Directorate} : {(r.Approved ? "approuvé" : "remarques")} le {FrenchText.Date(r.On)}"))),
            ("Validation", validated ? $"le {FrenchText.Date(minutes.ValidatedOn!.Value)} — {minutes.ValidationText}" : "non validée"),
            ("Empreinte SHA-256", validated ? minutes.ContentHash! : "—"),
        ]));
        var status = validated ? "version validée" : $"version {version.Number}, {Minutes.StatusLabel(minutes.Status)} — document de travail";
        // Not the footer of the actions (art. 11): the minutes say what they are.
        return new Doc(SheetDocuments.Header(agreement), $"Compte rendu — {meeting.Label}", $"{status} — édité le {FrenchText.Date(today)}", blocks,
            $"Compte rendu du comité de pilotage de la convention {agreement.Reference} — {meeting.Label}, version {version.Number}{(validated ? ", validée" : "")}. Document établi avec Copil.");
    }

    /// <summary>
    /// A table of the text (the relevé de décisions): each column as wide as its longest cell, within bounds, and never
    /// narrower than its longest word, so that « Abstention » or « 4 voix » are not cut mid-word.
    /// </summary>
    public static DocTable Table(MarkupBlock block)
    {
        var rows = block.Rows!;
        var widths = Enumerable.Range(0, block.Headers.Count).Select(c => Math.Max(
            Math.Min(rows.Max(r => r[c].Length), 50),
            (rows.SelectMany(r => r[c].Split(' ')).Max(w => w.Length) * 2.2) + 6)).ToList();
        var total = widths.Sum();
        return new DocTable(block.Headers, [.. block.Body], [.. widths.Select(w => Math.Round(100 * w / total, 1))]);
    }
}
