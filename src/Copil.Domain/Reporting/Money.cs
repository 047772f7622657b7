using Copil.Domain.Common;

namespace Copil.Domain.Reporting;

/// <summary>What happens when a decision would take a year past its ceiling: a warning or a refusal, chosen per agreement.</summary>
public enum CeilingPolicy
{
    /// <summary>The overrun is shown wherever the decision is made; the decision may still be recorded.</summary>
    Warn = 0,

    /// <summary>A validation that would pass the ceiling is refused.</summary>
    Block = 1,
}

/// <summary>A sentence of the "données à vérifier" list: something that does not add up, shown plainly rather than hidden in a total.</summary>
public sealed record DataIssue(string Code, string Message, int? SheetNumber = null, Guid? SheetId = null);

/// <summary>
/// The money of one year of an agreement (art. 16): the envelope the OPCO's convention d'objectifs et de moyens sets,
/// what was asked, approved, changed, spent and is due.
/// </summary>
public sealed record YearMoney(
    int Year,
    long? CeilingCents,
    long AskedCents,
    long ApprovedCents,
    long ChangedCents,
    long PendingCents,
    long RealCostsCents,
    long EligibleRealCostsCents,
    long DueCents,
    long FeesCents,
    long IneligibleCents,
    int CommittedActions,
    IReadOnlyList<DataIssue> Issues)
{
    /// <summary>Approved amounts in force: first approvals plus validated changes.</summary>
    public long CommittedCents => ApprovedCents + ChangedCents;

    public long? RemainingCents => CeilingCents is { } c ? c - CommittedCents : null;

    public bool OverCeiling => CeilingCents is { } c && CommittedCents > c;

    /// <summary>Share of the ceiling from which the secretariat is warned before it is passed (art. 16).</summary>
    public const int NearCeilingBasisPoints = 9_000;

    /// <summary>Nine tenths of the ceiling committed, or more: the secretariat is warned.</summary>
    public bool NearOrOverCeiling => CommittedShareBasisPoints >= NearCeilingBasisPoints;

    /// <summary>Share of the ceiling committed, in basis points; null without a ceiling.</summary>
    public int? CommittedShareBasisPoints => CeilingCents is { } c and > 0 ? (int)Math.Round(CommittedCents * 10_000m / c, MidpointRounding.AwayFromZero) : null;

    public static YearMoney Compute(int year, long? ceilingCents, IEnumerable<ActionFigures> actions)
    {
        var ofYear = actions.Where(a => a.Year == year).ToList();
        var committed = ofYear.Where(a => a.IsCommitted).ToList();
        var issues = new List<DataIssue>();
        var approved = committed.Sum(a => a.FirstApprovedCents ?? a.InForceCents ?? 0);
        var changed = committed.Sum(a => (a.InForceCents ?? 0) - (a.FirstApprovedCents ?? a.InForceCents ?? 0));
        if (ceilingCents is { } ceiling && approved + changed > ceiling)
        {
            issues.Add(new("money.over-ceiling", $"Les montants engagés en {year} ({FrenchText.Euros(approved + changed)}) dépassent le plafond annuel de {FrenchText.Euros(ceiling)} de {FrenchText.Euros(approved + changed - ceiling)} (art. 16)."));
        }

        if (ceilingCents is null && committed.Count > 0)
        {
            issues.Add(new("money.no-ceiling", $"Aucun plafond annuel n'est fixé pour {year} alors que {FrenchText.Plural(committed.Count, "action est engagée", "actions sont engagées")}."));
        }

        foreach (var a in committed.Where(a => a.HasReport && a.Report!.EligibleRealCostsCents > (a.InForceCents ?? 0)))
        {
            issues.Add(new("money.real-above-approved", $"Fiche n° {a.Number} : les coûts réels éligibles ({FrenchText.Euros(a.Report!.EligibleRealCostsCents)}) dépassent le montant approuvé ({FrenchText.Euros(a.InForceCents ?? 0)}) ; seul le montant approuvé est dû (art. 16).", a.Number, a.SheetId));
        }

        return new YearMoney(
            year,
            ceilingCents,
            ofYear.Where(a => a.WasAsked).Sum(a => a.AskedCents),
            approved,
            changed,
            ofYear.Where(a => a.PendingChangeCents is not null).Sum(a => a.PendingChangeCents!.Value - (a.InForceCents ?? 0)),
            committed.Sum(a => a.RealCostsCents),
            committed.Sum(a => a.EligibleRealCostsCents),
            committed.Sum(a => a.AmountDueCents ?? 0),
            committed.Sum(a => a.FeesCents),
            committed.Sum(a => a.IneligibleCents),
            committed.Count,
            issues);
    }
}

/// <summary>
/// Whether validating an action, or a change of one, would take its year past the ceiling (art. 16: actions are paid
/// from the OPCO's mission fees within the yearly envelope). Shown wherever the decision is made.
/// </summary>
public sealed record CeilingCheck(int? Year, long? CeilingCents, long CommittedByOthersCents, long AmountCents, CeilingPolicy Policy)
{
    /// <summary>No ceiling to check against (no year, or no ceiling set for it).</summary>
    public static CeilingCheck None { get; } = new(null, null, 0, 0, CeilingPolicy.Warn);

    public long AfterDecisionCents => CommittedByOthersCents + AmountCents;

    public bool Exceeds => CeilingCents is { } c && AfterDecisionCents > c;

    public long OverrunCents => CeilingCents is { } c ? Math.Max(0, AfterDecisionCents - c) : 0;

    /// <summary>A validation that passes the ceiling is refused when the agreement chose to block.</summary>
    public bool BlocksValidation => Exceeds && Policy == CeilingPolicy.Block;

    public string? Message => Exceeds
        ? $"Valider ce montant ({FrenchText.Euros(AmountCents)}) porterait les engagements de {Year} à {FrenchText.Euros(AfterDecisionCents)}, au-delà du plafond annuel de {FrenchText.Euros(CeilingCents!.Value)} (dépassement de {FrenchText.Euros(OverrunCents)}, art. 16)."
        : null;

    public DomainError? Refusal => BlocksValidation
        ? new DomainError("ceiling.exceeded", Message + " La convention interdit de dépasser le plafond : la validation est refusée.", "Outcome")
        : null;

    /// <summary>
    /// The check for the decision awaited on <paramref name="candidate"/>: its pending change replaces its amount in
    /// force; otherwise the amount asked is added to what the other actions of its year have committed.
    /// </summary>
    public static CeilingCheck For(ActionFigures candidate, IEnumerable<ActionFigures> sameYear, long? ceilingCents, CeilingPolicy policy)
    {
        if (candidate.Year is not { } year || ceilingCents is null)
        {
            return None with { Year = candidate.Year, Policy = policy };
        }

        var others = sameYear.Where(a => a.SheetId != candidate.SheetId && a.Year == year).Sum(a => a.CommittedCents);
        var amount = candidate.PendingChangeCents ?? candidate.AskedCents;
        return new CeilingCheck(year, ceilingCents, others, amount, policy);
    }
}
