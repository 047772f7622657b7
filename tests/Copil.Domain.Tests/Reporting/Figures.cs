using Copil.Domain.Actions;
using Copil.Domain.Reporting;

namespace Copil.Domain.Tests.Reporting;

/// <summary>Hand-made action figures, so that each spec states exactly the numbers it adds up.</summary>
internal static class Figures
{
    private static int _number;

    public static ActionFigures Committed(long approvedCents, int year = 2021, long? inForceCents = null, ActionStatus status = ActionStatus.InProgress, Guid? axis = null,
        string[]? regions = null, ActionLevel level = ActionLevel.Regional) => new()
        {
            SheetId = Guid.NewGuid(),
            Number = Interlocked.Increment(ref _number),
            Title = "Action",
            Status = status,
            AxisId = axis,
            Level = level,
            RegionCodes = regions ?? ["28"],
            StartsOn = new DateOnly(year, 3, 1),
            EndsOn = new DateOnly(year, 6, 30),
            AskedCents = approvedCents,
            FirstApprovedCents = approvedCents,
            InForceCents = inForceCents ?? approvedCents,
        };

    public static ActionFigures Asked(long askedCents, int year = 2021, ActionStatus status = ActionStatus.ReadyForCommittee) => new()
    {
        SheetId = Guid.NewGuid(),
        Number = Interlocked.Increment(ref _number),
        Title = "Demande",
        Status = status,
        StartsOn = new DateOnly(year, 9, 1),
        EndsOn = new DateOnly(year, 10, 31),
        AskedCents = askedCents,
    };

    public static ActionFigures WithReport(this ActionFigures a, bool accepted, long dueCents, params BeneficiaryCount[] reached) => a with
    {
        Status = accepted ? ActionStatus.ReportAccepted : ActionStatus.ReportSubmitted,
        Report = new CompletionReportContent([], reached, [new RealCostLine(ExpenseCategory.ExternalServices, "Salle", 0, dueCents, true, "F1")], "Bilan"),
        ReportSubmittedOn = a.EndsOn!.Value.AddDays(20),
        ReportAcceptedOn = accepted ? a.EndsOn!.Value.AddDays(30) : null,
        AmountDueCents = accepted ? dueCents : null,
    };
}
