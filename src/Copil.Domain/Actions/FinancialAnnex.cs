using Copil.Domain.Common;

namespace Copil.Domain.Actions;

/// <summary>Expense categories, after the French public partnership forms (CERFA).</summary>
public enum ExpenseCategory
{
    /// <summary>Achats.</summary>
    Purchases = 0,

    /// <summary>Services extérieurs.</summary>
    ExternalServices = 1,

    /// <summary>Autres services extérieurs (honoraires, communication, déplacements).</summary>
    OtherExternalServices = 2,

    /// <summary>Impôts et taxes.</summary>
    Taxes = 3,

    /// <summary>Charges de personnel: never eligible (art. 16 of the seed).</summary>
    StaffCosts = 4,

    /// <summary>Autres charges.</summary>
    OtherCosts = 5,

    /// <summary>Charges indirectes.</summary>
    IndirectCosts = 6,

    /// <summary>Contributions volontaires en nature: valued, not paid, never eligible.</summary>
    InKind = 7,
}

/// <summary>Who finances a resource line.</summary>
public enum FinancerKind
{
    /// <summary>Frais de mission de l'OPCO: the amount asked of the OPCO.</summary>
    OpcoMissionFees = 0,

    /// <summary>Un cofinanceur (région, branche, entreprise…).</summary>
    CoFinancer = 1,

    /// <summary>Ressources propres du porteur.</summary>
    OwnResources = 2,

    /// <summary>Contributions en nature (the counterpart of in-kind expenses).</summary>
    InKind = 3,
}

/// <summary>An expense line; <paramref name="ClaimedEligible"/> says whether the carrier counts it in the eligible base.</summary>
public sealed record ExpenseLine(ExpenseCategory Category, string Label, long AmountCents, bool ClaimedEligible);

/// <summary>A resource line, by financer.</summary>
public sealed record ResourceLine(FinancerKind Kind, string Financer, long AmountCents);

/// <summary>
/// The detailed financial annex of an action sheet (art. 15 and 16 of the seed): expense lines, resource lines and
/// the management-fee rate, applied to the eligible costs of the action (the base the product states, since the text
/// names none).
/// </summary>
public sealed record FinancialAnnex(IReadOnlyList<ExpenseLine> Expenses, IReadOnlyList<ResourceLine> Resources, int ManagementFeeBasisPoints)
{
    // A body or a form that leaves a list out means an empty list, never a null the rules would trip on.
    public IReadOnlyList<ExpenseLine> Expenses { get; init; } = Expenses ?? [];

    public IReadOnlyList<ResourceLine> Resources { get; init; } = Resources ?? [];

    /// <summary>No single line above 100 M€: beyond that, a typing error.</summary>
    public const long MaxLineCents = 100_000_000_00;

    public static FinancialAnnex Empty { get; } = new([], [], 0);

    /// <summary>Direct and indirect costs, staff remuneration and in-kind contributions excluded (art. 16).</summary>
    public long EligibleCostsCents => Expenses.Where(IsEligible).Sum(e => e.AmountCents);

    /// <summary>Management fees: rate × eligible costs, rounded to the cent (half away from zero).</summary>
    public long ManagementFeesCents => FeesOn(EligibleCostsCents, ManagementFeeBasisPoints);

    public long TotalExpensesCents => Expenses.Sum(e => e.AmountCents) + ManagementFeesCents;

    public long TotalResourcesCents => Resources.Sum(r => r.AmountCents);

    /// <summary>The amount asked of the OPCO: its mission-fee resource lines.</summary>
    public long AmountAskedOfOpcoCents => Resources.Where(r => r.Kind == FinancerKind.OpcoMissionFees).Sum(r => r.AmountCents);

    /// <summary>More than half of the expense financed by the OPCO's mission fees: its purchasing rules apply (art. 16).</summary>
    public bool MostlyFinancedByOpco => TotalExpensesCents > 0 && AmountAskedOfOpcoCents * 2 > TotalExpensesCents;

    public static bool IsEligible(ExpenseLine line) => IsEligible(line.Category, line.ClaimedEligible);

    /// <summary>art. 16: direct and indirect costs the carrier claims, never staff remuneration nor in-kind contributions.</summary>
    public static bool IsEligible(ExpenseCategory category, bool claimedEligible) =>
        claimedEligible && category is not (ExpenseCategory.StaffCosts or ExpenseCategory.InKind);

    public static long FeesOn(long baseCents, int basisPoints) =>
        (long)Math.Round(baseCents * (decimal)basisPoints / 10_000m, MidpointRounding.AwayFromZero);

    /// <summary>Errors that a draft already cannot have: negative or absurd amounts, a fee above the cap, ineligible costs claimed eligible.</summary>
    public IReadOnlyList<DomainError> ValidateEntries(int feeCapBasisPoints, string feeArticle)
    {
        var errors = new List<DomainError>();
        for (var i = 0; i < Expenses.Count; i++)
        {
            var line = Expenses[i];
            var field = $"Expenses[{i}]";
            if (!Enum.IsDefined(line.Category))
            {
                errors.Add(new("annex.expense.category", $"Dépense {i + 1} : choisissez une catégorie.", field));
            }

            if (line.AmountCents < 0)
            {
                errors.Add(new("annex.expense.negative", $"Dépense {i + 1} : le montant ne peut pas être négatif.", field));
            }
            else if (line.AmountCents > MaxLineCents)
            {
                errors.Add(new("annex.expense.absurd", $"Dépense {i + 1} : le montant dépasse 100 millions d'euros ; vérifiez la saisie.", field));
            }

            if (line.Label is { Length: > 300 })
            {
                errors.Add(new("annex.expense.label", $"Dépense {i + 1} : le libellé ne dépasse pas 300 caractères.", field));
            }

            if (line.ClaimedEligible && line.Category == ExpenseCategory.StaffCosts)
            {
                // art. 16: "hors rémunération des personnels"
                errors.Add(new("annex.expense.staff-eligible", $"Dépense {i + 1} : la rémunération des personnels n'est pas éligible ({feeArticle} : coûts directs et indirects, hors rémunération des personnels).", field));
            }

            if (line.ClaimedEligible && line.Category == ExpenseCategory.InKind)
            {
                errors.Add(new("annex.expense.inkind-eligible", $"Dépense {i + 1} : une contribution en nature n'est pas une dépense éligible.", field));
            }
        }

        for (var i = 0; i < Resources.Count; i++)
        {
            var line = Resources[i];
            var field = $"Resources[{i}]";
            if (!Enum.IsDefined(line.Kind))
            {
                errors.Add(new("annex.resource.kind", $"Ressource {i + 1} : choisissez le type de financeur.", field));
            }

            if (line.AmountCents < 0)
            {
                errors.Add(new("annex.resource.negative", $"Ressource {i + 1} : le montant ne peut pas être négatif.", field));
            }
            else if (line.AmountCents > MaxLineCents)
            {
                errors.Add(new("annex.resource.absurd", $"Ressource {i + 1} : le montant dépasse 100 millions d'euros ; vérifiez la saisie.", field));
            }

            if (line.Financer is { Length: > 300 })
            {
                errors.Add(new("annex.resource.label", $"Ressource {i + 1} : le nom du financeur ne dépasse pas 300 caractères.", field));
            }
        }

        if (ManagementFeeBasisPoints < 0)
        {
            errors.Add(new("annex.fee.negative", "Le taux de frais de gestion ne peut pas être négatif.", nameof(ManagementFeeBasisPoints)));
        }
        else if (ManagementFeeBasisPoints > feeCapBasisPoints)
        {
            // "dans la limite de 5,65 %": the cap itself is allowed.
            errors.Add(new("annex.fee.cap", $"Le taux de frais de gestion ({FrenchText.Percent(ManagementFeeBasisPoints)}) dépasse le plafond de {FrenchText.Percent(feeCapBasisPoints)} ({feeArticle}).", nameof(ManagementFeeBasisPoints)));
        }

        return errors;
    }

    /// <summary>What a submitted annex must also satisfy: lines present and named, expenses and resources balanced, the OPCO asked no more than the eligible costs and fees.</summary>
    public IReadOnlyList<DomainError> ValidateForSubmission(int feeCapBasisPoints, string feeArticle)
    {
        var errors = ValidateEntries(feeCapBasisPoints, feeArticle).ToList();
        if (Expenses.Count == 0)
        {
            errors.Add(new("annex.expenses.missing", "Annexe financière : indiquez au moins un poste de dépense.", nameof(Expenses)));
        }

        if (Resources.Count == 0)
        {
            errors.Add(new("annex.resources.missing", "Annexe financière : indiquez au moins une ressource.", nameof(Resources)));
        }

        for (var i = 0; i < Expenses.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Expenses[i].Label))
            {
                errors.Add(new("annex.expense.label.missing", $"Dépense {i + 1} : indiquez son libellé.", $"Expenses[{i}]"));
            }
        }

        for (var i = 0; i < Resources.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Resources[i].Financer))
            {
                errors.Add(new("annex.resource.financer.missing", $"Ressource {i + 1} : indiquez le financeur.", $"Resources[{i}]"));
            }
        }

        if (Expenses.Count > 0 && Resources.Count > 0 && TotalExpensesCents != TotalResourcesCents)
        {
            errors.Add(new("annex.balance", $"L'annexe financière n'est pas équilibrée : {FrenchText.Euros(TotalExpensesCents)} de dépenses (frais de gestion compris) pour {FrenchText.Euros(TotalResourcesCents)} de ressources.", nameof(Resources)));
        }

        if (AmountAskedOfOpcoCents > EligibleCostsCents + ManagementFeesCents)
        {
            errors.Add(new("annex.opco.ineligible", $"Le montant demandé à l'OPCO ({FrenchText.Euros(AmountAskedOfOpcoCents)}) dépasse les coûts éligibles et les frais de gestion ({FrenchText.Euros(EligibleCostsCents + ManagementFeesCents)}) : la rémunération des personnels et les contributions en nature ne peuvent pas être financées ({feeArticle}).", nameof(Resources)));
        }

        return errors;
    }
}
