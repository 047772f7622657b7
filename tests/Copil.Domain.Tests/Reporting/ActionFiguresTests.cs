using Copil.Domain.Actions;
using Copil.Domain.Tests.Actions;

namespace Copil.Domain.Tests.Reporting;

/// <summary>The figures a sheet hands to money and reports follow its life: asked, approved, in force, reported, due.</summary>
public sealed class ActionFiguresTests
{
    [Fact]
    public void The_sheet_summarises_its_figures_at_every_step()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.Submitted(agreement);
        Assert.Equal((31_500_00L, (long?)null, false, 2022), (sheet.Figures!.AskedCents, sheet.Figures.InForceCents, sheet.Figures.IsCommitted, sheet.BudgetYear));

        sheet = ActionSheetBuilder.InProgress(agreement);
        Assert.Equal((31_500_00L, (long?)31_500_00, true), (sheet.Figures!.FirstApprovedCents!.Value, sheet.Figures.InForceCents, sheet.Figures.IsCommitted));
        Assert.Equal(ActionSheetBuilder.Today, sheet.FirstValidatedOn);
        Assert.Equal(1_500_00, sheet.Figures.FeesCents);
        Assert.Equal(5_000_00, sheet.Figures.IneligibleCents);

        sheet.StartReport();
        var report = sheet.Report!.Content;
        sheet.EditReport(report with
        {
            Indicators = [report.Indicators[0] with { Achieved = 900 }],
            Beneficiaries = [new(TargetPublic.HighSchoolPupils, 700, 300, 400, 2)],
            Costs = [.. report.Costs.Select(c => c with { RealCents = c.PlannedCents, Evidence = "F" })],
            Assessment = "Bien.",
        });
        sheet.SubmitReport(ActionSheetBuilder.Today);
        sheet.AcceptReport(ActionSheetBuilder.Today);

        Assert.True(sheet.Figures!.HasReport);
        Assert.Equal(31_500_00, sheet.Figures.AmountDueCents);
        Assert.Equal(35_000_00, sheet.Figures.RealCostsCents);
        Assert.Equal(30_000_00, sheet.Figures.EligibleRealCostsCents);
    }
}
