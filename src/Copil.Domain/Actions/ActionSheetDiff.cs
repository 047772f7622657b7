using System.Globalization;
using Copil.Domain.Agreements;
using Copil.Domain.Common;

namespace Copil.Domain.Actions;

/// <summary>One readable difference between two versions: "Date de fin : 30 juin 2026 → 15 septembre 2026".</summary>
public sealed record ContentChange(string Subject, string Before, string After);

/// <summary>Compares two versions of a sheet field by field, in French, so that a committee sees what a change request changes.</summary>
public static class ActionSheetDiff
{
    public static IReadOnlyList<ContentChange> Between(ActionSheetContent before, ActionSheetContent after, Agreement agreement)
    {
        var changes = new List<ContentChange>();
        void Compare(string subject, string? a, string? b)
        {
            if (!string.Equals(a ?? "", b ?? "", StringComparison.Ordinal))
            {
                changes.Add(new ContentChange(subject, Show(a), Show(b)));
            }
        }

        string Axis(Guid? id) => agreement.Axes.FirstOrDefault(x => x.Id == id)?.Title ?? "";
        string Date(DateOnly? d) => d is { } v ? FrenchText.Date(v) : "";

        Compare("Intitulé", before.Title, after.Title);
        Compare("Axe de coopération", Axis(before.AxisId), Axis(after.AxisId));
        Compare("Niveau", before.Level is { } l1 ? ActionLabels.Level(l1) : null, after.Level is { } l2 ? ActionLabels.Level(l2) : null);
        Compare("Régions académiques", string.Join(", ", before.RegionCodes), string.Join(", ", after.RegionCodes));
        Compare("Académies", string.Join(", ", before.AcademyCodes), string.Join(", ", after.AcademyCodes));
        Compare("Contact", $"{before.ContactName} {before.ContactEmail}".Trim(), $"{after.ContactName} {after.ContactEmail}".Trim());
        Compare("Partenaires", before.Partners, after.Partners);
        Compare("Objectifs", before.Objectives, after.Objectives);
        Compare("Description", before.Description, after.Description);
        Compare("Ciblage équitable (art. 15)", before.FairReach, after.FairReach);
        Compare("Mixité et inclusion (art. 8)", before.Inclusion, after.Inclusion);
        Compare("Date de début", Date(before.StartsOn), Date(after.StartsOn));
        Compare("Date de fin", Date(before.EndsOn), Date(after.EndsOn));
        Compare("Publics visés", Publics(before), Publics(after));
        Compare("Indicateurs", Indicators(before), Indicators(after));
        Compare("Dépenses", Expenses(before), Expenses(after));
        Compare("Ressources", Resources(before), Resources(after));
        Compare("Taux de frais de gestion", FrenchText.Percent(before.Annex.ManagementFeeBasisPoints), FrenchText.Percent(after.Annex.ManagementFeeBasisPoints));
        Compare("Montant demandé à l'OPCO", FrenchText.Euros(before.Annex.AmountAskedOfOpcoCents), FrenchText.Euros(after.Annex.AmountAskedOfOpcoCents));
        Compare("Budget total", FrenchText.Euros(before.Annex.TotalExpensesCents), FrenchText.Euros(after.Annex.TotalExpensesCents));
        Compare("Utilise les logos ministériels (art. 11)", before.UsesMinistryLogos ? "oui" : "non", after.UsesMinistryLogos ? "oui" : "non");
        Compare("Finance un outil numérique (art. 12)", before.FundsDigitalTool ? "oui" : "non", after.FundsDigitalTool ? "oui" : "non");
        return changes;
    }

    private static string Show(string? value) => string.IsNullOrWhiteSpace(value) ? "(vide)" : value;

    private static string Publics(ActionSheetContent c) =>
        string.Join(" ; ", c.Publics.Select(p => $"{ActionLabels.Public(p.Public)} : {p.ExpectedCount.ToString(CultureInfo.InvariantCulture)}"));

    private static string Indicators(ActionSheetContent c) =>
        string.Join(" ; ", c.Indicators.Select(i => $"{i.Name} : {i.Target.ToString(CultureInfo.InvariantCulture)} {i.Unit}"));

    private static string Expenses(ActionSheetContent c) =>
        string.Join(" ; ", c.Annex.Expenses.Select(e => $"{e.Label} ({ActionLabels.Expense(e.Category)}) : {FrenchText.Euros(e.AmountCents)}{(FinancialAnnex.IsEligible(e) ? "" : ", non éligible")}"));

    private static string Resources(ActionSheetContent c) =>
        string.Join(" ; ", c.Annex.Resources.Select(r => $"{r.Financer} ({ActionLabels.Financer(r.Kind)}) : {FrenchText.Euros(r.AmountCents)}"));
}
