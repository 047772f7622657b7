using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Tests.Agreements;
using Copil.Domain.Voting;

namespace Copil.Domain.Tests.Committee;

/// <summary>Meetings of the steering committee: planning, the documents deadline, attendance and weighted votes (art. 13, 14).</summary>
public sealed class MeetingTests
{
    internal static readonly DateOnly Today = new(2021, 5, 3);

    internal static MeetingDetails Spring(DateOnly on) => new() { Kind = MeetingKind.Spring, Year = on.Year, MeetsOn = on, Place = "OPCO Mobilités, Paris", StartsAt = "14 h 30" };

    /// <summary>A convened spring meeting on 10 June 2021 with one sheet to decide and one information point.</summary>
    internal static (Agreement Agreement, Meeting Meeting, AgendaItem Sheet, AgendaItem Info) Convened()
    {
        var agreement = new AgreementBuilder().Build();
        var meeting = Meeting.Plan(agreement, Spring(new DateOnly(2021, 6, 10)), Today).Value;
        var sheet = meeting.AddItem(AgendaItemKind.ActionSheet, null, Guid.NewGuid(), needsVote: true).Value;
        var info = meeting.AddItem(AgendaItemKind.Other, "Point d'information sur les salons", null, needsVote: false).Value;
        Assert.True(meeting.Convene(Today).IsSuccess);
        return (agreement, meeting, sheet, info);
    }

    internal static IReadOnlyList<SeatPresence> AllPresent(Agreement agreement) => [.. agreement.Seats.Select(s => new SeatPresence(s.Id, Presence.Present))];

    [Fact]
    public void A_meeting_needs_a_place_a_reason_when_exceptional_and_a_date_while_the_agreement_is_in_force()
    {
        var agreement = new AgreementBuilder().Build();

        var errors = Meeting.Plan(agreement, new MeetingDetails { Kind = MeetingKind.Exceptional, Year = 2024, MeetsOn = new DateOnly(2024, 1, 15), VideoLink = "http://visio" }, Today).Errors;

        Assert.Equal(["meeting.after-end", "meeting.video", "meeting.reason"], errors.Select(e => e.Code));
        Assert.Contains("30 novembre 2023", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("meeting.before-signature", Assert.Single(Meeting.Plan(agreement, Spring(new DateOnly(2020, 11, 30)), Today).Errors).Code);
        Assert.Equal("meeting.place", Assert.Single(Meeting.Plan(agreement, Spring(new DateOnly(2021, 6, 10)) with { Place = " " }, Today).Errors).Code);
    }

    [Fact]
    public void The_year_end_meeting_comes_before_the_board_meeting_that_adopts_next_year()
    {
        var agreement = new AgreementBuilder().Build();
        var details = new MeetingDetails { Kind = MeetingKind.YearEnd, Year = 2021, MeetsOn = new DateOnly(2021, 12, 2), Place = "Paris", BoardMeetingOn = new DateOnly(2021, 12, 2) };

        var error = Assert.Single(Meeting.Plan(agreement, details, Today).Errors);

        Assert.Equal("meeting.board", error.Code);
        Assert.Contains("avant le conseil d'administration", error.Message, StringComparison.Ordinal);
        var planned = Meeting.Plan(agreement, details with { MeetsOn = new DateOnly(2021, 9, 20) }, Today).Value;
        Assert.Contains(planned.CalendarWarnings(agreement), w => w.Contains("hors du dernier trimestre", StringComparison.Ordinal));
        Assert.Empty(Meeting.Plan(agreement, details with { MeetsOn = new DateOnly(2021, 11, 25) }, Today).Value.CalendarWarnings(agreement));
    }

    [Theory]
    [InlineData("2021-06-14", false)]
    [InlineData("2021-06-15", true)]
    public void A_spring_meeting_on_or_after_15_June_is_flagged(string on, bool flagged)
    {
        var agreement = new AgreementBuilder().Build();

        var meeting = Meeting.Plan(agreement, Spring(DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)), Today).Value;

        Assert.Equal(flagged, meeting.CalendarWarnings(agreement).Any(w => w.Contains("avant le 15 juin 2021, cette date exclue", StringComparison.Ordinal)));
    }

    [Theory]
    // Thursday 10 June 2021: documents by Thursday 3 June.
    [InlineData("2021-06-10", "2021-06-03")]
    // Thursday 2 June 2022: 26 May 2022 is Ascension Day, so the deadline moves earlier to Wednesday 25 May.
    [InlineData("2022-06-02", "2022-05-25")]
    // Tuesday 9 May 2023: Tuesday 2 May.
    [InlineData("2023-05-09", "2023-05-02")]
    // Monday 15 May 2023: 8 May (Victoire 1945) is a holiday, so Friday 5 May.
    [InlineData("2023-05-15", "2023-05-05")]
    public void Working_documents_are_due_at_least_a_week_before_earlier_when_that_day_is_not_worked(string meetsOn, string due)
    {
        var agreement = new AgreementBuilder().Build();
        var meeting = Meeting.Plan(agreement, Spring(DateOnly.Parse(meetsOn, System.Globalization.CultureInfo.InvariantCulture)), Today).Value;
        var deadline = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(deadline, meeting.DocumentsDeadline(agreement).Date);
        Assert.StartsWith("art. 14 : documents de travail envoyés au plus tard une semaine avant le", meeting.DocumentsDeadlineSource(agreement), StringComparison.Ordinal);
        Assert.False(meeting.IsLate(agreement, deadline));
        Assert.True(meeting.IsLate(agreement, deadline.AddDays(1)));
    }

    [Fact]
    public void A_meeting_is_convened_once_with_an_agenda_and_not_in_the_past()
    {
        var agreement = new AgreementBuilder().Build();
        var meeting = Meeting.Plan(agreement, Spring(new DateOnly(2021, 6, 10)), Today).Value;

        Assert.Equal("meeting.agenda", Assert.Single(meeting.Convene(Today).Errors).Code);
        meeting.AddItem(AgendaItemKind.Priorities, "Priorités 2022", null, needsVote: true);
        Assert.Equal("meeting.past", Assert.Single(meeting.Convene(new DateOnly(2021, 6, 11)).Errors).Code);
        Assert.True(meeting.Convene(Today).IsSuccess);
        Assert.Equal("meeting.convene", Assert.Single(meeting.Convene(Today).Errors).Code);
    }

    [Fact]
    public void After_the_convocation_a_point_not_voted_on_can_still_be_withdrawn_a_voted_one_cannot()
    {
        var (agreement, meeting, sheet, info) = Convened();
        meeting.RecordAttendance(agreement, AllPresent(agreement), [], meeting.MeetsOn);
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        meeting.RecordVote(agreement, sheet.Id, [.. seats.Select(s => (s, VoteChoice.For))], "secrétariat", meeting.MeetsOn);

        Assert.Equal("item.remove.voted", Assert.Single(meeting.RemoveItem(sheet.Id).Errors).Code);
        Assert.Equal(info.Id, meeting.RemoveItem(info.Id).Value.Id);
        Assert.Equal([1], meeting.Items.Select(i => i.Position));
        meeting.Close(meeting.MeetsOn);
        Assert.Equal("item.remove", Assert.Single(meeting.RemoveItem(sheet.Id).Errors).Code);
    }

    [Fact]
    public void Moving_a_convened_meeting_revises_its_invitation_other_edits_and_a_planned_meeting_do_not()
    {
        var agreement = new AgreementBuilder().Build();
        var meeting = Meeting.Plan(agreement, Spring(new DateOnly(2021, 6, 10)), Today).Value;
        meeting.Edit(agreement, Spring(new DateOnly(2021, 6, 11)), Today);
        meeting.AddItem(AgendaItemKind.Other, "Point d'information", null, needsVote: false);
        meeting.Convene(Today);
        Assert.Equal(0, meeting.CalendarSequence);

        // The same details, or only the year it belongs to: the event does not move.
        meeting.Edit(agreement, meeting.Details, Today);
        Assert.Equal(0, meeting.CalendarSequence);
        meeting.Edit(agreement, meeting.Details with { StartsAt = "10 h" }, Today);
        meeting.Edit(agreement, meeting.Details with { MeetsOn = new DateOnly(2021, 6, 17) }, Today);
        meeting.Edit(agreement, meeting.Details with { Place = "Visioconférence seule", VideoLink = "https://visio.example.fr/copil" }, Today);
        Assert.Equal(3, meeting.CalendarSequence);
        Assert.True(meeting.Cancel("Quorum impossible").IsSuccess);
        Assert.Equal(4, meeting.CalendarSequence);
    }

    [Theory]
    // Moved past the agreement's end (30 November 2023), into the past, or cancelled without a reason: refused, nothing changes.
    [InlineData("2023-12-01", "meeting.after-end")]
    [InlineData("2021-05-02", "meeting.past")]
    public void A_convened_meeting_cannot_be_moved_after_the_agreement_s_end_or_into_the_past(string to, string code)
    {
        var (agreement, meeting, _, _) = Convened();
        var before = (meeting.Details, meeting.Version, meeting.CalendarSequence);

        var moved = meeting.Edit(agreement, meeting.Details with { MeetsOn = DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture) }, Today);

        Assert.Equal(code, Assert.Single(moved.Errors).Code);
        Assert.Equal(before, (meeting.Details, meeting.Version, meeting.CalendarSequence));
    }

    [Fact]
    public void Editing_a_meeting_keeps_every_detail_it_does_not_change()
    {
        var agreement = new AgreementBuilder().Build();
        var yearEnd = new MeetingDetails
        {
            Kind = MeetingKind.YearEnd,
            Year = 2021,
            MeetsOn = new DateOnly(2021, 11, 18),
            StartsAt = "14 h",
            Place = "OPCO Mobilités, Paris",
            VideoLink = "https://visio.example.fr/copil",
            BoardMeetingOn = new DateOnly(2021, 12, 9),
        };
        var meeting = Meeting.Plan(agreement, yearEnd, Today).Value;

        foreach (var changed in new[]
        {
            yearEnd with { StartsAt = "15 h" },
            yearEnd with { Place = "Rectorat de Lyon" },
            yearEnd with { VideoLink = null },
            yearEnd with { BoardMeetingOn = new DateOnly(2021, 12, 16) },
            yearEnd with { MeetsOn = new DateOnly(2021, 11, 25) },
            yearEnd with { Year = 2022 },
        })
        {
            Assert.True(meeting.Edit(agreement, changed, Today).IsSuccess);
            Assert.Equal(changed, meeting.Details);
        }
    }

    [Fact]
    public void A_sheet_is_on_the_agenda_once()
    {
        var agreement = new AgreementBuilder().Build();
        var meeting = Meeting.Plan(agreement, Spring(new DateOnly(2021, 6, 10)), Today).Value;
        var sheet = Guid.NewGuid();

        Assert.True(meeting.AddItem(AgendaItemKind.ActionSheet, null, sheet, needsVote: false).Value.NeedsVote);
        Assert.Equal("item.sheet.twice", Assert.Single(meeting.AddItem(AgendaItemKind.ActionSheet, null, sheet, needsVote: true).Errors).Code);
        Assert.Equal("item.sheet", Assert.Single(meeting.AddItem(AgendaItemKind.ChangeRequest, null, null, needsVote: true).Errors).Code);
        Assert.True(meeting.AddItem(AgendaItemKind.ChangeRequest, null, sheet, needsVote: true).IsSuccess);
    }

    [Fact]
    public void Attendance_names_every_seat_on_or_after_the_day_and_a_seat_without_substitute_cannot_be_represented()
    {
        var (agreement, meeting, _, _) = Convened();
        var day = meeting.MeetsOn;

        Assert.Equal("attendance.early", Assert.Single(meeting.RecordAttendance(agreement, AllPresent(agreement), [], day.AddDays(-1)).Errors).Code);
        Assert.Equal("attendance.seat", Assert.Single(meeting.RecordAttendance(agreement, AllPresent(agreement).Skip(1).ToList(), [], day).Errors).Code);
        var represented = AllPresent(agreement).Select((p, i) => i == 3 ? p with { Presence = Presence.Represented } : p).ToList();
        Assert.Equal("attendance.substitute", Assert.Single(meeting.RecordAttendance(agreement, represented, [], day).Errors).Code);

        agreement.UpdateSeat(agreement.Seats[3].Id, "Représentant MESRI", "Suppléante MESRI", 1, isBoardMember: false);
        Assert.True(meeting.RecordAttendance(agreement, represented, [], day).IsSuccess);
        Assert.Equal(Presence.Represented, meeting.Presences[3].Presence);
    }

    [Fact]
    public void Each_seat_present_votes_its_own_weight_once_and_the_outcome_names_the_rule()
    {
        var (agreement, meeting, sheet, info) = Convened();
        var day = meeting.MeetsOn;
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        var attendance = AllPresent(agreement).Select((p, i) => i == 1 ? p with { Presence = Presence.Absent } : p).ToList();

        Assert.Equal("vote.attendance", Assert.Single(meeting.RecordVote(agreement, sheet.Id, [(seats[0], VoteChoice.For)], "secrétariat", day).Errors).Code);
        Assert.True(meeting.RecordAttendance(agreement, attendance, [], day).IsSuccess);
        Assert.Equal("vote.not-needed", Assert.Single(meeting.RecordVote(agreement, info.Id, [(seats[0], VoteChoice.For)], "secrétariat", day).Errors).Code);
        var absent = meeting.RecordVote(agreement, sheet.Id, [(seats[0], VoteChoice.For), (seats[1], VoteChoice.For)], "secrétariat", day);
        Assert.Equal("vote.seat.absent", Assert.Single(absent.Errors).Code);
        Assert.Contains("Représentant OPCO 2", absent.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("vote.seat.twice", meeting.RecordVote(agreement, sheet.Id, [(seats[0], VoteChoice.For), (seats[0], VoteChoice.Against)], "secrétariat", day).Errors[0].Code);

        var vote = meeting.RecordVote(agreement, sheet.Id, [(seats[0], VoteChoice.For), (seats[2], VoteChoice.For), (seats[3], VoteChoice.Against)], "secrétariat", day).Value;

        Assert.Equal((TallyOutcome.Adopted, 2, 1), (vote.Outcome, vote.ForWeight, vote.AgainstWeight));
        Assert.StartsWith("Adopté : 2 voix pour, 1 voix contre", vote.Explanation, StringComparison.Ordinal);
        Assert.EndsWith("(art. 13 : majorité absolue des voix exprimées, abstentions non comptées).", vote.Explanation, StringComparison.Ordinal);
        Assert.Equal(["OPCO Mobilités — Représentant OPCO 1", "MENJS — Représentant MENJS", "MESRI — Représentant MESRI"], vote.Ballots.Select(b => b.SeatLabel));
        Assert.Equal("vote.twice", Assert.Single(meeting.RecordVote(agreement, sheet.Id, [(seats[0], VoteChoice.Against)], "secrétariat", day).Errors).Code);
        Assert.Equal("attendance.voted", Assert.Single(meeting.RecordAttendance(agreement, AllPresent(agreement), [], day).Errors).Code);
    }

    [Fact]
    public void Split_seats_of_one_party_and_a_tie()
    {
        var (agreement, meeting, sheet, _) = Convened();
        var day = meeting.MeetsOn;
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        meeting.RecordAttendance(agreement, AllPresent(agreement), [], day);
        var second = meeting.AddItem(AgendaItemKind.Priorities, "Priorités 2022", null, needsVote: true).Value;

        // The two OPCO seats vote differently; an abstention is not a vote cast.
        var split = meeting.RecordVote(agreement, sheet.Id, [(seats[0], VoteChoice.For), (seats[1], VoteChoice.Against), (seats[2], VoteChoice.For), (seats[3], VoteChoice.Abstain)], "s", day).Value;
        var tie = meeting.RecordVote(agreement, second.Id, [(seats[0], VoteChoice.For), (seats[1], VoteChoice.Against), (seats[2], VoteChoice.Abstain), (seats[3], VoteChoice.Abstain)], "s", day).Value;

        Assert.Equal((TallyOutcome.Adopted, 2, 1, 1), (split.Outcome, split.ForWeight, split.AgainstWeight, split.AbstainWeight));
        Assert.Equal(TallyOutcome.Rejected, tie.Outcome);
        Assert.StartsWith("Rejeté : égalité", tie.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Where_the_agreement_sets_a_quorum_a_vote_without_it_decides_nothing()
    {
        var (agreement, meeting, sheet, _) = Convened();
        Assert.True(agreement.Correct(agreement.Details with { QuorumBasisPoints = 7500 }, agreement.Terms, Today).IsSuccess);
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        meeting.RecordAttendance(agreement, [.. AllPresent(agreement).Select((p, i) => i < 2 ? p with { Presence = Presence.Absent } : p)], [], meeting.MeetsOn);

        var vote = meeting.RecordVote(agreement, sheet.Id, [(seats[2], VoteChoice.For), (seats[3], VoteChoice.For)], "s", meeting.MeetsOn).Value;

        Assert.Equal(TallyOutcome.QuorumNotReached, vote.Outcome);
        Assert.StartsWith("Aucune décision : quorum non atteint, 2 voix présentes ou représentées sur 4 voix", vote.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meeting_is_held_once_its_attendance_is_recorded_and_then_is_no_longer_edited()
    {
        var (agreement, meeting, _, _) = Convened();

        Assert.Equal("meeting.close.early", Assert.Single(meeting.Close(meeting.MeetsOn).Errors).Code);
        meeting.RecordAttendance(agreement, AllPresent(agreement), [], meeting.MeetsOn);
        Assert.True(meeting.Close(meeting.MeetsOn).IsSuccess);

        Assert.Equal("meeting.closed", Assert.Single(meeting.Edit(agreement, meeting.Details with { Place = "Lyon" }, meeting.MeetsOn).Errors).Code);
        Assert.Equal("meeting.closed", Assert.Single(meeting.AddItem(AgendaItemKind.Other, "Divers", null, false).Errors).Code);
    }
}

/// <summary>History (art. 14): an agreement entered mid-term records its past meetings as held, with their real dates.</summary>
public sealed class MeetingHistoryTests
{
    private static readonly DateOnly Today = new(2022, 9, 1);

    private static (Agreement Agreement, Meeting Meeting) Planned(string on)
    {
        var agreement = new AgreementBuilder().Build();
        var meeting = Meeting.Plan(agreement, MeetingTests.Spring(DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)), Today).Value;
        meeting.AddItem(AgendaItemKind.Other, "Bilan 2020", null, needsVote: false);
        return (agreement, meeting);
    }

    [Fact]
    public void A_past_meeting_is_recorded_held_with_its_attendance_votes_and_real_dates_marked_entered_afterwards()
    {
        var (agreement, meeting) = Planned("2021-06-10");
        var priorities = meeting.AddItem(AgendaItemKind.Priorities, "Priorités 2022", null, needsVote: true).Value;

        Assert.True(meeting.RecordAsPast(Today).IsSuccess);
        Assert.True(meeting.EnteredAfterwards);
        Assert.Null(meeting.ConvenedOn);
        Assert.True(meeting.RecordAttendance(agreement, MeetingTests.AllPresent(agreement), [], Today).IsSuccess);
        var vote = meeting.RecordVote(agreement, priorities.Id, [.. agreement.Seats.Select(s => (s.Id, VoteChoice.For))], "secrétariat", Today).Value;
        Assert.True(meeting.Close(Today).IsSuccess);

        Assert.Equal(MeetingStatus.Held, meeting.Status);
        Assert.Equal(TallyOutcome.Adopted, vote.Outcome);
        Assert.Equal([true, true, true], CommitteeCalendar.For(agreement, 2021, [meeting, HeldYearEnd(agreement)], Today).Select(c => c.Kept));
    }

    private static Meeting HeldYearEnd(Agreement agreement)
    {
        var yearEnd = Meeting.Plan(agreement, new MeetingDetails { Kind = MeetingKind.YearEnd, Year = 2021, MeetsOn = new DateOnly(2021, 12, 7), Place = "Paris", BoardMeetingOn = new DateOnly(2021, 12, 16) }, Today).Value;
        yearEnd.AddItem(AgendaItemKind.Other, "Suivi 2021", null, needsVote: false);
        yearEnd.RecordAsPast(Today);
        yearEnd.RecordAttendance(agreement, MeetingTests.AllPresent(agreement), [], Today);
        yearEnd.Close(Today);
        return yearEnd;
    }

    [Theory]
    // Today or later is not history; before the signature (1 December 2020) the agreement did not exist.
    [InlineData("2022-09-01", "meeting.history.future")]
    [InlineData("2022-10-01", "meeting.history.future")]
    public void Only_a_meeting_before_today_is_recorded_afterwards(string on, string code)
    {
        var (_, meeting) = Planned(on);

        Assert.Equal(code, Assert.Single(meeting.RecordAsPast(Today).Errors).Code);
        Assert.Equal(MeetingStatus.Planned, meeting.Status);
    }

    [Fact]
    public void A_meeting_before_the_signature_cannot_even_be_planned()
    {
        var agreement = new AgreementBuilder().Build();

        Assert.Equal("meeting.before-signature", Assert.Single(Meeting.Plan(agreement, MeetingTests.Spring(new DateOnly(2020, 11, 30)), Today).Errors).Code);
    }

    [Fact]
    public void A_meeting_entered_afterwards_is_corrected_in_the_past_without_revising_any_invitation_but_not_moved_to_the_future()
    {
        var (agreement, meeting) = Planned("2021-06-10");
        meeting.RecordAsPast(Today);

        Assert.True(meeting.Edit(agreement, meeting.Details with { MeetsOn = new DateOnly(2021, 6, 11), Place = "Rectorat de Lyon" }, Today).IsSuccess);
        Assert.Equal(0, meeting.CalendarSequence);
        Assert.Equal("meeting.history.future", Assert.Single(meeting.Edit(agreement, meeting.Details with { MeetsOn = Today }, Today).Errors).Code);
        Assert.Equal("meeting.history.status", Assert.Single(meeting.RecordAsPast(Today).Errors).Code);
        Assert.False(meeting.HasPeopleConvened);
        Assert.True(meeting.Cancel("Saisie en double").IsSuccess);
        Assert.Equal(0, meeting.CalendarSequence);
    }

    [Fact]
    public void Two_meetings_of_the_committee_on_the_same_day_are_refused_a_cancelled_one_does_not_count()
    {
        var (agreement, first) = Planned("2021-06-10");
        var (_, second) = Planned("2021-06-10");

        Assert.Equal("meeting.same-day", Meeting.SameDayAs(second, [first, second])!.Code);
        first.Cancel("Reportée");
        Assert.Null(Meeting.SameDayAs(second, [first, second]));
        Assert.NotNull(agreement);
    }
}
