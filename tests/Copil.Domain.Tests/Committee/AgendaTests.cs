using Copil.Domain.Committee;
using Copil.Domain.Tests.Actions;

namespace Copil.Domain.Tests.Committee;

/// <summary>Which sheets go on a meeting's agenda (art. 14 and 15): what awaits the committee, and nothing else.</summary>
public sealed class AgendaTests
{
    private static Meeting Planned(Domain.Agreements.Agreement agreement) =>
        Meeting.Plan(agreement, MeetingTests.Spring(ActionSheetBuilder.Today.AddDays(20)), ActionSheetBuilder.Today).Value;

    [Fact]
    public void A_sheet_whose_opinions_are_in_goes_on_the_agenda_under_its_number_and_carrier()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        var meeting = Planned(agreement);

        var item = meeting.AddSheetItem(sheet, AgendaItemKind.ActionSheet);

        Assert.True(item.IsSuccess);
        Assert.Equal(($"Fiche n° {sheet.Number} — {sheet.Title} ({sheet.CarrierOrganisation})", sheet.Id, true), (item.Value.Title, item.Value.ActionSheetId, item.Value.NeedsVote));
    }

    [Theory]
    [InlineData("submitted", AgendaItemKind.ActionSheet, "item.sheet.state")]
    [InlineData("ready", AgendaItemKind.ChangeRequest, "item.change.none")]
    [InlineData("running", AgendaItemKind.ActionSheet, "item.sheet.state")]
    [InlineData("ready", AgendaItemKind.Priorities, "item.kind")]
    public void A_sheet_that_does_not_await_that_decision_is_refused_by_name(string state, AgendaItemKind kind, string code)
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = state switch
        {
            "submitted" => ActionSheetBuilder.Submitted(agreement),
            "ready" => ActionSheetBuilder.ReadyForCommittee(agreement),
            _ => ActionSheetBuilder.InProgress(agreement),
        };
        var meeting = Planned(agreement);

        var item = meeting.AddSheetItem(sheet, kind);

        Assert.Equal(code, Assert.Single(item.Errors).Code);
        Assert.Empty(meeting.Items);
    }

    [Fact]
    public void A_pending_change_request_goes_on_the_agenda_as_such()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);
        Assert.True(sheet.ProposeChange(agreement, ActionSheetBuilder.Complete(agreement) with { Description = "Un jour de plus." }, "Un jour de plus", ActionSheetBuilder.Today).IsSuccess);
        var meeting = Planned(agreement);

        var item = meeting.AddSheetItem(sheet, AgendaItemKind.ChangeRequest);

        Assert.StartsWith("Demande de modification — Fiche n° ", item.Value.Title, StringComparison.Ordinal);
    }
}
