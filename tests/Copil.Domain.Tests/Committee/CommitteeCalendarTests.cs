using Copil.Domain.Committee;
using Copil.Domain.Tests.Agreements;

namespace Copil.Domain.Tests.Committee;

/// <summary>Art. 14: a spring meeting before 15 June, a year-end meeting before the board, at least two meetings a year.</summary>
public sealed class CommitteeCalendarTests
{
    private static Meeting Held(Copil.Domain.Agreements.Agreement agreement, MeetingDetails details)
    {
        var meeting = Meeting.Plan(agreement, details, MeetingTests.Today).Value;
        meeting.AddItem(AgendaItemKind.Priorities, "Priorités", null, true);
        meeting.Convene(MeetingTests.Today);
        meeting.RecordAttendance(agreement, MeetingTests.AllPresent(agreement), [], details.MeetsOn!.Value);
        meeting.Close(details.MeetsOn!.Value);
        return meeting;
    }

    [Fact]
    public void A_year_that_kept_the_calendar()
    {
        var agreement = new AgreementBuilder().Build();
        var meetings = new[]
        {
            Held(agreement, MeetingTests.Spring(new DateOnly(2021, 6, 10))),
            Held(agreement, new MeetingDetails { Kind = MeetingKind.YearEnd, Year = 2021, MeetsOn = new DateOnly(2021, 11, 25), Place = "Paris", BoardMeetingOn = new DateOnly(2021, 12, 9) }),
        };

        var checks = CommitteeCalendar.For(agreement, 2021, meetings, new DateOnly(2022, 1, 10));

        Assert.All(checks, c => Assert.True(c.Kept));
        Assert.Equal("Comité de printemps 2021 (art. 14 : avant le 15 juin 2021, cette date exclue)", checks[0].Rule);
        Assert.Equal("Tenu le 25 novembre 2021, avant le conseil d'administration du 9 décembre 2021.", checks[1].Explanation);
        Assert.Equal("2 réunions tenues.", checks[2].Explanation);
    }

    [Fact]
    public void A_late_spring_meeting_and_a_missing_one()
    {
        var agreement = new AgreementBuilder().Build();
        var late = Held(agreement, MeetingTests.Spring(new DateOnly(2021, 6, 15)));

        var checks2021 = CommitteeCalendar.For(agreement, 2021, [late], new DateOnly(2021, 7, 1));
        var checks2022 = CommitteeCalendar.For(agreement, 2022, [late], new DateOnly(2022, 6, 15));
        var before = CommitteeCalendar.For(agreement, 2022, [late], new DateOnly(2022, 3, 1));

        Assert.Equal((false, "Tenu le 15 juin 2021, après la date limite du 14 juin 2021."), (checks2021[0].Kept, checks2021[0].Explanation));
        Assert.Null(checks2021[2].Kept);
        // 15 June 2022 is a Wednesday: the last day is Tuesday 14 June.
        Assert.Equal((false, "Aucun comité de printemps tenu au 14 juin 2022."), (checks2022[0].Kept, checks2022[0].Explanation));
        Assert.Equal((null, "Pas encore planifié ; date limite le 14 juin 2022."), (before[0].Kept, before[0].Explanation));
    }

    [Fact]
    public void The_years_the_agreement_only_partly_covers_owe_only_the_meetings_its_term_spans()
    {
        // Signed 1 December 2020, in force until 30 November 2023.
        var agreement = new AgreementBuilder().Build();
        var yearEnd2020 = Meeting.Plan(agreement, new MeetingDetails { Kind = MeetingKind.YearEnd, Year = 2020, MeetsOn = new DateOnly(2020, 12, 10), Place = "Paris", BoardMeetingOn = new DateOnly(2020, 12, 17) }, new DateOnly(2021, 3, 1)).Value;
        yearEnd2020.AddItem(AgendaItemKind.Other, "Installation du comité", null, needsVote: false);
        yearEnd2020.RecordAsPast(new DateOnly(2021, 3, 1));
        yearEnd2020.RecordAttendance(agreement, MeetingTests.AllPresent(agreement), [], new DateOnly(2021, 3, 1));
        yearEnd2020.Close(new DateOnly(2021, 3, 1));

        var signatureYear = CommitteeCalendar.For(agreement, 2020, [yearEnd2020], new DateOnly(2021, 3, 1));
        var lastYear = CommitteeCalendar.For(agreement, 2023, [], new DateOnly(2024, 1, 10));

        Assert.Equal((null, "Sans objet : la convention a été signée le 1er décembre 2020, après cette date."), (signatureYear[0].Kept, signatureYear[0].Explanation));
        Assert.True(signatureYear[1].Kept);
        Assert.Equal((true, "Au moins 1 réunion en 2020 (art. 14, année partiellement couverte par la convention)"), (signatureYear[2].Kept, signatureYear[2].Rule));
        Assert.False(lastYear[0].Kept);
        Assert.Equal((null, "Sans objet : la convention prend fin le 30 novembre 2023, sans actions l'année suivante."), (lastYear[1].Kept, lastYear[1].Explanation));
        Assert.Equal(("Au moins 1 réunion en 2023 (art. 14, année partiellement couverte par la convention)", false), (lastYear[2].Rule, lastYear[2].Kept));
    }
}
