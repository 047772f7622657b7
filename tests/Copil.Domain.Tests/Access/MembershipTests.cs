using Copil.Domain.Access;
using Copil.Domain.Tests.Agreements;

namespace Copil.Domain.Tests.Access;

public class MembershipTests
{
    [Fact]
    public void A_committee_member_is_bound_to_a_seat_of_that_agreement()
    {
        var agreement = new AgreementBuilder().Build();

        var without = Membership.Create(agreement, "u1", AgreementRole.CommitteeMember, null, null, null, []);
        var with = Membership.Create(agreement, "u1", AgreementRole.CommitteeMember, agreement.Seats[0].Id, null, null, []);

        Assert.Equal("SeatId", without.Errors[0].Field);
        Assert.True(with.IsSuccess);
    }

    [Fact]
    public void A_reviewing_directorate_reviews_for_a_ministry()
    {
        var agreement = new AgreementBuilder().Build();
        var opco = agreement.Parties.Single(p => !p.IsState);

        var result = Membership.Create(agreement, "u1", AgreementRole.ReviewingDirectorate, null, opco.Id, null, []);

        Assert.Equal("PartyId", result.Errors[0].Field);
    }

    [Fact]
    public void Only_the_secretariat_edits_the_agreement_and_everyone_but_invitees_reads_it()
    {
        foreach (var role in Enum.GetValues<AgreementRole>())
        {
            // Invitees see the committee's meetings and their documents only (art. 13: experts attend without a vote).
            Assert.Equal(role != AgreementRole.Invitee, AgreementPermissions.Allows(role, AgreementPermission.View));
            Assert.True(AgreementPermissions.Allows(role, AgreementPermission.ViewMeetings));
            Assert.Equal(role == AgreementRole.Secretariat, AgreementPermissions.Allows(role, AgreementPermission.RecordTermination));
        }
    }
}
