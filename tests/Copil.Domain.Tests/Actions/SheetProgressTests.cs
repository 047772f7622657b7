using Copil.Domain.Actions;

namespace Copil.Domain.Tests.Actions;

public sealed class SheetProgressTests
{
    [Fact]
    public void A_submitted_sheet_waits_for_each_ministry_named_with_its_directorate_then_a_reserved_opinion_says_how_to_answer()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.Submitted(agreement);

        var progress = SheetProgress.Of(sheet, agreement, ActionSheetBuilder.Today);

        Assert.Equal("Avis des ministères", Assert.Single(progress.Steps, s => s.State == StepState.Current).Name);
        Assert.Equal(["Rédaction"], progress.Steps.Where(s => s.State == StepState.Done).Select(s => s.Name));
        var ministries = agreement.Parties.Where(p => p.IsState).ToList();
        Assert.StartsWith("Avis attendus du ", progress.WaitingFor, StringComparison.Ordinal);
        Assert.All(ministries, m => Assert.Contains($"du {m.ShortName} ({m.ReviewingDirectorate})", progress.WaitingFor, StringComparison.Ordinal));
        Assert.Empty(progress.Reserved);

        Assert.True(sheet.GiveOpinion(agreement, ministries[0].Id, OpinionVerdict.Reserved, "Ouvrir l'action aux apprentis.", null, ActionSheetBuilder.Today, "relecteur").IsSuccess);
        var reserved = SheetProgress.Of(sheet, agreement, ActionSheetBuilder.Today);

        Assert.Equal(new ReservedOpinion($"du {ministries[0].ShortName}", "Ouvrir l'action aux apprentis."), Assert.Single(reserved.Reserved));
        Assert.DoesNotContain(ministries[0].ShortName + " (", reserved.WaitingFor, StringComparison.Ordinal);
    }

    [Fact]
    public void A_running_action_waits_for_its_completion_report_by_the_annual_report_deadline()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);

        var progress = SheetProgress.Of(sheet, agreement, ActionSheetBuilder.Today);

        Assert.Equal("Réalisation", Assert.Single(progress.Steps, s => s.State == StepState.Current).Name);
        Assert.Contains("fiche de réalisation, au plus tard le", progress.WaitingFor, StringComparison.Ordinal);
        Assert.Contains(agreement.Terms.AnnualReportArticle, progress.WaitingFor, StringComparison.Ordinal);
    }
}
