using Copil.Domain.Access;
using Copil.Domain.Committee;
using Copil.Domain.DueDates;
using Copil.Domain.Tests.Agreements;
using Copil.Domain.Tests.Committee;
using Copil.Domain.Voting;

namespace Copil.Domain.Tests.DueDates;

/// <summary>The committee's due dates (art. 14): documents and meeting once convened, answers to a written consultation, minutes to proof-read.</summary>
public sealed class CommitteeDueDateTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static CommitteeDueFacts Facts(IReadOnlyList<Meeting>? meetings = null, IReadOnlySet<Guid>? onTime = null, IReadOnlyList<Consultation>? consultations = null, IReadOnlyList<Minutes>? minutes = null) =>
        new(meetings ?? [], onTime ?? new HashSet<Guid>(), consultations ?? [], minutes ?? []);

    [Fact]
    public void A_convened_meeting_owes_its_working_documents_to_the_secretariat_and_its_day_to_the_members()
    {
        // Convened on 3 May 2021 for Thursday 10 June 2021.
        var (agreement, meeting, _, _) = MeetingTests.Convened();

        var items = CommitteeDueDates.For(agreement, Facts([meeting]), D("2021-05-10"));

        var documents = Assert.Single(items, i => i.Key == $"meeting:{meeting.Id}:documents");
        Assert.Equal(meeting.DocumentsDeadline(agreement).Date, documents.DueOn);
        Assert.Equal(AgreementRole.Secretariat, documents.Owner.Role);
        Assert.StartsWith("art. 14", documents.Source, StringComparison.Ordinal);
        Assert.False(documents.Done);
        var day = Assert.Single(items, i => i.Key == $"meeting:{meeting.Id}");
        Assert.Equal(D("2021-06-10"), day.DueOn);
        Assert.Equal(AgreementRole.CommitteeMember, day.Owner.Role);
        Assert.Equal("art. 14 : réunion convoquée le 3 mai 2021", day.Source);
        Assert.Equal($"meeting:{agreement.Id}:{meeting.Id}", day.Link);
        Assert.True(day.Statutory && documents.Statutory);
    }

    [Fact]
    public void Documents_posted_on_time_mark_their_due_date_done()
    {
        var (agreement, meeting, _, _) = MeetingTests.Convened();

        var items = CommitteeDueDates.For(agreement, Facts([meeting], new HashSet<Guid> { meeting.Id }), D("2021-05-10"));

        Assert.True(Assert.Single(items, i => i.Key.EndsWith(":documents", StringComparison.Ordinal)).Done);
    }

    [Theory]
    // Held on 10 June 2021: still shown three months later (to close it), not after.
    [InlineData("2021-09-10", 2)]
    [InlineData("2021-09-11", 0)]
    public void A_convened_meeting_leaves_the_echeancier_three_months_after_its_day(string today, int expected)
    {
        var (agreement, meeting, _, _) = MeetingTests.Convened();

        Assert.Equal(expected, CommitteeDueDates.For(agreement, Facts([meeting]), D(today)).Count);
    }

    [Theory]
    [InlineData("planned")]
    [InlineData("cancelled")]
    [InlineData("held")]
    public void A_meeting_not_convened_or_no_longer_convened_owes_nothing(string state)
    {
        var agreement = new AgreementBuilder().Build();
        var meeting = Meeting.Plan(agreement, MeetingTests.Spring(D("2021-06-10")), MeetingTests.Today).Value;
        meeting.AddItem(AgendaItemKind.Other, "Point d'information", null, needsVote: false);
        if (state != "planned")
        {
            Assert.True(meeting.Convene(MeetingTests.Today).IsSuccess);
            var changed = state == "cancelled" ? meeting.Cancel("Quorum impossible") : HeldAndClosed(agreement, meeting);
            Assert.True(changed.IsSuccess, string.Join(" ", changed.Errors.Select(e => e.Message)));
        }

        Assert.Empty(CommitteeDueDates.For(agreement, Facts([meeting]), D("2021-06-01")));
    }

    private static Copil.Domain.Common.Result HeldAndClosed(Copil.Domain.Agreements.Agreement agreement, Meeting meeting)
    {
        meeting.RecordAttendance(agreement, MeetingTests.AllPresent(agreement), [], meeting.MeetsOn);
        return meeting.Close(meeting.MeetsOn);
    }

    [Fact]
    public void Each_seat_that_has_not_answered_every_point_of_an_open_consultation_is_awaited_until_it_closes()
    {
        var agreement = new AgreementBuilder().Build();
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        var today = D("2021-09-01");
        var consultation = Consultation.Open(agreement, "Fiches de la rentrée", D("2021-09-10"),
            [(AgendaItemKind.ActionSheet, "Fiche n° 4", Guid.NewGuid()), (AgendaItemKind.Priorities, "Priorités 2022", null)], today).Value;
        var now = new DateTime(2021, 9, 1, 8, 0, 0, DateTimeKind.Utc);
        // Seat 0 answers both points, seat 1 only one: seat 1 is still awaited.
        foreach (var item in consultation.Items)
        {
            consultation.Cast(agreement, item.Id, seats[0], VoteChoice.For, "opco1", "lien", now, today);
        }

        consultation.Cast(agreement, consultation.Items[0].Id, seats[1], VoteChoice.For, "opco2", "lien", now, today);

        var items = CommitteeDueDates.For(agreement, Facts(consultations: [consultation]), today);

        Assert.Equal(seats.Skip(1), items.Select(i => i.Owner.SeatId!.Value));
        Assert.All(items, i => Assert.Equal(D("2021-09-10"), i.DueOn));
        Assert.All(items, i => Assert.Equal("art. 14 : consultation des membres par courriel, ouverte le 1er septembre 2021", i.Source));
        Assert.Equal("Répondre à la consultation écrite « Fiches de la rentrée »", items[0].Title);

        Assert.True(consultation.Close(agreement, D("2021-09-11")).IsSuccess);
        Assert.Empty(CommitteeDueDates.For(agreement, Facts(consultations: [consultation]), D("2021-09-11")));
    }

    [Fact]
    public void Minutes_in_review_await_each_reviewing_directorate_that_has_not_answered_until_the_review_is_due()
    {
        var (agreement, meeting, minutes) = MinutesTests.Drafted();
        Assert.Empty(CommitteeDueDates.For(agreement, Facts([meeting], minutes: [minutes]), D("2021-06-11")));
        minutes.SendForReview(agreement, D("2021-06-11"));

        var awaited = CommitteeDueDates.For(agreement, Facts([meeting], minutes: [minutes]), D("2021-06-11"));

        Assert.Equal(["DGESCO", "DGESIP"], awaited.Select(i => agreement.PartyById(i.Owner.PartyId!.Value)!.ReviewingDirectorate));
        Assert.All(awaited, i => Assert.Equal(D("2021-06-18"), i.DueOn));
        Assert.All(awaited, i => Assert.Equal(AgreementRole.ReviewingDirectorate, i.Owner.Role));
        Assert.Equal("Relire le compte rendu du comité de printemps du 10 juin 2021 (DGESCO)", awaited[0].Title);
        Assert.StartsWith("art. 14 : relecture sous 7 jours", awaited[0].Source, StringComparison.Ordinal);

        Assert.True(minutes.Review(agreement, MinutesTests.Party(agreement, "DGESCO"), true, null, "dgesco", D("2021-06-14")).IsSuccess);
        var left = Assert.Single(CommitteeDueDates.For(agreement, Facts([meeting], minutes: [minutes]), D("2021-06-14")));
        Assert.Equal(MinutesTests.Party(agreement, "DGESIP"), left.Owner.PartyId);
    }
}

/// <summary>"My due dates": one definition for the page, the API, the home page, the calendar feed and the reminders.</summary>
public sealed class MyDueDateTests
{
    [Fact]
    public void A_due_date_is_mine_when_I_hold_its_role_in_its_own_agreement_for_its_ministry()
    {
        var (agreement, _, minutes) = MinutesTests.Drafted();
        minutes.SendForReview(agreement, new DateOnly(2021, 6, 11));
        var awaited = CommitteeDueDates.For(agreement, new CommitteeDueFacts([], new HashSet<Guid>(), [], [minutes]), new DateOnly(2021, 6, 11));
        var dgesco = MinutesTests.Party(agreement, "DGESCO");
        var other = new AgreementBuilder().Build();

        var reviewer = Membership.Create(agreement, "u1", AgreementRole.ReviewingDirectorate, null, dgesco, null, []).Value;
        var sameRoleElsewhere = Membership.Create(other, "u1", AgreementRole.ReviewingDirectorate, null, other.Parties.Single(p => p.ReviewingDirectorate == "DGESCO").Id, null, []).Value;
        var secretariat = Membership.Create(agreement, "u1", AgreementRole.Secretariat, null, null, null, []).Value;

        Assert.Equal([dgesco], MyDueDates.Of(awaited, [reviewer]).Select(i => i.Owner.PartyId!.Value));
        Assert.Empty(MyDueDates.Of(awaited, [sameRoleElsewhere]));
        Assert.Empty(MyDueDates.Of(awaited, [secretariat]));
    }
}
