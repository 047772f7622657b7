using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Common;

namespace Copil.Web.Documents;

/// <summary>The minutes as a document: the text as written (one paragraph per line), then how it was reviewed and validated.</summary>
public static class MinutesDocument
{
    public static Doc For(Agreement agreement, Meeting meeting, Minutes minutes, int versionNumber, DateOnly today)
    {
        var version = minutes.Versions.Single(v => v.Number == versionNumber);
        var blocks = new List<DocBlock>();
        foreach (var line in version.Text.ReplaceLineEndings("\n").Split('\n').Skip(1))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                blocks.Add(new DocParagraph(line));
            }
        }

        blocks.Add(new DocHeading("Relecture et validation (art. 14)"));
        var validated = minutes.Status == MinutesStatus.Validated && versionNumber == minutes.Current.Number;
        blocks.Add(new DocFields(
        [
            ("Version", $"{version.Number}{(validated ? " (validée)" : "")}"),
            ("Relecture", minutes.Reviews.Count == 0 ? "—" : string.Join(" ; ", minutes.Reviews.Where(r => r.VersionNumber == versionNumber).Select(r => $"{r.Directorate} : {(r.Approved ? "approuvé" : "remarques")} le {FrenchText.Date(r.On)}"))),
            ("Validation", validated ? $"le {FrenchText.Date(minutes.ValidatedOn!.Value)} — {minutes.Validation!.Explanation}" : "non validée"),
            ("Empreinte SHA-256", validated ? minutes.ContentHash! : "—"),
        ]));
        var status = validated ? "version validée" : $"version {version.Number}, {Minutes.StatusLabel(minutes.Status)} — document de travail";
        return new Doc(SheetDocuments.Header(agreement), $"Compte-rendu — {meeting.Label}", $"{status} — édité le {FrenchText.Date(today)}", blocks, SheetDocuments.Footer(agreement));
    }
}
