using Copil.Domain.Actions;
using Copil.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Copil.Web.Features.ActionSheets;

/// <summary>
/// The action sheet as a person types it, with repeating rows that work without JavaScript: blank rows are offered,
/// blank rows are ignored, and "Ajouter des lignes" asks the server for more.
/// </summary>
public sealed class SheetForm
{
    public const int BlankRows = 2;

    public string? CarrierOrganisation { get; set; }

    public string? Title { get; set; }

    public Guid? AxisId { get; set; }

    public ActionLevel? Level { get; set; }

    /// <summary>Codes of régions académiques, comma-separated.</summary>
    public List<string> RegionCodes { get; set; } = [];

    public List<string> AcademyCodes { get; set; } = [];

    public List<Guid> CampusIds { get; set; } = [];

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? Partners { get; set; }

    public string? Objectives { get; set; }

    public string? Description { get; set; }

    public List<PublicRow> Publics { get; set; } = [];

    public string? FairReach { get; set; }

    public string? Inclusion { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public List<IndicatorRow> Indicators { get; set; } = [];

    public List<ExpenseRow> Expenses { get; set; } = [];

    public List<ResourceRow> Resources { get; set; } = [];

    public string? ManagementFeeRate { get; set; }

    public bool UsesMinistryLogos { get; set; }

    public bool FundsDigitalTool { get; set; }

    public int Version { get; set; }

    public sealed class PublicRow
    {
        public TargetPublic? Public { get; set; }

        public int? ExpectedCount { get; set; }
    }

    public sealed class IndicatorRow
    {
        public string? Name { get; set; }

        public string? Unit { get; set; }

        public long? Target { get; set; }

        public string? Measurement { get; set; }
    }

    public sealed class ExpenseRow
    {
        public ExpenseCategory? Category { get; set; }

        public string? Label { get; set; }

        public string? Amount { get; set; }

        public bool Eligible { get; set; }
    }

    public sealed class ResourceRow
    {
        public FinancerKind? Kind { get; set; }

        public string? Financer { get; set; }

        public string? Amount { get; set; }
    }

    public static SheetForm From(ActionSheetContent c, string carrier, int version)
    {
        var form = new SheetForm
        {
            CarrierOrganisation = carrier,
            Title = c.Title,
            AxisId = c.AxisId,
            Level = c.Level,
            RegionCodes = [.. c.RegionCodes],
            AcademyCodes = [.. c.AcademyCodes],
            CampusIds = [.. c.CampusIds],
            ContactName = c.ContactName,
            ContactEmail = c.ContactEmail,
            Partners = c.Partners,
            Objectives = c.Objectives,
            Description = c.Description,
            Publics = [.. c.Publics.Select(p => new PublicRow { Public = p.Public, ExpectedCount = p.ExpectedCount })],
            FairReach = c.FairReach,
            Inclusion = c.Inclusion,
            StartsOn = c.StartsOn,
            EndsOn = c.EndsOn,
            Indicators = [.. c.Indicators.Select(i => new IndicatorRow { Name = i.Name, Unit = i.Unit, Target = i.Target, Measurement = i.Measurement })],
            Expenses = [.. c.Annex.Expenses.Select(e => new ExpenseRow { Category = e.Category, Label = e.Label, Amount = FrenchNumbers.CentsText(e.AmountCents), Eligible = e.ClaimedEligible })],
            Resources = [.. c.Annex.Resources.Select(r => new ResourceRow { Kind = r.Kind, Financer = r.Financer, Amount = FrenchNumbers.CentsText(r.AmountCents) })],
            ManagementFeeRate = FrenchNumbers.BasisPointsText(c.Annex.ManagementFeeBasisPoints),
            UsesMinistryLogos = c.UsesMinistryLogos,
            FundsDigitalTool = c.FundsDigitalTool,
            Version = version,
        };
        return form.WithBlankRows(BlankRows);
    }

    /// <summary>Adds blank rows to every repeating list (for the person to fill in).</summary>
    public SheetForm WithBlankRows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Publics.Add(new PublicRow());
            Indicators.Add(new IndicatorRow());
            Expenses.Add(new ExpenseRow());
            Resources.Add(new ResourceRow());
        }

        return this;
    }

    /// <summary>The content, or null with errors placed on the fields that could not be read (amounts, rates).</summary>
    public ActionSheetContent? ToContent(ModelStateDictionary modelState)
    {
        var expenses = new List<ExpenseLine>();
        for (var i = 0; i < Expenses.Count; i++)
        {
            var row = Expenses[i];
            if (row.Category is null && string.IsNullOrWhiteSpace(row.Label) && string.IsNullOrWhiteSpace(row.Amount))
            {
                continue;
            }

            if (!TryCents(row.Amount, out var cents))
            {
                modelState.AddModelError($"Input.Expenses[{i}].Amount", $"Dépense {i + 1} : saisissez un montant en euros, avec au plus deux décimales (par exemple 12 500,50).");
                continue;
            }

            expenses.Add(new ExpenseLine(row.Category ?? ExpenseCategory.OtherCosts, row.Label?.Trim() ?? "", cents, row.Eligible));
        }

        var resources = new List<ResourceLine>();
        for (var i = 0; i < Resources.Count; i++)
        {
            var row = Resources[i];
            if (row.Kind is null && string.IsNullOrWhiteSpace(row.Financer) && string.IsNullOrWhiteSpace(row.Amount))
            {
                continue;
            }

            if (!TryCents(row.Amount, out var cents))
            {
                modelState.AddModelError($"Input.Resources[{i}].Amount", $"Ressource {i + 1} : saisissez un montant en euros, avec au plus deux décimales.");
                continue;
            }

            resources.Add(new ResourceLine(row.Kind ?? FinancerKind.CoFinancer, row.Financer?.Trim() ?? "", cents));
        }

        var fee = 0;
        if (!string.IsNullOrWhiteSpace(ManagementFeeRate) && !FrenchNumbers.TryParseBasisPoints(ManagementFeeRate, out fee))
        {
            modelState.AddModelError("Input.ManagementFeeRate", "Saisissez un pourcentage entre 0 et 100, avec au plus deux décimales (par exemple 5,65).");
        }

        // The content as far as it could be read, even with typing errors: the page checks its rules too, so that every
        // error is told in one pass (the caller saves nothing while the model state is invalid).
        return new ActionSheetContent
        {
            Title = Trim(Title),
            AxisId = AxisId,
            Level = Level,
            RegionCodes = [.. RegionCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct()],
            AcademyCodes = [.. AcademyCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct()],
            CampusIds = [.. CampusIds.Distinct()],
            ContactName = Trim(ContactName),
            ContactEmail = Trim(ContactEmail),
            Partners = Trim(Partners),
            Objectives = Trim(Objectives),
            Description = Trim(Description),
            Publics = [.. Publics.Where(p => p.Public is not null).Select(p => new PublicTarget(p.Public!.Value, p.ExpectedCount ?? 0))],
            FairReach = Trim(FairReach),
            Inclusion = Trim(Inclusion),
            StartsOn = StartsOn,
            EndsOn = EndsOn,
            Indicators = [.. Indicators.Where(i => !string.IsNullOrWhiteSpace(i.Name) || !string.IsNullOrWhiteSpace(i.Unit) || i.Target is not null)
                .Select(i => new IndicatorTarget(i.Name?.Trim() ?? "", i.Unit?.Trim() ?? "", i.Target ?? 0, i.Measurement?.Trim() ?? ""))],
            Annex = new FinancialAnnex(expenses, resources, fee),
            UsesMinistryLogos = UsesMinistryLogos,
            FundsDigitalTool = FundsDigitalTool,
        };
    }

    private static bool TryCents(string? text, out long cents)
    {
        cents = 0;
        return string.IsNullOrWhiteSpace(text) || FrenchNumbers.TryParseCents(text, out cents) || TryNegative(text, out cents);
    }

    // A negative amount is read, then refused by the domain with its own message.
    private static bool TryNegative(string text, out long cents)
    {
        cents = 0;
        var trimmed = text.Trim();
        if (trimmed.StartsWith('-') && FrenchNumbers.TryParseCents(trimmed[1..], out var positive))
        {
            cents = -positive;
            return true;
        }

        return false;
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
