using Copil.Domain.Actions;
using Copil.Domain.Common;

namespace Copil.Domain.Reporting;

/// <summary>Which actions of the year a dashboard looks at.</summary>
public sealed record DashboardFilter(Guid? AxisId = null, ActionLevel? Level = null, string? RegionCode = null)
{
    public bool Keeps(ActionFigures a) =>
        (AxisId is null || a.AxisId == AxisId)
        && (Level is null || a.Level == Level)
        && (string.IsNullOrEmpty(RegionCode) || a.RegionCodes.Contains(RegionCode));

    public bool IsEmpty => AxisId is null && Level is null && string.IsNullOrEmpty(RegionCode);
}

/// <summary>A line of a breakdown: how many actions, and the amount they committed.</summary>
public sealed record BreakdownRow(string Key, string Label, int Actions, long CommittedCents);

/// <summary>People targeted by the committed actions and reached according to their completion reports, for one public.</summary>
public sealed record PublicRow(TargetPublic Public, long Targeted, long Reached, long Women, long Men, long WithDisability)
{
    public string Label => ActionLabels.Public(Public);
}

/// <summary>An indicator summed over the actions that share its name and unit.</summary>
public sealed record IndicatorRow(string Name, string Unit, long Target, long Achieved, int Actions, int Reported)
{
    /// <summary>Achieved against target, in basis points, over the actions whose report is in.</summary>
    public int? RateBasisPoints { get; init; }
}

/// <summary>
/// The balance the agreement asks between lycéens, étudiants and apprentis (art. 15: "de manière équitable"). The text
/// sets no figure: Copil flags a public that receives less than half of an equal share (under 1/6 of the three), ADR 12.
/// </summary>
public sealed record YouthBalance(long HighSchoolPupils, long Students, long Apprentices)
{
    public const int MinimumShareBasisPoints = 1667;

    public long Total => HighSchoolPupils + Students + Apprentices;

    public int? Share(TargetPublic p) => Total == 0 ? null : (int)Math.Round(Count(p) * 10_000m / Total, MidpointRounding.AwayFromZero);

    public long Count(TargetPublic p) => p switch
    {
        TargetPublic.HighSchoolPupils => HighSchoolPupils,
        TargetPublic.Students => Students,
        TargetPublic.Apprentices => Apprentices,
        _ => 0,
    };

    public static IReadOnlyList<TargetPublic> Publics { get; } = [TargetPublic.HighSchoolPupils, TargetPublic.Students, TargetPublic.Apprentices];

    /// <summary>Null when nobody was counted: no judgement on nothing.</summary>
    public bool? IsBalanced => Total == 0 ? null : Publics.All(p => Share(p) >= MinimumShareBasisPoints);

    public IReadOnlyList<TargetPublic> UnderServed => Total == 0 ? [] : [.. Publics.Where(p => Share(p) < MinimumShareBasisPoints)];

    public string Verdict => IsBalanced switch
    {
        null => "Aucun lycéen, étudiant ni apprenti compté.",
        true => "Équilibre respecté : chacun des trois publics reçoit au moins la moitié d'une part égale (art. 15).",
        false => $"Déséquilibre : {string.Join(", ", UnderServed.Select(p => ActionLabels.Public(p).ToLowerInvariant()))} sous la moitié d'une part égale (art. 15).",
    };
}

/// <summary>
/// Women and men among the people reached (art. 8: mixité des métiers). Copil flags a share of either sex under 40 %,
/// the threshold French law uses for balanced representation (ADR 12); people whose sex was not recorded are left out.
/// </summary>
public sealed record GenderBalance(long Women, long Men, long Unknown)
{
    public const int MinimumShareBasisPoints = 4000;

    public long Known => Women + Men;

    public int? WomenShare => Known == 0 ? null : (int)Math.Round(Women * 10_000m / Known, MidpointRounding.AwayFromZero);

    public bool? IsBalanced => WomenShare is { } w ? w >= MinimumShareBasisPoints && 10_000 - w >= MinimumShareBasisPoints : null;

    public string Verdict => IsBalanced switch
    {
        null => "Aucune répartition femmes-hommes renseignée.",
        true => $"Mixité respectée : {FrenchText.Percent(WomenShare!.Value)} de femmes (art. 8).",
        false => $"Mixité à renforcer : {FrenchText.Percent(WomenShare!.Value)} de femmes, {FrenchText.Percent(10_000 - WomenShare.Value)} d'hommes (art. 8 ; seuil retenu : 40 %).",
    };
}

/// <summary>The dashboard of one agreement and year: computed from the actions' figures, nothing typed twice.</summary>
public sealed record Dashboard(
    int Year,
    DashboardFilter Filter,
    int ActionCount,
    IReadOnlyList<BreakdownRow> ByStatus,
    IReadOnlyList<BreakdownRow> ByAxis,
    IReadOnlyList<BreakdownRow> ByLevel,
    IReadOnlyList<BreakdownRow> ByTerritory,
    IReadOnlyList<PublicRow> Publics,
    YouthBalance YouthTargeted,
    YouthBalance YouthReached,
    GenderBalance Gender,
    IReadOnlyList<IndicatorRow> Indicators,
    YearMoney Money)
{
    public const string NationalKey = "national";

    /// <summary>The committed actions among those counted (<see cref="FigureVocabulary.Committed"/>).</summary>
    public int CommittedCount => ByStatus.Where(r => Enum.TryParse<ActionStatus>(r.Key, out var status) && ActionFigures.IsCommittedStatus(status)).Sum(r => r.Actions);

    /// <summary>
    /// Breakdowns count every action of the year that was asked; beneficiaries and indicators count the committed
    /// actions (targets) and their reports (reached); money always covers the whole year, since the ceiling does.
    /// </summary>
    public static Dashboard Compute(int year, DashboardFilter filter, IReadOnlyCollection<ActionFigures> actions, long? ceilingCents,
        IReadOnlyDictionary<Guid, string> axisNames, Func<string, string> regionName)
    {
        var ofYear = actions.Where(a => a.Year == year && a.WasAsked && filter.Keeps(a)).ToList();
        var committed = ofYear.Where(a => a.IsCommitted).ToList();

        var byStatus = ofYear.GroupBy(a => a.Status).OrderBy(g => (int)g.Key)
            .Select(g => new BreakdownRow(g.Key.ToString(), ActionLabels.Status(g.Key), g.Count(), g.Sum(a => a.CommittedCents))).ToList();
        var byAxis = ofYear.GroupBy(a => a.AxisId)
            .Select(g => new BreakdownRow(g.Key?.ToString() ?? "", g.Key is { } id && axisNames.TryGetValue(id, out var n) ? n : "Sans axe", g.Count(), g.Sum(a => a.CommittedCents)))
            .OrderBy(r => r.Label, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), false)).ToList();
        var byLevel = ofYear.GroupBy(a => a.Level).OrderBy(g => g.Key is null ? 99 : (int)g.Key)
            .Select(g => new BreakdownRow(g.Key?.ToString() ?? "", g.Key is { } l ? FrenchText.Capitalise(ActionLabels.Level(l)) : "Niveau non indiqué", g.Count(), g.Sum(a => a.CommittedCents))).ToList();
        // An action in two régions counts in each: the territory table does not add up to the total, and says so.
        var byTerritory = ofYear.SelectMany(a => a.RegionCodes.Count == 0 ? [NationalKey] : a.RegionCodes.Distinct(), (a, code) => (a, code))
            .GroupBy(x => x.code)
            .Select(g => new BreakdownRow(g.Key, g.Key == NationalKey ? "National (sans région)" : regionName(g.Key), g.Count(), g.Sum(x => x.a.CommittedCents)))
            .OrderByDescending(r => r.Actions).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();

        var reported = committed.Where(a => a.HasReport).ToList();
        var publics = Enum.GetValues<TargetPublic>()
            .Select(p => new PublicRow(p,
                committed.Sum(a => (long)a.Targets.Where(t => t.Public == p).Sum(t => t.ExpectedCount)),
                reported.Sum(a => (long)a.Report!.Beneficiaries.Where(b => b.Public == p).Sum(b => b.Total)),
                reported.Sum(a => (long)a.Report!.Beneficiaries.Where(b => b.Public == p).Sum(b => b.Women)),
                reported.Sum(a => (long)a.Report!.Beneficiaries.Where(b => b.Public == p).Sum(b => b.Men)),
                reported.Sum(a => (long)a.Report!.Beneficiaries.Where(b => b.Public == p).Sum(b => b.WithDisability))))
            .Where(r => r.Targeted > 0 || r.Reached > 0).ToList();
        YouthBalance Youth(Func<PublicRow, long> pick) => new(
            publics.Where(r => r.Public == TargetPublic.HighSchoolPupils).Sum(pick),
            publics.Where(r => r.Public == TargetPublic.Students).Sum(pick),
            publics.Where(r => r.Public == TargetPublic.Apprentices).Sum(pick));
        var reachedTotal = publics.Sum(r => r.Reached);
        var gender = new GenderBalance(publics.Sum(r => r.Women), publics.Sum(r => r.Men), reachedTotal - publics.Sum(r => r.Women + r.Men));

        var indicators = committed
            .SelectMany(a => a.HasReport
                ? a.Report!.Indicators.Select(i => (Key: (Norm(i.Name), Norm(i.Unit)), i.Name, i.Unit, i.Target, Achieved: i.Achieved, Reported: true))
                : a.Indicators.Select(i => (Key: (Norm(i.Name), Norm(i.Unit)), i.Name, i.Unit, i.Target, Achieved: (long?)null, Reported: false)))
            .GroupBy(x => x.Key)
            .Select(g =>
            {
                var done = g.Where(x => x.Reported).ToList();
                var doneTarget = done.Sum(x => x.Target);
                return new IndicatorRow(g.First().Name, g.First().Unit, g.Sum(x => x.Target), done.Sum(x => x.Achieved ?? 0), g.Count(), done.Count)
                {
                    RateBasisPoints = doneTarget > 0 ? (int)Math.Round(done.Sum(x => x.Achieved ?? 0) * 10_000m / doneTarget, MidpointRounding.AwayFromZero) : null,
                };
            })
            .OrderByDescending(r => r.Actions).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

        return new Dashboard(year, filter, ofYear.Count, byStatus, byAxis, byLevel, byTerritory, publics,
            Youth(r => r.Targeted), Youth(r => r.Reached), gender, indicators, YearMoney.Compute(year, ceilingCents, actions));
    }

    private static string Norm(string? text) => (text ?? "").Trim().ToLowerInvariant();
}
