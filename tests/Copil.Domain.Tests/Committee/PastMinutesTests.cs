using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Voting;

namespace Copil.Domain.Tests.Committee;

/// <summary>History (art. 14): the minutes of a meeting entered afterwards, validated outside Copil, with their real dates.</summary>
public sealed class PastMinutesTests
{
    private static readonly DateOnly Today = new(2022, 9, 1);

    private static readonly DateTime Now = new(2022, 9, 1, 8, 0, 0, DateTimeKind.Utc);

    private static (Agreement Agreement, Meeting Meeting) HeldAfterwards()
    {
        var agreement = new Tests.Agreements.AgreementBuilder().Build();
        var meeting = Meeting.Plan(agreement, MeetingTests.Spring(new DateOnly(2021, 6, 10)), Today).Value;
        meeting.AddItem(AgendaItemKind.Priorities, "Priorités 2022", null, needsVote: true);
        Assert.True(meeting.RecordAsPast(Today).IsSuccess);
        Assert.True(meeting.RecordAttendance(agreement, MeetingTests.AllPresent(agreement), [], Today).IsSuccess);
        Assert.True(meeting.RecordVote(agreement, meeting.Items[0].Id, [.. agreement.Seats.Select(s => (s.Id, VoteChoice.For))], "s", Today).IsSuccess);
        Assert.True(meeting.Close(Today).IsSuccess);
        return (agreement, meeting);
    }

    [Fact]
    public void Past_minutes_are_recorded_validated_with_their_real_dates_frozen_and_marked()
    {
        var (agreement, meeting) = HeldAfterwards();

        var minutes = Minutes.RecordPast(agreement, meeting, "  Compte rendu validé le 1er juillet 2021.  ", new DateOnly(2021, 6, 14), new DateOnly(2021, 6, 21), new DateOnly(2021, 7, 1), null, "secrétariat", Now, Today).Value;

        Assert.Equal((MinutesStatus.Validated, true, new DateOnly(2021, 7, 1), new DateOnly(2021, 6, 14)), (minutes.Status, minutes.EnteredAfterwards, minutes.ValidatedOn, minutes.SentForReviewOn));
        Assert.Equal(["DGESCO", "DGESIP"], minutes.Reviews.Select(r => r.Directorate));
        Assert.All(minutes.Reviews, r => Assert.Equal((true, new DateOnly(2021, 6, 21)), (r.Approved, r.On)));
        Assert.Equal(Minutes.Hash("Compte rendu validé le 1er juillet 2021."), minutes.ContentHash);
        Assert.Equal("Validation saisie a posteriori, à la date indiquée par le secrétariat.", minutes.ValidationText);
        Assert.Equal("minutes.frozen", Assert.Single(minutes.Revise("Autre", "s", Now).Errors).Code);
        Assert.Equal("correction.frozen", meeting.CorrectVote(agreement, meeting.Items[0].Id, [], "Erreur", "s", Today, minutes).Errors[0].Code);
    }

    [Theory]
    [InlineData(null, null, "2021-07-01", null, "minutes.text", "Text")]
    [InlineData("2021-06-01", null, "2021-07-01", "texte", "minutes.history.date", "SentOn")]
    [InlineData("2021-06-14", "2021-06-12", "2021-07-01", "texte", "minutes.history.date", "ReviewedOn")]
    [InlineData("2021-06-14", "2021-06-21", "2021-06-20", "texte", "minutes.history.date", "ValidatedOn")]
    [InlineData(null, null, "2022-09-02", "texte", "minutes.history.date", "ValidatedOn")]
    [InlineData(null, null, null, "texte", "minutes.history.validated", "ValidatedOn")]
    public void Dates_out_of_order_in_the_future_or_missing_and_an_empty_text_are_refused_by_field(string? sent, string? reviewed, string? validated, string? text, string code, string field)
    {
        var (agreement, meeting) = HeldAfterwards();
        static DateOnly? Day(string? d) => d is null ? null : DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture);

        var refused = Minutes.RecordPast(agreement, meeting, text, Day(sent), Day(reviewed), Day(validated), null, "s", Now, Today);

        var error = Assert.Single(refused.Errors);
        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void A_meeting_run_in_copil_has_its_minutes_written_reviewed_and_validated_in_copil()
    {
        var (agreement, meeting, _) = MinutesTests.Drafted();

        var refused = Minutes.RecordPast(agreement, meeting, "texte", null, null, new DateOnly(2021, 6, 20), null, "s", Now, Today);

        Assert.Equal("minutes.history.meeting", Assert.Single(refused.Errors).Code);
    }
}
