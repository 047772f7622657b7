using Copil.Domain.Access;
using Copil.Web.Features.Agreements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

/// <summary>/api/v1/agreements/{id}/committee: seats, invitees and the majority rule.</summary>
public static class CommitteeApi
{
    public static void MapCommitteeApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/committee").WithTags("Comité de pilotage");

        group.MapGet("", GetAsync).RequireAgreement(AgreementPermission.View).WithSummary("Le comité : sièges, voix, invités, règle de majorité");
        group.MapGet("/seats", SeatsAsync).RequireAgreement(AgreementPermission.View).WithSummary("Les sièges");
        group.MapPost("/seats", AddSeatAsync).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Ajouter un siège");
        group.MapPut("/seats/{seatId:guid}", UpdateSeatAsync).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Modifier un siège");
        group.MapPut("/casting-vote", SetCastingVoteAsync).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Choisir le siège à voix prépondérante (null : aucun)");
        group.MapPost("/invitees", AddInviteeAsync).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Ajouter un invité sans voix");
    }

    private static async Task<Results<Ok<CommitteeDto>, Refusal>> GetAsync(Guid id, AgreementCommands commands, AgreementReader reader, CancellationToken ct) =>
        await reader.LoadAsync(id, ct) is { } a ? TypedResults.Ok(CommitteeDto.From(a)) : new Refusal([AgreementCommands.NotFound]);

    private static async Task<Results<Ok<IReadOnlyList<SeatDto>>, Refusal>> SeatsAsync(Guid id, AgreementCommands commands, AgreementReader reader, CancellationToken ct) =>
        await reader.LoadAsync(id, ct) is { } a ? TypedResults.Ok(CommitteeDto.From(a).Seats) : new Refusal([AgreementCommands.NotFound]);

    private static async Task<Results<Created<SeatDto>, Refusal>> AddSeatAsync(Guid id, SeatInput input, AgreementCommands commands, CancellationToken ct)
    {
        var result = await commands.AddSeatAsync(id, input.Version, input.PartyId, input.Holder, input.Substitute, input.VoteWeight, input.IsBoardMember, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/agreements/{id}/committee/seats/{result.Value.Id}", ToDto(result.Value)) : new Refusal(result.Errors);
    }

    private static async Task<Results<Ok<SeatDto>, Refusal>> UpdateSeatAsync(Guid id, Guid seatId, SeatInput input, AgreementCommands commands, CancellationToken ct) =>
        ApiSupport.OkOrRefusal(await commands.UpdateSeatAsync(id, input.Version, seatId, input.Holder, input.Substitute, input.VoteWeight, input.IsBoardMember, ct), ToDto);

    private static async Task<Results<Ok<CommitteeDto>, Refusal>> SetCastingVoteAsync(Guid id, CastingVoteInput input, AgreementCommands commands, CancellationToken ct) =>
        ApiSupport.OkOrRefusal(await commands.SetCastingVoteAsync(id, input.Version, input.SeatId, ct), CommitteeDto.From);

    private static async Task<Results<Created<InviteeDto>, Refusal>> AddInviteeAsync(Guid id, InviteeInput input, AgreementCommands commands, CancellationToken ct)
    {
        var result = await commands.AddInviteeAsync(id, input.Version, input.Name, input.Organisation, input.Capacity, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/committee", new InviteeDto(result.Value.Id, result.Value.Name, result.Value.Organisation, result.Value.Capacity))
            : new Refusal(result.Errors);
    }

    private static SeatDto ToDto(Copil.Domain.Agreements.CommitteeSeat s) => new(s.Id, s.PartyId, s.Holder, s.Substitute, s.VoteWeight, s.IsBoardMember);
}
