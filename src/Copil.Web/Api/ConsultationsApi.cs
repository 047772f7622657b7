using Copil.Domain.Access;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Voting;
using Copil.Web.Features.Access;
using Copil.Web.Features.Committee;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

public sealed record ConsultationInput(string? Subject, DateOnly? ClosesOn, IReadOnlyList<Guid>? SheetIds, string? OtherPoint);

public sealed record SeatVoteInput(Guid SeatId, VoteChoice Choice);

public sealed record ConsultationDto(Guid Id, string Subject, DateOnly OpenedOn, DateOnly ClosesOn, ConsultationStatus Status, DateOnly? ClosedOn,
    IReadOnlyList<ConsultationItem> Items, IReadOnlyList<ConsultationBallot> Ballots, IReadOnlyList<ItemVote> Results)
{
    /// <summary>The consultation as this caller may read it: the ballots of an open one only for the secretariat and their own seats.</summary>
    public static ConsultationDto From(Consultation c, AgreementGrant grant) => new(c.Id, c.Subject, c.OpenedOn, c.ClosesOn, c.Status, c.ClosedOn, c.Items,
        c.BallotsVisibleTo(grant.Can(AgreementPermission.SteerActions), [.. grant.Memberships.Where(m => m.Role == AgreementRole.CommitteeMember && m.SeatId is not null).Select(m => m.SeatId!.Value)]),
        c.Results);
}

/// <summary>/api/v1/agreements/{id}/consultations: written consultations of the committee (art. 14).</summary>
public static class ConsultationsApi
{
    public static void MapConsultationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/consultations").WithTags("Comité de pilotage");

        group.MapGet("", ListAsync).RequireAgreement(AgreementPermission.View).WithSummary("Les consultations écrites, votes nominatifs et résultats");
        group.MapGet("/{consultationId:guid}", GetAsync).RequireAgreement(AgreementPermission.View).WithSummary("Une consultation écrite");
        group.MapPost("", OpenAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Ouvrir une consultation écrite : chaque titulaire de siège reçoit ses liens de vote personnels");
        group.MapPost("/{consultationId:guid}/items/{itemId:guid}/vote", VoteAsync).RequireAgreement(AgreementPermission.VoteForSeat)
            .WithSummary("Voter pour son siège sur un point (une fois, jusqu'à la clôture)");
    }

    private static async Task<Ok<List<ConsultationDto>>> ListAsync(Guid id, HttpContext http, ConsultationCommands consultations, CancellationToken ct) =>
        TypedResults.Ok((await consultations.ListAsync(id, ct)).Select(c => ConsultationDto.From(c, http.Grant())).ToList());

    private static async Task<Results<Ok<ConsultationDto>, Refusal>> GetAsync(Guid id, Guid consultationId, HttpContext http, ConsultationCommands consultations, CancellationToken ct) =>
        await consultations.LoadAsync(id, consultationId, ct) is { } c ? TypedResults.Ok(ConsultationDto.From(c, http.Grant())) : new Refusal([ConsultationCommands.NotFound]);

    private static async Task<Results<Created<ConsultationDto>, Refusal>> OpenAsync(Guid id, ConsultationInput input, HttpContext http, ConsultationCommands consultations, CancellationToken ct)
    {
        var opened = await consultations.OpenAsync(id, input.Subject, input.ClosesOn, input.SheetIds ?? [], input.OtherPoint, ct);
        return opened.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/consultations/{opened.Value.Id}", ConsultationDto.From(opened.Value, http.Grant()))
            : new Refusal(opened.Errors);
    }

    private static async Task<Results<Ok<ConsultationDto>, Refusal>> VoteAsync(
        Guid id, Guid consultationId, Guid itemId, SeatVoteInput input, HttpContext http, ConsultationCommands consultations, CancellationToken ct)
    {
        if (!http.Grant().Memberships.Any(m => m.Role == AgreementRole.CommitteeMember && m.SeatId == input.SeatId))
        {
            return new Refusal([DomainError.Forbidden("vote.not-your-seat", "Vous ne votez que pour le siège que vous occupez.")]);
        }

        return ApiSupport.OkOrRefusal(await consultations.VoteInAppAsync(id, consultationId, itemId, input.SeatId, input.Choice, Actor.Of(http.User).Name, ct), c => ConsultationDto.From(c, http.Grant()));
    }
}
