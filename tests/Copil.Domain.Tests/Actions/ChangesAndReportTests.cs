using Copil.Domain.Actions;
using Copil.Domain.Reporting;

namespace Copil.Domain.Tests.Actions;

/// <summary>Art. 15: changes go to the committee first; art. 16: real costs within the amount agreed.</summary>
public class ChangesAndReportTests
{
    private static readonly DateOnly Today = ActionSheetBuilder.Today;

    [Fact]
    public void A_change_takes_effect_only_after_the_committee_validates_it()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);
        var changed = sheet.EffectiveContent with { EndsOn = new DateOnly(2022, 9, 15) };

        var request = sheet.ProposeChange(agreement, changed, "Report d'une partie des ateliers à la rentrée.", Today);

        Assert.True(request.IsSuccess);
        Assert.Equal(new DateOnly(2022, 6, 30), sheet.EffectiveContent.EndsOn);
        sheet.DecideChange(CommitteeOutcome.Validated, Today, "consultation écrite n° 3", DecisionSource.Recorded, Today, CeilingCheck.None);
        Assert.Equal(new DateOnly(2022, 9, 15), sheet.EffectiveContent.EndsOn);
        Assert.Equal(ChangeRequestStatus.Accepted, request.Value.Status);
        Assert.Equal(2, sheet.ApprovedVersionNumber);
    }

    [Fact]
    public void A_change_shows_a_readable_diff_against_the_approved_version()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);
        var changed = sheet.EffectiveContent with { EndsOn = new DateOnly(2022, 9, 15), Title = "Forum des mobilités" };

        var diff = ActionSheetDiff.Between(sheet.EffectiveContent, changed, agreement);

        Assert.Equal(
            [new ContentChange("Intitulé", "Forum des métiers de la mobilité", "Forum des mobilités"), new ContentChange("Date de fin", "30 juin 2022", "15 septembre 2022")],
            diff);
    }

    [Fact]
    public void A_rejected_change_leaves_the_approved_version_and_only_one_change_waits_at_a_time()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);
        var changed = sheet.EffectiveContent with { Title = "Autre titre" };
        sheet.ProposeChange(agreement, changed, "Nouveau nom.", Today);

        Assert.Equal("change.pending", sheet.ProposeChange(agreement, changed, "Encore.", Today).Errors[0].Code);
        sheet.DecideChange(CommitteeOutcome.Rejected, Today, "copil", DecisionSource.Recorded, Today, CeilingCheck.None);

        Assert.Equal("Forum des métiers de la mobilité", sheet.EffectiveContent.Title);
        Assert.Equal("change.none", sheet.ProposeChange(agreement, sheet.EffectiveContent, "Rien.", Today).Errors[0].Code);
    }

    [Fact]
    public void The_report_is_prefilled_and_the_amount_due_is_the_real_eligible_costs_within_the_approved_amount()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);

        var report = sheet.StartReport().Value;

        Assert.Equal(3, report.Content.Costs.Count);
        Assert.Equal(1000, report.Content.Indicators[0].Target);
        var spentLess = report.Content with { Costs = [.. report.Content.Costs.Select(c => c with { RealCents = c.PlannedCents / 2, Evidence = "facture" })] };
        // 15 000 € eligible + 5 % fees = 15 750 €, under the 31 500 € approved
        Assert.Equal(15_750_00, spentLess.AmountDueCents(31_500_00, 500));
        var spentMore = report.Content with { Costs = [.. report.Content.Costs.Select(c => c with { RealCents = c.PlannedCents * 2, Evidence = "facture" })] };
        Assert.Equal(31_500_00, spentMore.AmountDueCents(31_500_00, 500));
    }

    [Fact]
    public void A_report_is_submitted_complete_then_accepted_and_the_action_closed()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);
        var prefilled = sheet.StartReport().Value.Content;

        Assert.True(sheet.SubmitReport(Today).IsFailure);
        var complete = prefilled with
        {
            Indicators = [prefilled.Indicators[0] with { Achieved = 1150 }],
            Beneficiaries = [new(TargetPublic.HighSchoolPupils, 900, 420, 470, 12), new(TargetPublic.Apprentices, 250, 60, 190, 3)],
            Costs = [.. prefilled.Costs.Select(c => c with { RealCents = c.PlannedCents, Evidence = "facture n° 12" })],
            Assessment = "Forte affluence, parité presque atteinte.",
        };
        Assert.True(sheet.EditReport(complete).IsSuccess);
        Assert.True(sheet.SubmitReport(Today).IsSuccess);
        Assert.True(sheet.AcceptReport(Today).IsSuccess);
        Assert.True(sheet.Close().IsSuccess);

        Assert.Equal(ActionStatus.Closed, sheet.Status);
        Assert.Equal(31_500_00, sheet.Report!.AmountDueCents);
    }

    [Fact]
    public void Beneficiaries_by_sex_cannot_exceed_the_total()
    {
        var content = new CompletionReportContent([], [new(TargetPublic.Students, 10, 8, 5, 0)], [], null);

        Assert.Equal("Public 1 : femmes et hommes (13) dépassent le total (10).", Assert.Single(content.ValidateDraft()).Message);
    }

    [Fact]
    public void A_spent_line_needs_its_supporting_document()
    {
        var content = new CompletionReportContent([], [new(TargetPublic.Students, 10, 5, 5, 0)],
            [new RealCostLine(ExpenseCategory.Purchases, "Matériel", 1_000_00, 900_00, true, null)], "Bilan");

        Assert.Contains(content.ValidateForSubmission(), e => e.Code == "report.cost.evidence");
    }
}
