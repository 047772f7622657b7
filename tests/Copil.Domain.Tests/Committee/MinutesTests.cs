using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Voting;

namespace Copil.Domain.Tests.Committee;

/// <summary>Minutes (art. 14): drafted from the meeting, proof-read by DGESCO and DGESIP within 7 days, validated by the members, then frozen.</summary>
public sealed class MinutesTests
{
    private static readonly DateTime Now = new(2021, 6, 11, 8, 0, 0, DateTimeKind.Utc);

    internal static (Agreement Agreement, Meeting Meeting, Minutes Minutes) Drafted()
    {
        var (agreement, meeting, sheet, _) = MeetingTests.Convened();
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        meeting.RecordAttendance(agreement, MeetingTests.AllPresent(agreement), [], meeting.MeetsOn);
        meeting.RecordVote(agreement, sheet.Id, [(seats[0], VoteChoice.For), (seats[1], VoteChoice.For), (seats[2], VoteChoice.For), (seats[3], VoteChoice.Against)], "secrétariat", meeting.MeetsOn);
        meeting.WriteItemNotes(sheet.Id, "Le porteur a présenté le forum.");
        meeting.Close(meeting.MeetsOn);
        var minutes = Minutes.Draft(agreement, meeting, _ => "Fiche n° 1 — Forum des métiers", "secretariat@opco", Now).Value;
        return (agreement, meeting, minutes);
    }

    internal static Guid Party(Agreement agreement, string directorate) => agreement.Parties.Single(p => p.ReviewingDirectorate == directorate).Id;

    [Fact]
    public void The_draft_is_written_from_what_was_recorded_at_the_meeting()
    {
        var (_, _, minutes) = Drafted();

        var text = minutes.Current.Text;
        Assert.StartsWith("Compte rendu — Comité de printemps du 10 juin 2021", text, StringComparison.Ordinal);
        Assert.Contains("- Membres présents : OPCO Mobilités — Représentant OPCO 1 (1 voix) ; OPCO Mobilités — Représentant OPCO 2 (1 voix) ; MENJS — Représentant MENJS (1 voix) ; MESRI — Représentant MESRI (1 voix).", text, StringComparison.Ordinal);
        Assert.Contains("## 1. Fiche n° 1 — Forum des métiers\nLe porteur a présenté le forum.", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        // The relevé de décisions is a table: point, decision, weighted votes, article.
        var releve = Assert.Single(SimpleMarkup.Parse(text), b => b.Kind == MarkupKind.Table);
        Assert.Equal(["Point", "Décision", "Pour", "Contre", "Abstention", "Article"], releve.Headers);
        Assert.Equal(["1. Fiche n° 1 — Forum des métiers", "Adopté — fiche validée", "3 voix", "1 voix", "0 voix", "art. 13"], Assert.Single(releve.Body));
        Assert.Equal(["Participants", "Ordre du jour", "Relevé de décisions", "1. Fiche n° 1 — Forum des métiers", "2. Point d'information sur les salons", "Prochaines échéances"],
            SimpleMarkup.Parse(text).Where(b => b.Kind == MarkupKind.Heading).Select(b => b.Text));
        Assert.Contains("Vote : OPCO Mobilités — Représentant OPCO 1 pour ; OPCO Mobilités — Représentant OPCO 2 pour ; MENJS — Représentant MENJS pour ; MESRI — Représentant MESRI contre.", text, StringComparison.Ordinal);
        Assert.Contains("Adopté : 3 voix pour, 1 voix contre", text, StringComparison.Ordinal);
        // What comes next, each with its article.
        Assert.Equal(
        [
            "Relecture du présent compte rendu par les directions des ministères : dans les 7 jours de son envoi (art. 14).",
            "Comité de fin d'année 2021 : avant le conseil d'administration de l'OPCO qui arrête les actions de 2022 (art. 14).",
            "Bilan annuel 2021 adressé aux signataires pour validation : au plus tard le vendredi 29 avril 2022 (art. 15).",
        ], SimpleMarkup.Parse(text).SkipWhile(b => b.Text != "Prochaines échéances").Skip(1).Select(b => b.Text));
    }

    [Fact]
    public void Minutes_are_drafted_only_once_the_meeting_is_held()
    {
        var (agreement, meeting, _, _) = MeetingTests.Convened();

        Assert.Equal("minutes.meeting", Assert.Single(Minutes.Draft(agreement, meeting, _ => null, "s", Now).Errors).Code);
    }

    [Theory]
    // Friday 11 June 2021 + 7 days = Friday 18 June.
    [InlineData("2021-06-11", "2021-06-18")]
    // Friday 4 November 2022 + 7 = Friday 11 November (Armistice), moved to Monday 14 November (CPC art. 642).
    [InlineData("2022-11-04", "2022-11-14")]
    // Wednesday 24 May 2023 + 7 = Wednesday 31 May: a month end, nothing to move.
    [InlineData("2023-05-24", "2023-05-31")]
    // Monday 22 May 2023 + 7 = Whit Monday 29 May, moved to Tuesday 30 May.
    [InlineData("2023-05-22", "2023-05-30")]
    public void The_review_is_due_7_days_after_sending_the_day_of_sending_not_counted(string sentOn, string dueOn)
    {
        var (agreement, _, minutes) = Drafted();

        Assert.True(minutes.SendForReview(agreement, DateOnly.Parse(sentOn, System.Globalization.CultureInfo.InvariantCulture)).IsSuccess);

        Assert.Equal(DateOnly.Parse(dueOn, System.Globalization.CultureInfo.InvariantCulture), minutes.ReviewDueOn);
        Assert.StartsWith("art. 14 : relecture sous 7 jours, soit 7 jours après le", minutes.ReviewDueSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_reviewing_directorates_review_once_per_version_and_comments_need_a_text()
    {
        var (agreement, _, minutes) = Drafted();
        var sent = new DateOnly(2021, 6, 11);
        Assert.Equal("minutes.review.status", Assert.Single(minutes.Review(agreement, Party(agreement, "DGESCO"), true, null, "dgesco", sent).Errors).Code);
        minutes.SendForReview(agreement, sent);
        var opco = agreement.Parties.Single(p => p.ShortName == "OPCO Mobilités").Id;

        Assert.Equal("minutes.review.party", Assert.Single(minutes.Review(agreement, opco, true, null, "opco", sent).Errors).Code);
        Assert.Equal("minutes.review.comment", Assert.Single(minutes.Review(agreement, Party(agreement, "DGESCO"), false, " ", "dgesco", sent).Errors).Code);
        Assert.True(minutes.Review(agreement, Party(agreement, "DGESCO"), false, "Préciser le budget du forum.", "dgesco", sent.AddDays(2)).IsSuccess);
        Assert.Equal("minutes.review.twice", Assert.Single(minutes.Review(agreement, Party(agreement, "DGESCO"), true, null, "dgesco", sent.AddDays(3)).Errors).Code);

        // A revision is a new version, reviewed again; the first answer stays on version 1.
        Assert.True(minutes.Revise(minutes.Current.Text + "\nBudget : 30 000 €.", "secretariat@opco", Now.AddDays(3)).IsSuccess);
        Assert.Equal(2, minutes.Current.Number);
        Assert.True(minutes.Review(agreement, Party(agreement, "DGESCO"), true, null, "dgesco", sent.AddDays(9)).IsSuccess);
        Assert.True(minutes.Reviews[^1].Late);
        Assert.Equal(["DGESIP"], minutes.AwaitedReviewers(agreement).Select(p => p.ReviewingDirectorate));
    }

    [Fact]
    public void Validation_waits_for_every_approval_or_for_the_end_of_the_review_delay()
    {
        var (agreement, _, minutes) = Drafted();
        var sent = new DateOnly(2021, 6, 11);
        minutes.SendForReview(agreement, sent);
        minutes.Review(agreement, Party(agreement, "DGESCO"), true, null, "dgesco", sent.AddDays(1));

        var early = Assert.Single(minutes.SubmitForValidation(agreement, sent.AddDays(2)).Errors);

        Assert.Equal("Relecture en cours jusqu'au 18 juin 2021 (art. 14 : relecture sous 7 jours, soit 7 jours après le 11 juin 2021, le jour de l'événement non compté) : DGESIP n'a pas approuvé la version 1.", early.Message);
        Assert.True(minutes.SubmitForValidation(agreement, new DateOnly(2021, 6, 19)).IsSuccess);
        Assert.Equal(MinutesStatus.AwaitingValidation, minutes.Status);
        Assert.Equal("minutes.validating", Assert.Single(minutes.Revise("Autre texte", "s", Now).Errors).Code);
    }

    [Fact]
    public void Validated_minutes_are_frozen_with_their_hash_and_rejected_ones_go_back_to_the_secretariat()
    {
        var (agreement, _, minutes) = Drafted();
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        minutes.SendForReview(agreement, new DateOnly(2021, 6, 11));
        minutes.Review(agreement, Party(agreement, "DGESCO"), true, null, "dgesco", new DateOnly(2021, 6, 14));
        minutes.Review(agreement, Party(agreement, "DGESIP"), true, null, "dgesip", new DateOnly(2021, 6, 15));
        minutes.SubmitForValidation(agreement, new DateOnly(2021, 6, 15));

        var rejected = minutes.RecordValidation(agreement, [(seats[0], VoteChoice.Against), (seats[2], VoteChoice.Against), (seats[3], VoteChoice.For)], "s", new DateOnly(2021, 6, 20)).Value;
        Assert.Equal(TallyOutcome.Rejected, rejected.Outcome);
        Assert.Equal(MinutesStatus.Draft, minutes.Status);
        Assert.Null(minutes.ContentHash);

        minutes.Revise(minutes.Current.Text + "\nCorrection demandée par les membres.", "s", Now.AddDays(10));
        minutes.SendForReview(agreement, new DateOnly(2021, 6, 21));
        minutes.Review(agreement, Party(agreement, "DGESCO"), true, null, "dgesco", new DateOnly(2021, 6, 22));
        minutes.Review(agreement, Party(agreement, "DGESIP"), true, null, "dgesip", new DateOnly(2021, 6, 22));
        minutes.SubmitForValidation(agreement, new DateOnly(2021, 6, 22));
        var adopted = minutes.RecordValidation(agreement, [(seats[0], VoteChoice.For), (seats[1], VoteChoice.For), (seats[2], VoteChoice.Abstain)], "s", new DateOnly(2021, 6, 25)).Value;

        Assert.Equal(TallyOutcome.Adopted, adopted.Outcome);
        Assert.Equal((MinutesStatus.Validated, new DateOnly(2021, 6, 25)), (minutes.Status, minutes.ValidatedOn));
        Assert.Equal(Minutes.Hash(minutes.Current.Text), minutes.ContentHash);
        Assert.Equal(64, minutes.ContentHash!.Length);
        var frozen = Assert.Single(minutes.Revise("Texte modifié après validation", "s", Now.AddDays(20)).Errors);
        Assert.Equal("Le compte rendu est validé depuis le 25 juin 2021 : son texte est figé et ne se modifie plus.", frozen.Message);
        Assert.Equal(2, minutes.Versions.Count);
    }
}
