using Copil.Domain.Access;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Voting;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Committee;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

public sealed record MeetingInput(MeetingKind Kind, int Year, DateOnly MeetsOn, string? StartsAt, string? Place, string? VideoLink, DateOnly? BoardMeetingOn, string? Reason, int? Version)
{
    public MeetingDetails ToDetails() => new() { Kind = Kind, Year = Year, MeetsOn = MeetsOn, StartsAt = StartsAt, Place = Place, VideoLink = VideoLink, BoardMeetingOn = BoardMeetingOn, Reason = Reason };
}

public sealed record AgendaItemInput(AgendaItemKind Kind, string? Title, Guid? ActionSheetId, bool NeedsVote, int? Version);

public sealed record SheetItemsInput(IReadOnlyList<Guid>? SheetIds, int? Version);

public sealed record AttendanceInput(IReadOnlyList<SeatPresence> Seats, IReadOnlyList<Guid>? InviteesPresent, int? Version);

public sealed record BallotInput(Guid SeatId, VoteChoice Choice);

public sealed record VoteInput(IReadOnlyList<BallotInput> Ballots, int? Version);

/// <summary>The vote on an agenda point: the seats' ballots, or <c>unanimousOfPresent</c> (every seat present or represented for); the point's notes saved with it when given.</summary>
public sealed record ItemVoteInput(IReadOnlyList<BallotInput>? Ballots, int? Version, string? Notes = null, bool UnanimousOfPresent = false);

/// <summary>A vote corrected before the minutes are validated: the corrected ballots (or <c>unanimousOfPresent</c>) and the reason, kept with the vote.</summary>
public sealed record VoteCorrectionInput(IReadOnlyList<BallotInput>? Ballots, string? Reason, int? Version, bool UnanimousOfPresent = false);

/// <summary>The attendance corrected once votes rest on it, with the reason; every vote is counted again.</summary>
public sealed record AttendanceCorrectionInput(IReadOnlyList<SeatPresence>? Seats, IReadOnlyList<Guid>? InviteesPresent, string? Reason, int? Version);

public sealed record MinutesTextInput(string? Text, int? Version);

public sealed record MinutesReviewInput(Guid PartyId, bool Approved, string? Comment, int? Version);

public sealed record MeetingDto(
    Guid Id, MeetingKind Kind, int Year, DateOnly MeetsOn, string? StartsAt, string? Place, string? VideoLink, DateOnly? BoardMeetingOn, string? Reason,
    MeetingStatus Status, DateOnly? ConvenedOn, bool EnteredAfterwards, DateOnly DocumentsDueOn, string DocumentsDueSource, IReadOnlyList<string> Warnings,
    IReadOnlyList<AgendaItem> Items, IReadOnlyList<SeatPresence> Presences, IReadOnlyList<Guid> InviteesPresent, IReadOnlyList<ItemVote> Votes, int Version)
{
    public static MeetingDto From(Copil.Domain.Agreements.Agreement a, Meeting m) => new(
        m.Id, m.Kind, m.Year, m.MeetsOn, m.StartsAt, m.Place, m.VideoLink, m.BoardMeetingOn, m.Reason, m.Status, m.ConvenedOn, m.EnteredAfterwards,
        m.DocumentsDeadline(a).Date, m.DocumentsDeadlineSource(a), m.CalendarWarnings(a), m.Items, m.Presences, m.InviteesPresent, m.Votes, m.Version);
}

public sealed record MinutesDto(
    Guid Id, Guid MeetingId, MinutesStatus Status, IReadOnlyList<MinutesVersion> Versions, IReadOnlyList<MinutesReview> Reviews,
    DateOnly? SentForReviewOn, DateOnly? ReviewDueOn, string? ReviewDueSource, ItemVote? Validation, DateOnly? ValidatedOn, string? ContentHash, bool EnteredAfterwards, Guid? SignedDocumentId,
    int Version)
{
    public static MinutesDto From(Minutes m) => new(
        m.Id, m.MeetingId, m.Status, m.Versions, m.Reviews, m.SentForReviewOn, m.ReviewDueOn, m.ReviewDueSource, m.Validation, m.ValidatedOn, m.ContentHash, m.EnteredAfterwards, m.SignedDocumentId, m.Version);
}

/// <summary>The minutes of a meeting entered afterwards, validated outside Copil: the text and the real dates (sent for review and reviewed are optional).</summary>
public sealed record PastMinutesInput(string? Text, DateOnly? SentOn, DateOnly? ReviewedOn, DateOnly? ValidatedOn);

/// <summary>/api/v1/agreements/{id}/meetings: the committee's meetings, votes and minutes, by the same use cases as the pages.</summary>
public static class MeetingsApi
{
    public static void MapMeetingsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/meetings").WithTags("Comité de pilotage");

        group.MapGet("", ListAsync).RequireAgreement(AgreementPermission.ViewMeetings).WithSummary("Les réunions du comité, de la plus récente à la plus ancienne");
        group.MapGet("/calendar/{year:int}", CalendarAsync).RequireAgreement(AgreementPermission.View)
            .WithSummary("Le calendrier de l'année : printemps avant le 15 juin, fin d'année avant le conseil d'administration, nombre de réunions (art. 14)");
        group.MapGet("/{meetingId:guid}", GetAsync).RequireAgreement(AgreementPermission.ViewMeetings).WithSummary("Une réunion : ordre du jour, présences, votes nominatifs");
        group.MapPost("", PlanAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Planifier une réunion");
        group.MapPut("/{meetingId:guid}", EditAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Corriger la réunion (version obligatoire)");
        group.MapPost("/{meetingId:guid}/items", AddItemAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Inscrire un point à l'ordre du jour");
        group.MapPost("/{meetingId:guid}/items/{itemId:guid}/remove", RemoveItemAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Retirer un point (avant la convocation)");
        group.MapPost("/{meetingId:guid}/convene", ConveneAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Convoquer : chaque membre reçoit l'ordre du jour et une invitation .ics");
        group.MapPost("/{meetingId:guid}/record-as-past", RecordAsPastAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Saisir a posteriori une réunion passée (historique) : ni convocation ni notification ; présences, votes et clôture se saisissent ensuite avec leurs dates réelles");
        group.MapPut("/{meetingId:guid}/attendance", RecordAttendanceAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Saisir les présences de chaque siège (présent, représenté par son suppléant, absent)");
        group.MapPost("/{meetingId:guid}/items/{itemId:guid}/vote", RecordVoteAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Enregistrer le vote nominatif sur un point (ou l'unanimité des présents), avec ses notes ; une décision sur une fiche la fait avancer (art. 13 et 14)");
        group.MapPost("/{meetingId:guid}/attendance/corrections", CorrectAttendanceAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Corriger les présences après des votes, avec un motif, avant la validation du compte rendu : chaque vote est recompté et ses effets sur les fiches rejoués");
        group.MapPost("/{meetingId:guid}/items/{itemId:guid}/vote/corrections", CorrectVoteAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Corriger un vote enregistré, avec un motif, avant la validation du compte rendu ; la décision qu'il avait prise sur une fiche est retirée puis la décision corrigée appliquée");
        group.MapPost("/{meetingId:guid}/items/sheets", AddSheetItemsAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Inscrire plusieurs fiches à l'ordre du jour, chacune pour ce qui attend le comité (décision ou demande de modification) ; celles déjà inscrites sont ignorées");
        group.MapPost("/{meetingId:guid}/close", CloseAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Déclarer la réunion tenue");
        group.MapPost("/{meetingId:guid}/cancel", CancelAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Annuler la réunion");

        group.MapGet("/{meetingId:guid}/minutes", GetMinutesAsync).RequireAgreement(AgreementPermission.View).WithSummary("Le compte rendu : versions, relectures, validation, empreinte");
        group.MapPost("/{meetingId:guid}/minutes", DraftMinutesAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Rédiger le compte rendu à partir de la réunion tenue");
        group.MapPost("/{meetingId:guid}/minutes/history", RecordPastMinutesAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Saisir a posteriori le compte rendu validé d'une réunion saisie a posteriori, avec ses dates réelles (envoi, relecture, validation) ; figé aussitôt, personne n'est notifié");
        group.MapPut("/{meetingId:guid}/minutes", ReviseMinutesAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Enregistrer une nouvelle version du texte (refusé une fois validé)");
        group.MapPost("/{meetingId:guid}/minutes/send-for-review", SendMinutesForReviewAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Adresser pour relecture aux directions (délai de l'art. 14 calculé)");
        group.MapPost("/{meetingId:guid}/minutes/reviews", ReviewMinutesAsync).RequireAgreement(AgreementPermission.GiveOpinions)
            .WithSummary("Approuver ou commenter la version en cours (direction relectrice du ministère indiqué)");
        group.MapPost("/{meetingId:guid}/minutes/submit-for-validation", SubmitMinutesAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Soumettre à la validation des membres");
        group.MapPost("/{meetingId:guid}/minutes/consultation", ConsultOnMinutesAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Soumettre le compte rendu aux membres par consultation écrite (on : dernier jour pour répondre)");
        group.MapPost("/{meetingId:guid}/minutes/validation", RecordMinutesValidationAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Enregistrer le vote des membres sur le compte rendu ; adopté, il est figé et son empreinte calculée");
    }

    private static async Task<Ok<List<MeetingDto>>> ListAsync(Guid id, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct)
    {
        var agreement = (await agreements.LoadAsync(id, ct))!;
        return TypedResults.Ok((await meetings.ListAsync(id, ct)).Select(m => MeetingDto.From(agreement, m)).ToList());
    }

    private static async Task<Ok<IReadOnlyList<CalendarCheck>>> CalendarAsync(Guid id, int year, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        TypedResults.Ok(CommitteeCalendar.For((await agreements.LoadAsync(id, ct))!, year, await meetings.ListAsync(id, ct), meetings.Today));

    private static async Task<Results<Ok<MeetingDto>, Refusal>> GetAsync(Guid id, Guid meetingId, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await meetings.LoadAsync(id, meetingId, ct) is { } meeting
            ? TypedResults.Ok(MeetingDto.From((await agreements.LoadAsync(id, ct))!, meeting))
            : new Refusal([MeetingCommands.NotFound]);

    private static async Task<Results<Created<MeetingDto>, Refusal>> PlanAsync(Guid id, MeetingInput input, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct)
    {
        var planned = await meetings.PlanAsync(id, input.ToDetails(), ct);
        return planned.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/meetings/{planned.Value.Id}", MeetingDto.From((await agreements.LoadAsync(id, ct))!, planned.Value))
            : new Refusal(planned.Errors);
    }

    private static async Task<Results<Ok<MeetingDto>, Refusal>> EditAsync(Guid id, Guid meetingId, MeetingInput input, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.EditAsync(id, meetingId, input.Version, input.ToDetails(), ct), agreements, ct);

    private static async Task<Results<Ok<MeetingDto>, Refusal>> AddItemAsync(Guid id, Guid meetingId, AgendaItemInput input, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.AddItemAsync(id, meetingId, input.Version, input.Kind, input.Title, input.ActionSheetId, input.NeedsVote, ct), agreements, ct);

    private static async Task<Results<Ok<MeetingDto>, Refusal>> AddSheetItemsAsync(Guid id, Guid meetingId, SheetItemsInput input, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.AddSheetItemsAsync(id, meetingId, input.Version, input.SheetIds ?? [], ct), agreements, ct);

    private static async Task<Results<Ok<MeetingDto>, Refusal>> RemoveItemAsync(Guid id, Guid meetingId, Guid itemId, VersionInput input, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.RemoveItemAsync(id, meetingId, input.Version, itemId, ct), agreements, ct);

    private static async Task<Results<Ok<MeetingDto>, Refusal>> ConveneAsync(Guid id, Guid meetingId, VersionInput input, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.ConveneAsync(id, meetingId, input.Version, ct), agreements, ct);

    private static async Task<Results<Ok<MeetingDto>, Refusal>> RecordAsPastAsync(Guid id, Guid meetingId, VersionInput input, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.RecordAsPastAsync(id, meetingId, input.Version, ct), agreements, ct);

    private static async Task<Results<Ok<MeetingDto>, Refusal>> RecordAttendanceAsync(Guid id, Guid meetingId, AttendanceInput input, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.RecordAttendanceAsync(id, meetingId, input.Version, input.Seats ?? [], input.InviteesPresent ?? [], ct), agreements, ct);

    private static async Task<Results<Ok<MeetingDto>, Refusal>> RecordVoteAsync(
        Guid id, Guid meetingId, Guid itemId, ItemVoteInput input, HttpContext http, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.RecordVoteAsync(id, meetingId, input.Version, itemId,
            input.UnanimousOfPresent ? null : [.. (input.Ballots ?? []).Select(b => (b.SeatId, b.Choice))], Actor.Of(http.User).Name, input.Notes, ct), agreements, ct);

    private static async Task<Results<Ok<MeetingDto>, Refusal>> CorrectVoteAsync(
        Guid id, Guid meetingId, Guid itemId, VoteCorrectionInput input, HttpContext http, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.CorrectVoteAsync(id, meetingId, input.Version, itemId,
            input.UnanimousOfPresent ? null : [.. (input.Ballots ?? []).Select(b => (b.SeatId, b.Choice))], input.Reason, Actor.Of(http.User).Name, ct), agreements, ct);

    private static async Task<Results<Ok<MeetingDto>, Refusal>> CorrectAttendanceAsync(
        Guid id, Guid meetingId, AttendanceCorrectionInput input, HttpContext http, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.CorrectAttendanceAsync(id, meetingId, input.Version, input.Seats ?? [], input.InviteesPresent ?? [], input.Reason, Actor.Of(http.User).Name, ct), agreements, ct);

    private static async Task<Results<Ok<MeetingDto>, Refusal>> CloseAsync(Guid id, Guid meetingId, VersionInput input, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.CloseAsync(id, meetingId, input.Version, ct), agreements, ct);

    private static async Task<Results<Ok<MeetingDto>, Refusal>> CancelAsync(Guid id, Guid meetingId, ReasonInput input, MeetingCommands meetings, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await meetings.CancelAsync(id, meetingId, input.Version, input.Reason, ct), agreements, ct);

    /// <summary>The meeting as it now is, or the refusal of the use case.</summary>
    private static async Task<Results<Ok<MeetingDto>, Refusal>> AnswerAsync(Guid id, Result<Meeting> result, AgreementReader agreements, CancellationToken ct) =>
        result.IsSuccess ? TypedResults.Ok(MeetingDto.From((await agreements.LoadAsync(id, ct))!, result.Value)) : new Refusal(result.Errors);

    private static async Task<Results<Ok<MinutesDto>, Refusal>> GetMinutesAsync(Guid id, Guid meetingId, MinutesCommands minutes, CancellationToken ct) =>
        await minutes.LoadAsync(id, meetingId, ct) is { } found ? TypedResults.Ok(MinutesDto.From(found)) : new Refusal([MinutesCommands.NotFound]);

    private static async Task<Results<Created<MinutesDto>, Refusal>> DraftMinutesAsync(Guid id, Guid meetingId, HttpContext http, MinutesCommands minutes, CancellationToken ct)
    {
        var drafted = await minutes.DraftAsync(id, meetingId, Actor.Of(http.User).Name, ct);
        return drafted.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/meetings/{meetingId}/minutes", MinutesDto.From(drafted.Value))
            : new Refusal(drafted.Errors);
    }

    private static async Task<Results<Created<MinutesDto>, Refusal>> RecordPastMinutesAsync(
        Guid id, Guid meetingId, PastMinutesInput input, HttpContext http, MinutesCommands minutes, MeetingDocumentStore documents, CancellationToken ct)
    {
        var recorded = await minutes.RecordPastAsync(id, meetingId, input.Text, input.SentOn, input.ReviewedOn, input.ValidatedOn, null, Actor.Of(http.User).Name, documents, ct);
        return recorded.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/meetings/{meetingId}/minutes", MinutesDto.From(recorded.Value))
            : new Refusal(recorded.Errors);
    }

    private static async Task<Results<Ok<MinutesDto>, Refusal>> ReviseMinutesAsync(Guid id, Guid meetingId, MinutesTextInput input, HttpContext http, MinutesCommands minutes, CancellationToken ct) =>
        Answer(await minutes.ReviseAsync(id, meetingId, input.Version, input.Text, Actor.Of(http.User).Name, ct));

    private static async Task<Results<Ok<MinutesDto>, Refusal>> SendMinutesForReviewAsync(Guid id, Guid meetingId, VersionInput input, MinutesCommands minutes, CancellationToken ct) =>
        Answer(await minutes.SendForReviewAsync(id, meetingId, input.Version, ct));

    private static async Task<Results<Ok<MinutesDto>, Refusal>> ReviewMinutesAsync(Guid id, Guid meetingId, MinutesReviewInput input, HttpContext http, MinutesCommands minutes, CancellationToken ct) =>
        Answer(await minutes.ReviewAsync(id, meetingId, input.Version, input.PartyId, input.Approved, input.Comment, http.Grant(), Actor.Of(http.User).Name, ct));

    private static async Task<Results<Ok<MinutesDto>, Refusal>> SubmitMinutesAsync(Guid id, Guid meetingId, VersionInput input, MinutesCommands minutes, CancellationToken ct) =>
        Answer(await minutes.SubmitForValidationAsync(id, meetingId, input.Version, ct));

    private static async Task<Results<Created<ConsultationDto>, Refusal>> ConsultOnMinutesAsync(Guid id, Guid meetingId, DateInput input, HttpContext http, ConsultationCommands consultations, CancellationToken ct)
    {
        var opened = await consultations.OpenForMinutesAsync(id, meetingId, input.On, ct);
        return opened.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/consultations/{opened.Value.Id}", ConsultationDto.From(opened.Value, http.Grant()))
            : new Refusal(opened.Errors);
    }

    private static async Task<Results<Ok<MinutesDto>, Refusal>> RecordMinutesValidationAsync(Guid id, Guid meetingId, VoteInput input, HttpContext http, MinutesCommands minutes, CancellationToken ct) =>
        Answer(await minutes.RecordValidationAsync(id, meetingId, input.Version, [.. (input.Ballots ?? []).Select(b => (b.SeatId, b.Choice))], Actor.Of(http.User).Name, ct));

    private static Results<Ok<MinutesDto>, Refusal> Answer(Result<Minutes> result) =>
        result.IsSuccess ? TypedResults.Ok(MinutesDto.From(result.Value)) : new Refusal(result.Errors);
}
