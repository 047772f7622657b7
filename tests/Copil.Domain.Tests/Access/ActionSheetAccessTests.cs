using Copil.Domain.Access;
using Copil.Domain.Tests.Actions;

namespace Copil.Domain.Tests.Access;

/// <summary>A carrier sees its own organisation's sheets; ministries and members see submitted sheets; the secretariat sees all.</summary>
public class ActionSheetAccessTests
{
    private static Membership Member(Copil.Domain.Agreements.Agreement agreement, AgreementRole role, string? organisation = null, Guid? party = null) =>
        Membership.Create(agreement, "u", role, role == AgreementRole.CommitteeMember ? agreement.Seats[0].Id : null, party, organisation, []).Value;

    [Fact]
    public void A_carrier_sees_its_own_drafts_and_nobody_else_s()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var draft = ActionSheetBuilder.Drafted(agreement);
        var own = Member(agreement, AgreementRole.ActionCarrier, "Fédération du transport");
        var other = Member(agreement, AgreementRole.ActionCarrier, "Autre fédération");

        Assert.True(ActionSheetAccess.CanSee(draft, [own], false));
        Assert.True(ActionSheetAccess.CanCarry(draft, [own], false));
        Assert.False(ActionSheetAccess.CanSee(draft, [other], false));
    }

    [Fact]
    public void A_carrier_sees_the_due_dates_of_its_own_sheets_and_those_that_are_no_sheet_s()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var own = Member(agreement, AgreementRole.ActionCarrier, "Fédération du transport");
        var reader = Member(agreement, AgreementRole.Reader);
        var owner = new Copil.Domain.DueDates.DueOwner(AgreementRole.Secretariat);
        var ofOwnSheet = new Copil.Domain.DueDates.DueItem("sheet:1", agreement.Id, "Avis", Today, owner, "art.", null, false) { SheetCarrier = "fédération du transport" };
        var ofOtherSheet = ofOwnSheet with { Key = "sheet:2", SheetCarrier = "Autre fédération" };
        var ofTheAgreement = ofOwnSheet with { Key = "agreement:end", SheetCarrier = null };

        Assert.True(ActionSheetAccess.SeesDueDate(ofOwnSheet, [own], false));
        Assert.False(ActionSheetAccess.SeesDueDate(ofOtherSheet, [own], false));
        Assert.True(ActionSheetAccess.SeesDueDate(ofTheAgreement, [own], false));
        Assert.True(ActionSheetAccess.SeesDueDate(ofOtherSheet, [own, reader], false));
        Assert.True(ActionSheetAccess.SeesDueDate(ofOtherSheet, [], true));
    }

    private static readonly DateOnly Today = new(2026, 3, 10);

    [Fact]
    public void Other_roles_see_submitted_sheets_but_never_a_draft()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var draft = ActionSheetBuilder.Drafted(agreement);
        var submitted = ActionSheetBuilder.Submitted(agreement);
        var reviewer = Member(agreement, AgreementRole.ReviewingDirectorate, party: agreement.Parties[0].Id);
        var reader = Member(agreement, AgreementRole.Reader);

        Assert.False(ActionSheetAccess.CanSee(draft, [reviewer], false));
        Assert.True(ActionSheetAccess.CanSee(submitted, [reviewer], false));
        Assert.True(ActionSheetAccess.CanSee(submitted, [reader], false));
        Assert.False(ActionSheetAccess.CanCarry(submitted, [reader], false));
        Assert.Equal([agreement.Parties[0].Id], ActionSheetAccess.OpinionParties([reviewer]));
    }

    [Fact]
    public void The_secretariat_and_administrators_see_everything()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var draft = ActionSheetBuilder.Drafted(agreement);

        Assert.True(ActionSheetAccess.CanCarry(draft, [Member(agreement, AgreementRole.Secretariat)], false));
        Assert.True(ActionSheetAccess.CanSee(draft, [], true));
    }

    [Theory]
    [InlineData(AgreementRole.ActionCarrier, AgreementPermission.CarryActions, true)]
    [InlineData(AgreementRole.Reader, AgreementPermission.CarryActions, false)]
    [InlineData(AgreementRole.ReviewingDirectorate, AgreementPermission.GiveOpinions, true)]
    [InlineData(AgreementRole.CommitteeMember, AgreementPermission.GiveOpinions, false)]
    [InlineData(AgreementRole.BoardRecorder, AgreementPermission.RecordBoardDecisions, true)]
    [InlineData(AgreementRole.BoardRecorder, AgreementPermission.SteerActions, false)]
    [InlineData(AgreementRole.Secretariat, AgreementPermission.SteerActions, true)]
    [InlineData(AgreementRole.CommitteeMember, AgreementPermission.VoteForSeat, true)]
    [InlineData(AgreementRole.Secretariat, AgreementPermission.VoteForSeat, false)]
    [InlineData(AgreementRole.Invitee, AgreementPermission.ViewMeetings, true)]
    [InlineData(AgreementRole.Invitee, AgreementPermission.View, false)]
    [InlineData(AgreementRole.Invitee, AgreementPermission.ViewActionSheets, false)]
    [InlineData(AgreementRole.Reader, AgreementPermission.View, true)]
    public void Each_role_takes_its_own_steps(AgreementRole role, AgreementPermission permission, bool allowed)
    {
        Assert.Equal(allowed, AgreementPermissions.Allows(role, permission));
    }
}
