using System.Globalization;
using Copil.Domain.Actions;
using Copil.Domain.Common;
using Copil.Domain.Reporting;
using Copil.Web.Documents;

namespace Copil.Web.Features.Reporting;

/// <summary>An amount in a figure table: shown in euros, exported as a number of euros.</summary>
public sealed record Amount(long Cents);

/// <summary>A share in a figure table, in basis points: shown as "12,5 %", exported as 12.5.</summary>
public sealed record Rate(int? BasisPoints);

/// <summary>How a table is drawn: bars of one column, optionally next to a second series (a target).</summary>
public sealed record ChartSpec(int ValueColumn, int? SecondColumn = null, string? Description = null);

/// <summary>
/// One table of figures, the single source of a chart, its data table on the page, its CSV and XLSX exports and its
/// place in the documents: what a chart shows is always in a table next to it.
/// </summary>
public sealed record FigureTable(string Key, string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows, ChartSpec? Chart = null, string? Note = null)
{
    public static string Display(object? value) => value switch
    {
        null => "—",
        Amount a => FrenchText.Euros(a.Cents),
        Rate { BasisPoints: { } bp } => FrenchText.Percent(bp),
        Rate => "—",
        int i => i.ToString("N0", CultureInfo.GetCultureInfo("fr-FR")),
        long l => l.ToString("N0", CultureInfo.GetCultureInfo("fr-FR")),
        _ => value.ToString() ?? "",
    };

    public static object? Export(object? value) => value switch
    {
        Amount a => a.Cents / 100m,
        Rate { BasisPoints: { } bp } => bp / 100m,
        Rate => null,
        _ => value,
    };

    public static double? Number(object? value) => value switch
    {
        Amount a => a.Cents / 100.0,
        Rate { BasisPoints: { } bp } => bp / 100.0,
        int i => i,
        long l => l,
        _ => null,
    };

    public bool IsNumeric(int column) => Rows.Any(r => Number(r[column]) is not null);

    public byte[] Csv() => Spreadsheets.Csv(Headers, Rows.Select(r => (IReadOnlyList<object?>)[.. r.Select(Export)]));

    public SpreadsheetTable ForWorkbook() => new(Caption, Headers, [.. Rows.Select(r => (IReadOnlyList<object?>)[.. r.Select(Export)])]);

    public DocTable ForDocument()
    {
        var numericFrom = Enumerable.Range(0, Headers.Count).FirstOrDefault(c => c > 0 && IsNumeric(c), Headers.Count);
        return new DocTable(Headers, [.. Rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Display)])],
            // Wide enough for the longest word of each column, so that no word breaks in the middle.
            [.. Headers.Select((h, i) => i == 0 ? 3.0 : Math.Max(1.3, Rows.Select(r => Display(r[i])).Append(h).SelectMany(t => t.Split(' ')).Max(w => w.Length) / 6.0))], numericFrom);
    }
}

/// <summary>The tables of a dashboard, in the order of the page.</summary>
public static class DashboardTables
{
    public static IReadOnlyList<FigureTable> For(Dashboard d)
    {
        var tables = new List<FigureTable>
        {
            Money(d.Money),
            new("statuts", "Actions par statut", ["Statut", "Actions", "Montant engagé"],
                [.. d.ByStatus.Select(r => Row(r.Label, r.Actions, new Amount(r.CommittedCents)))], new ChartSpec(1)),
            new("axes", "Actions par axe de coopération", ["Axe", "Actions", "Montant engagé"],
                [.. d.ByAxis.Select(r => Row(r.Label, r.Actions, new Amount(r.CommittedCents)))], new ChartSpec(1)),
            new("niveaux", "Actions par niveau", ["Niveau", "Actions", "Montant engagé"],
                [.. d.ByLevel.Select(r => Row(r.Label, r.Actions, new Amount(r.CommittedCents)))]),
            new("territoires", "Actions par région académique", ["Région académique", "Actions", "Montant engagé"],
                [.. d.ByTerritory.Select(r => Row(r.Label, r.Actions, new Amount(r.CommittedCents)))], new ChartSpec(1),
                "Une action menée dans plusieurs régions compte dans chacune : la colonne ne s'additionne pas."),
            new("publics", "Bénéficiaires par public : visés et touchés", ["Public", "Visés", "Touchés", "Taux d'atteinte", "Femmes", "Hommes", "En situation de handicap"],
                [.. d.Publics.Select(r => Row(r.Label, r.Targeted, r.Reached, new Rate(r.Targeted > 0 ? (int)Math.Round(r.Reached * 10_000m / r.Targeted) : null), r.Women, r.Men, r.WithDisability))],
                new ChartSpec(1, 2, "Barres foncées : effectifs visés par les actions engagées ; barres claires : effectifs touchés selon les fiches de réalisation."),
                "Visés : actions validées de l'année ; touchés : fiches de réalisation remises."),
            new("equilibre", "Équilibre entre lycéens, étudiants et apprentis (art. 15)", ["Public", "Visés", "Part des visés", "Touchés", "Part des touchés"],
                [.. YouthBalance.Publics.Select(p => Row(ActionLabels.Public(p), d.YouthTargeted.Count(p), new Rate(d.YouthTargeted.Share(p)), d.YouthReached.Count(p), new Rate(d.YouthReached.Share(p))))],
                new ChartSpec(2, 4, "Barres foncées : part de chaque public parmi les visés ; barres claires : parmi les touchés."),
                $"Visés : {d.YouthTargeted.Verdict} Touchés : {d.YouthReached.Verdict}"),
            new("mixite", "Femmes et hommes parmi les bénéficiaires (art. 8)", ["Sexe", "Bénéficiaires", "Part"],
                [Row("Femmes", d.Gender.Women, new Rate(d.Gender.WomenShare)), Row("Hommes", d.Gender.Men, new Rate(d.Gender.WomenShare is { } w ? 10_000 - w : null)), Row("Non renseigné", d.Gender.Unknown, new Rate(null))],
                new ChartSpec(1), d.Gender.Verdict),
            new("indicateurs", "Indicateurs : cibles et résultats", ["Indicateur", "Unité", "Actions", "Fiches de réalisation", "Cible totale", "Atteint", "Taux (fiches remises)"],
                [.. d.Indicators.Select(r => Row(r.Name, r.Unit, r.Actions, r.Reported, r.Target, r.Achieved, new Rate(r.RateBasisPoints)))],
                Note: "Le taux compare, pour les seules actions dont la fiche de réalisation est remise, la valeur atteinte à la cible."),
        };
        return tables;
    }

    public static FigureTable Money(YearMoney m) => new("budget", $"Budget {m.Year} : engagements et plafond (art. 16)", ["Poste", "Montant"],
        [
            Row("Plafond annuel (convention d'objectifs et de moyens)", m.CeilingCents is { } c ? new Amount(c) : "non fixé"),
            Row("Montants demandés à l'OPCO", new Amount(m.AskedCents)),
            Row("Montants approuvés", new Amount(m.ApprovedCents)),
            Row("Modifications validées", new Amount(m.ChangedCents)),
            Row("Engagé (approuvé et modifié)", new Amount(m.CommittedCents)),
            Row("Reste sous le plafond", m.RemainingCents is { } r ? new Amount(r) : "—"),
            Row("Modifications en attente de décision", new Amount(m.PendingCents)),
            Row("Coûts réels déclarés", new Amount(m.RealCostsCents)),
            Row("dont coûts réels éligibles", new Amount(m.EligibleRealCostsCents)),
            Row("Dû (fiches de réalisation acceptées)", new Amount(m.DueCents)),
            Row("Frais de gestion des actions engagées", new Amount(m.FeesCents)),
            Row("Dépenses inéligibles des actions engagées (personnel, en nature, non retenues)", new Amount(m.IneligibleCents)),
        ]);

    private static object?[] Row(params object?[] cells) => cells;
}

/// <summary>What art. 10 amounted to in the year (loans, donations, access to resources), as one more table of the dashboard and the annual report.</summary>
public static class MaterialTable
{
    public static FigureTable For(Copil.Domain.Materials.MaterialFigures m) => new(
        "materiels",
        m.Count == 0 ? $"Matériels et documentation (art. 10) en {m.Year} : aucun prêt ni aucune dotation"
            : $"Matériels et documentation (art. 10) en {m.Year} : {FrenchText.Plural(m.Count, "prêt ou dotation", "prêts ou dotations")}, {FrenchText.Euros(m.ValueCents)}",
        ["Forme", "Nombre", "Valeur"],
        [.. m.ByKind.Select(k => (IReadOnlyList<object?>)[Copil.Domain.Materials.MaterialSupport.KindLabel(k.Kind), k.Count, new Amount(k.ValueCents)])],
        Note: m.LoansOutstanding > 0 ? $"{FrenchText.Plural(m.LoansOutstanding, "prêt non rendu", "prêts non rendus")} à la date prévue." : null);
}


/// <summary>The money committed each year of the agreement against its ceiling (art. 16): the years side by side.</summary>
public static class CeilingYearsTable
{
    public static FigureTable For(IReadOnlyList<YearMoney> years) => new(
        "plafond-annees",
        "Montant engagé et plafond annuel, année par année (art. 16)",
        ["Année", "Montant engagé", "Plafond", "Part du plafond"],
        [.. years.Select(y => (IReadOnlyList<object?>)[y.Year.ToString(CultureInfo.InvariantCulture), new Amount(y.CommittedCents), y.CeilingCents is { } c ? new Amount(c) : null, new Rate(y.CommittedShareBasisPoints)])],
        new ChartSpec(1, 2, "Barres foncées : montant engagé ; barres claires : plafond annuel (absent quand la convention n'en fixe pas)."),
        Note: years.Any(y => y.OverCeiling) ? $"Plafond dépassé en {string.Join(", ", years.Where(y => y.OverCeiling).Select(y => y.Year))}." : null);
}
