using Copil.Domain.Common;

namespace Copil.Domain.Reporting;

/// <summary>A line of the report per cooperation axis.</summary>
public sealed record AxisSummary(Guid? AxisId, string Axis, int Actions, int Reported, long CommittedCents, long DueCents, long Reached);

/// <summary>
/// The quantitative part of the bilan annuel of year N, generated from what was recorded: the actions of the year
/// (those that start in N, ADR 12) that the committee validated, their completion reports, and the decisions taken
/// during N. What is missing is listed, never silently left out of a total.
/// </summary>
public sealed record AnnualReportFigures(
    int Year,
    Dashboard Dashboard,
    IReadOnlyList<ActionFigures> Actions,
    IReadOnlyList<AxisSummary> ByAxis,
    int ValidatedDuringYear,
    long ValidatedDuringYearCents,
    IReadOnlyList<DataIssue> Missing)
{
    /// <summary>How these figures meet the dashboard's of the same year.</summary>
    public FigureReconciliation Reconciliation { get; init; } = FigureReconciliation.Compute(Year, []);

    public static AnnualReportFigures Compute(int year, IReadOnlyCollection<ActionFigures> actions, long? ceilingCents,
        IReadOnlyList<(Guid Id, string Title)> axes, Func<string, string> regionName)
    {
        var axisNames = axes.ToDictionary(a => a.Id, a => a.Title);
        var dashboard = Dashboard.Compute(year, new DashboardFilter(), actions, ceilingCents, axisNames, regionName);
        var ofYear = actions.Where(a => a.Year == year && a.IsCommitted).OrderBy(a => a.Number).ToList();
        var missing = new List<DataIssue>();
        var yearEnd = new DateOnly(year, 12, 31);
        foreach (var a in ofYear)
        {
            if (!a.HasReport && a.EndsOn is { } end && end <= yearEnd)
            {
                missing.Add(new("report.missing", $"Fiche n° {a.Number} « {a.Title} » : action terminée le {FrenchText.Date(end)}, fiche de réalisation non remise ; ses bénéficiaires, indicateurs et coûts réels ne sont pas comptés.", a.Number, a.SheetId));
            }
            else if (!a.HasReport)
            {
                missing.Add(new("report.running", $"Fiche n° {a.Number} « {a.Title} » : action en cours au 31 décembre {year} (fin prévue le {(a.EndsOn is { } e ? FrenchText.Date(e) : "non indiquée")}) ; ses résultats seront comptés à sa fiche de réalisation.", a.Number, a.SheetId));
            }
            else if (a.ReportAcceptedOn is null)
            {
                missing.Add(new("report.not-accepted", $"Fiche n° {a.Number} « {a.Title} » : fiche de réalisation remise le {FrenchText.Date(a.ReportSubmittedOn!.Value)}, pas encore acceptée ; ses chiffres sont provisoires et aucun montant n'est encore dû.", a.Number, a.SheetId));
            }
        }

        // One line for all the reports that leave some people's sex unrecorded: a detail of each report, not a missing report.
        var sexUnknown = ofYear.Where(a => a.HasReport).Select(a => (a.Number, Unknown: a.Report!.Beneficiaries.Sum(b => b.Total - b.Women - b.Men))).Where(x => x.Unknown > 0).ToList();
        if (sexUnknown.Count > 0)
        {
            var people = sexUnknown.Sum(x => x.Unknown);
            var numbers = string.Join(", ", sexUnknown.Take(10).Select(x => x.Number)) + (sexUnknown.Count > 10 ? "…" : "");
            missing.Add(new("report.sex-unknown", $"Sexe non renseigné pour {people} {(people > 1 ? "bénéficiaires" : "bénéficiaire")} dans {FrenchText.Plural(sexUnknown.Count, "fiche de réalisation", "fiches de réalisation")} (n° {numbers}) ; la mixité (art. 8) est calculée sans eux.",
                sexUnknown.Count == 1 ? sexUnknown[0].Number : null, sexUnknown.Count == 1 ? ofYear.First(a => a.Number == sexUnknown[0].Number).SheetId : null));
        }

        foreach (var a in actions.Where(a => a.Year is null && a.IsCommitted).OrderBy(a => a.Number))
        {
            missing.Add(new("report.no-year", $"Fiche n° {a.Number} « {a.Title} » : validée sans date de début ; elle n'est comptée dans aucune année.", a.Number, a.SheetId));
        }

        missing.AddRange(dashboard.Money.Issues);

        var byAxis = ofYear.GroupBy(a => a.AxisId)
            .Select(g => new AxisSummary(g.Key, g.Key is { } id && axisNames.TryGetValue(id, out var n) ? n : "Sans axe", g.Count(), g.Count(a => a.HasReport),
                g.Sum(a => a.CommittedCents), g.Sum(a => a.AmountDueCents ?? 0), g.Where(a => a.HasReport).Sum(a => (long)a.Report!.Beneficiaries.Sum(b => b.Total))))
            .OrderBy(s => s.AxisId is { } id ? axes.ToList().FindIndex(x => x.Id == id) : int.MaxValue).ToList();
        var decided = actions.Where(a => a.CommitteeValidatedOn?.Year == year).ToList();
        return new AnnualReportFigures(year, dashboard, ofYear, byAxis, decided.Count, decided.Sum(a => a.FirstApprovedCents ?? 0), missing)
        {
            Reconciliation = FigureReconciliation.Compute(year, actions),
        };
    }
}
