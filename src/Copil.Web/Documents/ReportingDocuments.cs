using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Reporting;
using Copil.Web.Features.Reporting;

namespace Copil.Web.Documents;

/// <summary>
/// The bilan annuel and the programme d'actions annuel as documents (PDF, DOCX) and their figures as an XLSX annex.
/// Every figure comes from the same <see cref="FigureTable"/>s as the pages; no ministry logo (art. 11).
/// </summary>
public static class ReportingDocuments
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static Doc AnnualReport(Agreement agreement, AnnualReport report, int versionNumber, AnnualReportFigures figures, DateOnly today, Features.Reporting.AgreementRulesYear? rules = null)
    {
        var version = report.Versions.Single(v => v.Number == versionNumber);
        var due = Domain.Reporting.AnnualReport.DueDate(agreement.Terms, report.Year);
        var tables = DashboardTables.For(figures.Dashboard).ToDictionary(t => t.Key);
        var blocks = new List<DocBlock>
        {
            new DocFields(
            [
                ("Convention", $"{agreement.Title} ({agreement.Reference})"),
                ("Année", report.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Échéance", $"{FrenchText.Date(due.Date)} ({agreement.Terms.AnnualReportArticle} : bilan adressé {due.Explanation})"),
                ("Présenté à la commission de l'OPCO", report.CommissionPresentedOn is { } c ? FrenchText.Date(c) : "—"),
                ("Présenté au conseil d'administration", report.BoardPresentedOn is { } b ? FrenchText.Date(b) : "—"),
                ("Version", $"{version.Number}{(version.SentOn is { } sent ? $", adressée aux signataires le {FrenchText.Date(sent)}" : ", en rédaction")}"),
            ]),
        };

        var summary = version.Sections.FirstOrDefault(s => s.AxisId is null);
        blocks.Add(new DocHeading("1. Synthèse de l'année"));
        blocks.AddRange(Markup(summary?.Text));

        blocks.Add(new DocHeading("2. Chiffres de l'année"));
        blocks.Add(new DocParagraph($"{FrenchText.Plural(figures.Actions.Count, "action engagée", "actions engagées")} en {report.Year} pour {FrenchText.Euros(figures.Dashboard.Money.CommittedCents)} (une action compte dans l'année où elle commence) ; {FrenchText.Plural(figures.ValidatedDuringYear, "action validée", "actions validées")} par le comité au cours de l'année, pour {FrenchText.Euros(figures.ValidatedDuringYearCents)}.", Muted: true));
        // The same definitions and reconciliation as the pages: the document a ministry signs says how it counts.
        blocks.AddRange(figures.Reconciliation.Lines.Select(line => new DocParagraph(line, Muted: true)));
        foreach (var key in new[] { "budget", "publics", "equilibre", "mixite", "indicateurs" })
        {
            blocks.Add(new DocParagraph(tables[key].Caption));
            blocks.Add(tables[key].ForDocument());
            if (tables[key].Note is { } note)
            {
                blocks.Add(new DocParagraph(note, Muted: true));
            }
        }

        blocks.Add(new DocHeading("3. Actions par axe de coopération"));
        var axisPosition = 0;
        foreach (var axis in agreement.Axes.OrderBy(a => a.Position))
        {
            var actions = figures.Actions.Where(a => a.AxisId == axis.Id).ToList();
            var text = version.Sections.FirstOrDefault(s => s.AxisId == axis.Id)?.Text;
            if (actions.Count == 0 && string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            axisPosition++;
            var line = figures.ByAxis.FirstOrDefault(s => s.AxisId == axis.Id);
            blocks.Add(new DocParagraph($"3.{axisPosition}. {axis.Title} ({axis.Article})"));
            if (line is not null)
            {
                blocks.Add(new DocParagraph($"{FrenchText.Plural(line.Actions, "action", "actions")}, dont {line.Reported} avec fiche de réalisation ; {FrenchText.Euros(line.CommittedCents)} engagés, {FrenchText.Euros(line.DueCents)} dus ; {line.Reached:#,0} bénéficiaires touchés.", Muted: true));
            }

            blocks.AddRange(Markup(text));
            if (actions.Count > 0)
            {
                blocks.Add(ReportActionsTable(actions));
            }
        }

        blocks.Add(new DocHeading("4. Actions par territoire"));
        blocks.Add(tables["territoires"].ForDocument());
        blocks.Add(new DocParagraph(tables["territoires"].Note!, Muted: true));

        var next = 5;
        if (rules is not null)
        {
            blocks.Add(new DocHeading($"{next++}. Règles propres à la convention (art. 10, 11 et 12)"));
            blocks.AddRange(rules.ForDocument());
        }

        blocks.Add(new DocHeading($"{next++}. Données manquantes ou à vérifier"));
        blocks.AddRange(figures.Missing.Count == 0
            ? [new DocParagraph("Aucune : toutes les actions de l'année ont remis leur fiche de réalisation.")]
            : figures.Missing.Select(m => (DocBlock)new DocParagraph("• " + m.Message)));

        blocks.Add(new DocHeading($"{next}. Validation par les signataires"));
        var responses = report.ResponsesOn(versionNumber);
        blocks.Add(new DocFields([.. Domain.Reporting.AnnualReport.Validators(agreement).Select(p =>
        {
            var answers = responses.Where(r => r.PartyId == p.Id).ToList();
            return (p.ShortName, answers.Count == 0 ? "en attente" : string.Join(" ; ", answers.Select(r => r.Validated ? $"validé le {FrenchText.Date(r.On)}" : $"remarques le {FrenchText.Date(r.On)} : {r.Comment}")));
        })]));

        var status = report.Status == AnnualReportStatus.Validated && versionNumber == report.CurrentVersion.Number
            ? "version validée par les signataires"
            : $"version {version.Number}, {Domain.Reporting.AnnualReport.StatusLabel(report.Status)}";
        return new Doc(SheetDocuments.Header(agreement), $"Bilan annuel {report.Year}", $"{status} — édité le {FrenchText.Date(today)}", blocks, SheetDocuments.Footer(agreement));
    }

    public static Doc AnnualPlan(Agreement agreement, int year, AnnualPlan? plan, IReadOnlyList<ActionFigures> validated, IReadOnlyList<ActionFigures> awaiting, long? ceilingCents, DateOnly today)
    {
        var blocks = new List<DocBlock>
        {
            new DocFields(
            [
                ("Convention", $"{agreement.Title} ({agreement.Reference})"),
                ("Année", year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Priorités fixées par", plan?.DecidedAt ?? "—"),
                ("Actions validées par le comité", $"{validated.Count}, pour {FrenchText.Euros(validated.Sum(a => a.CommittedCents))}"),
                ("Plafond annuel", ceilingCents is { } c ? FrenchText.Euros(c) : "non fixé"),
            ]),
            new DocHeading("1. Priorités de l'année"),
        };
        blocks.AddRange(Markup(plan?.Priorities));
        blocks.Add(new DocHeading("2. Actions validées par le comité"));
        blocks.Add(validated.Count == 0 ? new DocParagraph("Aucune action validée pour cette année.") : PlanActionsTable(validated, agreement));
        if (awaiting.Count > 0)
        {
            blocks.Add(new DocHeading("3. Actions en attente de décision"));
            blocks.Add(PlanActionsTable(awaiting, agreement));
        }

        return new Doc(SheetDocuments.Header(agreement), $"Programme d'actions {year}", $"édité le {FrenchText.Date(today)}", blocks, SheetDocuments.Footer(agreement));
    }

    /// <summary>The annex of figures: every dashboard table, then one line per action.</summary>
    public static byte[] Annex(Dashboard dashboard, IReadOnlyList<ActionFigures> actions, Agreement agreement) =>
        Spreadsheets.Workbook([.. DashboardTables.For(dashboard).Select(t => t.ForWorkbook()), ActionsSheet(actions, agreement)]);

    public static SpreadsheetTable ActionsSheet(IReadOnlyList<ActionFigures> actions, Agreement agreement) => new("Actions",
        ["N°", "Intitulé", "Porteur", "Axe", "Niveau", "Régions académiques", "Début", "Fin", "Statut", "Montant engagé (€)", "Montant dû (€)", "Bénéficiaires touchés"],
        [.. actions.OrderBy(a => a.Number).Select(a => (IReadOnlyList<object?>)
        [
            a.Number, a.Title, a.CarrierOrganisation, agreement.Axes.FirstOrDefault(x => x.Id == a.AxisId)?.Title, a.Level is { } l ? ActionLabels.Level(l) : null,
            string.Join(", ", a.RegionCodes.Select(ReportingQueries.RegionName)), a.StartsOn, a.EndsOn, ActionLabels.Status(a.Status),
            a.CommittedCents / 100m, a.AmountDueCents is { } due ? due / 100m : null, a.HasReport ? a.Report!.Beneficiaries.Sum(b => b.Total) : null,
        ])]);

    public static (byte[] Content, string ContentType, string Extension) Render(Doc doc, string format) => format == "docx"
        ? (DocxRenderer.Render(doc), DocxType, "docx")
        : (PdfRenderer.Render(doc), "application/pdf", "pdf");

    /// <summary>The actions of an axis in the report: where, how far, what was committed, due and reached.</summary>
    private static DocTable ReportActionsTable(IReadOnlyList<ActionFigures> actions) => new(
        ["N°", "Action", "Territoire", "Statut", "Engagé", "Dû", "Touchés"],
        [.. actions.OrderBy(a => a.Number).Select(a => (IReadOnlyList<string>)
        [
            a.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Title, Territory(a), ActionLabels.Status(a.Status),
            FrenchText.Euros(a.CommittedCents), a.AmountDueCents is { } due ? FrenchText.Euros(due) : "—",
            a.HasReport ? a.Report!.Beneficiaries.Sum(b => b.Total).ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) : "—",
        ])],
        [6, 22, 20, 13, 14, 14, 11], 4);

    /// <summary>The actions of the plan: their axis, where, and the amount validated (or asked, while undecided).</summary>
    private static DocTable PlanActionsTable(IReadOnlyList<ActionFigures> actions, Agreement agreement) => new(
        ["N°", "Action", "Axe", "Territoire", "Montant"],
        [.. actions.OrderBy(a => a.Number).Select(a => (IReadOnlyList<string>)
        [
            a.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Title, agreement.Axes.FirstOrDefault(x => x.Id == a.AxisId)?.Article ?? "—", Territory(a),
            FrenchText.Euros(a.PendingChangeCents ?? a.InForceCents ?? a.AskedCents),
        ])],
        [6, 42, 8, 26, 18], 4);

    private static string Territory(ActionFigures a) =>
        a.RegionCodes.Count == 0 ? "national" : string.Join(", ", a.RegionCodes.Select(ReportingQueries.RegionName));

    private static IEnumerable<DocBlock> Markup(string? text)
    {
        var blocks = SimpleMarkup.Parse(text);
        if (blocks.Count == 0)
        {
            yield return new DocParagraph("(partie non rédigée)", Muted: true);
            yield break;
        }

        foreach (var block in blocks)
        {
            yield return block.Kind switch
            {
                MarkupKind.Heading => new DocParagraph(block.Text.ToUpperInvariant()),
                MarkupKind.Bullet => new DocParagraph("• " + block.Text),
                MarkupKind.Table => MinutesDocument.Table(block),
                _ => new DocParagraph(block.Text),
            };
        }
    }
}
