using Copil.Domain.Access;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Voting;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Committee;

namespace Copil.Web.Api;

public sealed record MeetingInput(MeetingKind Kind, int Year, DateOnly MeetsOn, string? StartsAt, string? Place, string? VideoLink, DateOnly? BoardMeetingOn, string? Reason, int? Version)
{
    public MeetingDetails ToDetails() => new() { Kind = Kind, Year = Year, MeetsOn = MeetsOn, StartsAt = StartsAt, Place = Place, VideoLink = VideoLink, BoardMeetingOn = BoardMeetingOn, Reason = Reason };
}

public sealed record AgendaItemInput(AgendaItemKind Kind, string? Title, Guid? ActionSheetId, bool NeedsVote, int? Version);

public sealed record AttendanceInput(IReadOnlyList<SeatPresence> Seats, IReadOnlyList<Guid>? InviteesPresent, int? Version);

public sealed record BallotInput(Guid SeatId, VoteChoice Choice);

public sealed record VoteInput(IReadOnlyList<BallotInput> Ballots, int? Version);

public sealed record MinutesTextInput(string? Text, int? Version);

public sealed record MinutesReviewInput(Guid PartyId, bool Approved, string? Comment, int? Version);

public sealed record MeetingDto(
    Guid Id, MeetingKind Kind, int Year, DateOnly MeetsOn, string? StartsAt, string? Place, string? VideoLink, DateOnly? BoardMeetingOn, string? Reason,
    MeetingStatus Status, DateOnly? ConvenedOn, DateOnly DocumentsDueOn, string DocumentsDueSource, IReadOnlyList<string> Warnings,
    IReadOnlyList<AgendaItem> Items, IReadOnlyList<SeatPresence> Presences, IReadOnlyList<Guid> InviteesPresent, IReadOnlyList<ItemVote> Votes, int Version)
{
    public static MeetingDto From(Copil.Domain.Agreements.Agreement a, Meeting m) => new(
        m.Id, m.Kind, m.Year, m.MeetsOn, m.StartsAt, m.Place, m.VideoLink, m.BoardMeetingOn, m.Reason, m.Status, m.ConvenedOn,
        m.DocumentsDeadline(a).Date, m.DocumentsDeadlineSource(a), m.CalendarWarnings(a), m.Items, m.Presences, m.InviteesPresent, m.Votes, m.Version);
}

public sealed record MinutesDto(
    Guid Id, Guid MeetingId, MinutesStatus Status, IReadOnlyList<MinutesVersion> Versions, IReadOnlyList<MinutesReview> Reviews,
    DateOnly? SentForReviewOn, DateOnly? ReviewDueOn, string? ReviewDueSource, ItemVote? Validation, DateOnly? ValidatedOn, string? ContentHash, int Version)
{
    public static MinutesDto From(Minutes m) => new(m.Id, m.MeetingId, m.Status, m.Versions, m.Reviews, m.SentForReviewOn, m.ReviewDueOn, m.ReviewDueSource, m.Validation, m.ValidatedOn, m.ContentHash, m.Version);
}

/// <summary>/api/v1/agreements/{id}/meetings: the committee's meetings, votes and minutes, by the same use cases as the pages.</summary>
public static class MeetingsApi
{
    public static void MapMeetingsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/meetings").WithTags("Comité de pilotage");

        group.MapGet("", async (Guid id, MeetingCommands meetings, AgreementCommands agreements, CancellationToken ct) =>
        {
            var agreement = (await agreements.LoadAsync(id, ct))!;
            return TypedResults.Ok((await meetings.ListAsync(id, ct)).Select(m => MeetingDto.From(agreement, m)).ToList());
        }).RequireAgreement(AgreementPermission.ViewMeetings).WithSummary("Les réunions du comité, de la plus récente à la plus ancienne").Produces<List<MeetingDto>>();

        group.MapGet("/calendar/{year:int}", async (Guid id, int year, MeetingCommands meetings, AgreementCommands agreements, CancellationToken ct) =>
            TypedResults.Ok(CommitteeCalendar.For((await agreements.LoadAsync(id, ct))!, year, await meetings.ListAsync(id, ct), meetings.Today)))
            .RequireAgreement(AgreementPermission.View).WithSummary("Le calendrier de l'année : printemps avant le 15 juin, fin d'année avant le conseil d'administration, nombre de réunions (art. 14)")
            .Produces<IReadOnlyList<CalendarCheck>>();

        group.MapGet("/{meetingId:guid}", async (Guid id, Guid meetingId, MeetingCommands meetings, AgreementCommands agreements, CancellationToken ct) =>
            await meetings.LoadAsync(id, meetingId, ct) is { } m ? TypedResults.Ok(MeetingDto.From((await agreements.LoadAsync(id, ct))!, m)) : ApiSupport.NotFound())
            .RequireAgreement(AgreementPermission.ViewMeetings).WithSummary("Une réunion : ordre du jour, présences, votes nominatifs").Produces<MeetingDto>();

        group.MapPost("", async (Guid id, MeetingInput input, MeetingCommands meetings, AgreementCommands agreements, CancellationToken ct) =>
        {
            var result = await meetings.PlanAsync(id, input.ToDetails(), ct);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/agreements/{id}/meetings/{result.Value.Id}", MeetingDto.From((await agreements.LoadAsync(id, ct))!, result.Value))
                : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Planifier une réunion").Produces<MeetingDto>(201).ProducesValidationProblem();

        Map(group, "PUT", "/{meetingId:guid}", "Corriger la réunion (version obligatoire)",
            (MeetingInput i, MeetingCommands c, Guid id, Guid m, string _, CancellationToken ct) => c.EditAsync(id, m, i.Version, i.ToDetails(), ct));
        Map(group, "POST", "/{meetingId:guid}/items", "Inscrire un point à l'ordre du jour",
            (AgendaItemInput i, MeetingCommands c, Guid id, Guid m, string _, CancellationToken ct) => c.AddItemAsync(id, m, i.Version, i.Kind, i.Title, i.ActionSheetId, i.NeedsVote, ct));
        Map(group, "POST", "/{meetingId:guid}/items/{itemId:guid}/remove", "Retirer un point (avant la convocation)",
            (VersionInput i, MeetingCommands c, Guid id, Guid m, string _, CancellationToken ct, Guid itemId) => c.RemoveItemAsync(id, m, i.Version, itemId, ct));
        Map(group, "POST", "/{meetingId:guid}/convene", "Convoquer : chaque membre reçoit l'ordre du jour et une invitation .ics",
            (VersionInput i, MeetingCommands c, Guid id, Guid m, string _, CancellationToken ct) => c.ConveneAsync(id, m, i.Version, ct));
        Map(group, "PUT", "/{meetingId:guid}/attendance", "Saisir les présences de chaque siège (présent, représenté par son suppléant, absent)",
            (AttendanceInput i, MeetingCommands c, Guid id, Guid m, string _, CancellationToken ct) => c.RecordAttendanceAsync(id, m, i.Version, i.Seats ?? [], i.InviteesPresent ?? [], ct));
        Map(group, "POST", "/{meetingId:guid}/items/{itemId:guid}/vote", "Enregistrer le vote nominatif sur un point ; une décision sur une fiche la fait avancer (art. 13 et 14)",
            (VoteInput i, MeetingCommands c, Guid id, Guid m, string by, CancellationToken ct, Guid itemId) => c.RecordVoteAsync(id, m, i.Version, itemId, [.. (i.Ballots ?? []).Select(b => (b.SeatId, b.Choice))], by, ct));
        Map(group, "POST", "/{meetingId:guid}/close", "Déclarer la réunion tenue",
            (VersionInput i, MeetingCommands c, Guid id, Guid m, string _, CancellationToken ct) => c.CloseAsync(id, m, i.Version, ct));
        Map(group, "POST", "/{meetingId:guid}/cancel", "Annuler la réunion",
            (ReasonInput i, MeetingCommands c, Guid id, Guid m, string _, CancellationToken ct) => c.CancelAsync(id, m, i.Version, i.Reason, ct));

        group.MapGet("/{meetingId:guid}/minutes", async (Guid id, Guid meetingId, MinutesCommands minutes, CancellationToken ct) =>
            await minutes.LoadAsync(id, meetingId, ct) is { } m ? TypedResults.Ok(MinutesDto.From(m)) : ApiSupport.NotFound())
            .RequireAgreement(AgreementPermission.View).WithSummary("Le compte-rendu : versions, relectures, validation, empreinte").Produces<MinutesDto>();
        group.MapPost("/{meetingId:guid}/minutes", async (Guid id, Guid meetingId, HttpContext http, MinutesCommands minutes, CancellationToken ct) =>
            Created(id, meetingId, await minutes.DraftAsync(id, meetingId, http.User.Identity?.Name ?? "", ct)))
            .RequireAgreement(AgreementPermission.SteerActions).WithSummary("Rédiger le compte-rendu à partir de la réunion tenue").Produces<MinutesDto>(201).ProducesValidationProblem();

        MapMinutes(group, "PUT", "", AgreementPermission.SteerActions, "Enregistrer une nouvelle version du texte (refusé une fois validé)",
            (MinutesTextInput i, MinutesCommands c, Guid id, Guid m, string by, AgreementGrant _, CancellationToken ct) => c.ReviseAsync(id, m, i.Version, i.Text, by, ct));
        MapMinutes(group, "POST", "/send-for-review", AgreementPermission.SteerActions, "Adresser pour relecture aux directions (délai de l'art. 14 calculé)",
            (VersionInput i, MinutesCommands c, Guid id, Guid m, string _, AgreementGrant __, CancellationToken ct) => c.SendForReviewAsync(id, m, i.Version, ct));
        MapMinutes(group, "POST", "/reviews", AgreementPermission.GiveOpinions, "Approuver ou commenter la version en cours (direction relectrice du ministère indiqué)",
            (MinutesReviewInput i, MinutesCommands c, Guid id, Guid m, string by, AgreementGrant grant, CancellationToken ct) => c.ReviewAsync(id, m, i.Version, i.PartyId, i.Approved, i.Comment, grant, by, ct));
        MapMinutes(group, "POST", "/submit-for-validation", AgreementPermission.SteerActions, "Soumettre à la validation des membres",
            (VersionInput i, MinutesCommands c, Guid id, Guid m, string _, AgreementGrant __, CancellationToken ct) => c.SubmitForValidationAsync(id, m, i.Version, ct));
        group.MapPost("/{meetingId:guid}/minutes/consultation", async (Guid id, Guid meetingId, DateInput input, ConsultationCommands consultations, CancellationToken ct) =>
        {
            var opened = await consultations.OpenForMinutesAsync(id, meetingId, input.On, ct);
            return opened.IsSuccess
                ? TypedResults.Created($"/api/v1/agreements/{id}/consultations/{opened.Value.Id}", ConsultationDto.From(opened.Value))
                : opened.FailureKind == ErrorKind.NotFound ? ApiSupport.NotFound() : ApiSupport.Problem(opened.Errors);
        }).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Soumettre le compte-rendu aux membres par consultation écrite (on : dernier jour pour répondre)").Produces<ConsultationDto>(201).ProducesValidationProblem();
        MapMinutes(group, "POST", "/validation", AgreementPermission.SteerActions, "Enregistrer le vote des membres sur le compte-rendu ; adopté, il est figé et son empreinte calculée",
            (VoteInput i, MinutesCommands c, Guid id, Guid m, string by, AgreementGrant _, CancellationToken ct) => c.RecordValidationAsync(id, m, i.Version, [.. (i.Ballots ?? []).Select(b => (b.SeatId, b.Choice))], by, ct));
    }

    private static IResult Created(Guid id, Guid meetingId, Result<Minutes> result) =>
        result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/meetings/{meetingId}/minutes", MinutesDto.From(result.Value))
            : result.FailureKind == ErrorKind.NotFound ? ApiSupport.NotFound() : ApiSupport.Problem(result.Errors);

    private static void Map<TInput>(RouteGroupBuilder group, string method, string pattern, string summary,
        Func<TInput, MeetingCommands, Guid, Guid, string, CancellationToken, Task<Result<Meeting>>> action) =>
        Map<TInput>(group, method, pattern, summary, (i, c, id, m, by, ct, _) => action(i, c, id, m, by, ct));

    private static void Map<TInput>(RouteGroupBuilder group, string method, string pattern, string summary,
        Func<TInput, MeetingCommands, Guid, Guid, string, CancellationToken, Guid, Task<Result<Meeting>>> action)
    {
        var handler = async (Guid id, Guid meetingId, TInput input, HttpContext http, MeetingCommands commands, AgreementCommands agreements, CancellationToken ct) =>
        {
            var itemId = Guid.TryParse(http.GetRouteValue("itemId")?.ToString(), out var parsed) ? parsed : Guid.Empty;
            var result = await action(input, commands, id, meetingId, http.User.Identity?.Name ?? "", ct, itemId);
            return result.IsSuccess
                ? TypedResults.Ok(MeetingDto.From((await agreements.LoadAsync(id, ct))!, result.Value))
                : result.FailureKind == ErrorKind.NotFound ? ApiSupport.NotFound() : ApiSupport.Problem(result.Errors);
        };
        group.MapMethods(pattern, [method], handler).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary(summary).Produces<MeetingDto>().ProducesValidationProblem().ProducesProblem(409);
    }

    private static void MapMinutes<TInput>(RouteGroupBuilder group, string method, string pattern, AgreementPermission permission, string summary,
        Func<TInput, MinutesCommands, Guid, Guid, string, AgreementGrant, CancellationToken, Task<Result<Minutes>>> action)
    {
        var handler = async (Guid id, Guid meetingId, TInput input, HttpContext http, MinutesCommands commands, CancellationToken ct) =>
        {
            var result = await action(input, commands, id, meetingId, http.User.Identity?.Name ?? "", http.Grant(), ct);
            return result.IsSuccess ? TypedResults.Ok(MinutesDto.From(result.Value)) : ApiSupport.Problem(result.Errors);
        };
        group.MapMethods($"/{{meetingId:guid}}/minutes{pattern}", [method], handler).RequireAgreement(permission)
            .WithSummary(summary).Produces<MinutesDto>().ProducesValidationProblem().ProducesProblem(409);
    }
}
