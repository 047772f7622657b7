using Copil.Domain.Common;

namespace Copil.Domain.Actions;

/// <summary>An indicator as achieved, next to its target.</summary>
public sealed record IndicatorResult(string Name, string Unit, long Target, long? Achieved, string? Comment);

/// <summary>People reached for one public, by sex and with disability (art. 8 and 15).</summary>
public sealed record BeneficiaryCount(TargetPublic Public, int Total, int Women, int Men, int WithDisability);

/// <summary>A planned expense line with its real cost and the reference of its supporting document.</summary>
public sealed record RealCostLine(ExpenseCategory Category, string Label, long PlannedCents, long? RealCents, bool ClaimedEligible, string? Evidence)
{
    public bool IsEligible => FinancialAnnex.IsEligible(Category, ClaimedEligible);
}

/// <summary>What a fiche de réalisation says: results, beneficiaries, real costs and a qualitative assessment (art. 15, 16).</summary>
public sealed record CompletionReportContent(
    IReadOnlyList<IndicatorResult> Indicators,
    IReadOnlyList<BeneficiaryCount> Beneficiaries,
    IReadOnlyList<RealCostLine> Costs,
    string? Assessment)
{
    /// <summary>Pre-filled from the approved sheet: each target and each planned line, nothing achieved yet.</summary>
    public static CompletionReportContent PrefillFrom(ActionSheetContent sheet) => new(
        [.. sheet.Indicators.Select(i => new IndicatorResult(i.Name, i.Unit, i.Target, null, null))],
        [.. sheet.Publics.Select(p => new BeneficiaryCount(p.Public, 0, 0, 0, 0))],
        [.. sheet.Annex.Expenses.Select(e => new RealCostLine(e.Category, e.Label, e.AmountCents, null, e.ClaimedEligible, null))],
        null);

    /// <summary>Real eligible costs: staff remuneration and in-kind contributions excluded (art. 16).</summary>
    public long EligibleRealCostsCents =>
        Costs.Where(c => c.IsEligible).Sum(c => c.RealCents ?? 0);

    /// <summary>
    /// What the OPCO owes: the real eligible costs with the management fees at the approved rate, within the approved
    /// amount (art. 16: "frais réels engagés, dans la limite du conventionnement").
    /// </summary>
    public long AmountDueCents(long approvedOpcoAmountCents, int managementFeeBasisPoints) =>
        Math.Min(EligibleRealCostsCents + FinancialAnnex.FeesOn(EligibleRealCostsCents, managementFeeBasisPoints), approvedOpcoAmountCents);

    public IReadOnlyList<DomainError> ValidateDraft()
    {
        var errors = new List<DomainError>();
        for (var i = 0; i < Indicators.Count; i++)
        {
            if (Indicators[i].Achieved is < 0)
            {
                errors.Add(new("report.indicator.negative", $"Indicateur {i + 1} : la valeur atteinte ne peut pas être négative.", nameof(Indicators)));
            }
        }

        for (var i = 0; i < Beneficiaries.Count; i++)
        {
            var b = Beneficiaries[i];
            if (b.Total < 0 || b.Women < 0 || b.Men < 0 || b.WithDisability < 0)
            {
                errors.Add(new("report.beneficiaries.negative", $"Public {i + 1} : les effectifs ne peuvent pas être négatifs.", nameof(Beneficiaries)));
            }
            else if (b.Women + b.Men > b.Total)
            {
                errors.Add(new("report.beneficiaries.sex", $"Public {i + 1} : femmes et hommes ({b.Women + b.Men}) dépassent le total ({b.Total}).", nameof(Beneficiaries)));
            }
            else if (b.WithDisability > b.Total)
            {
                errors.Add(new("report.beneficiaries.disability", $"Public {i + 1} : les personnes en situation de handicap ({b.WithDisability}) dépassent le total ({b.Total}).", nameof(Beneficiaries)));
            }
        }

        for (var i = 0; i < Costs.Count; i++)
        {
            if (Costs[i].RealCents is < 0)
            {
                errors.Add(new("report.cost.negative", $"Dépense {i + 1} : le coût réel ne peut pas être négatif.", nameof(Costs)));
            }
            else if (Costs[i].RealCents > FinancialAnnex.MaxLineCents)
            {
                errors.Add(new("report.cost.absurd", $"Dépense {i + 1} : le coût réel dépasse 100 millions d'euros ; vérifiez la saisie.", nameof(Costs)));
            }

            if (Costs[i].ClaimedEligible && Costs[i].Category == ExpenseCategory.StaffCosts)
            {
                errors.Add(new("report.cost.staff-eligible", $"Dépense {i + 1} : la rémunération des personnels n'est pas éligible (art. 16).", nameof(Costs)));
            }
        }

        if (Assessment is { Length: > ActionSheetContent.MaxTextLength })
        {
            errors.Add(new("report.assessment.length", "Le bilan qualitatif ne dépasse pas 10 000 caractères.", nameof(Assessment)));
        }

        return errors;
    }

    public IReadOnlyList<DomainError> ValidateForSubmission()
    {
        var errors = ValidateDraft().ToList();
        for (var i = 0; i < Indicators.Count; i++)
        {
            if (Indicators[i].Achieved is null)
            {
                errors.Add(new("report.indicator.missing", $"Indicateur « {Indicators[i].Name} » : indiquez la valeur atteinte.", nameof(Indicators)));
            }
        }

        for (var i = 0; i < Costs.Count; i++)
        {
            if (Costs[i].RealCents is null)
            {
                errors.Add(new("report.cost.missing", $"Dépense « {Costs[i].Label} » : indiquez le coût réel (0 si elle n'a pas eu lieu).", nameof(Costs)));
            }
            else if (Costs[i].RealCents > 0 && string.IsNullOrWhiteSpace(Costs[i].Evidence))
            {
                errors.Add(new("report.cost.evidence", $"Dépense « {Costs[i].Label} » : joignez ou référencez la pièce justificative.", nameof(Costs)));
            }
        }

        if (Beneficiaries.Count == 0 || Beneficiaries.All(b => b.Total == 0))
        {
            errors.Add(new("report.beneficiaries.missing", "Indiquez les bénéficiaires touchés, par public.", nameof(Beneficiaries)));
        }

        if (string.IsNullOrWhiteSpace(Assessment))
        {
            errors.Add(new("report.assessment.missing", "Rédigez le bilan qualitatif de l'action.", nameof(Assessment)));
        }

        return errors;
    }
}

/// <summary>The fiche de réalisation of an action, as drafted, submitted and accepted.</summary>
public sealed class CompletionReport
{
    private CompletionReport() { }

    internal CompletionReport(CompletionReportContent content)
    {
        Id = Guid.NewGuid();
        Content = content;
    }

    public Guid Id { get; private set; }

    public CompletionReportContent Content { get; private set; } = new([], [], [], null);

    public DateOnly? SubmittedOn { get; private set; }

    public DateOnly? AcceptedOn { get; private set; }

    /// <summary>The amount due computed when the report was accepted.</summary>
    public long? AmountDueCents { get; private set; }

    internal void Replace(CompletionReportContent content) => Content = content;

    internal void Submit(DateOnly on) => SubmittedOn = on;

    internal void Reopen() => SubmittedOn = null;

    internal void Accept(DateOnly on, long amountDue)
    {
        AcceptedOn = on;
        AmountDueCents = amountDue;
    }
}
