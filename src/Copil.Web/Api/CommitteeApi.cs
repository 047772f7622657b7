using Copil.Domain.Access;
using Copil.Web.Features.Agreements;

namespace Copil.Web.Api;

/// <summary>/api/v1/agreements/{id}/committee: seats, invitees and the majority rule.</summary>
public static class CommitteeApi
{
    public static void MapCommitteeApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/committee").WithTags("Comité de pilotage");

        group.MapGet("", async (Guid id, AgreementCommands commands, CancellationToken ct) =>
            await commands.LoadAsync(id, ct) is { } a ? TypedResults.Ok(CommitteeDto.From(a)) : ApiSupport.NotFound())
            .RequireAgreement(AgreementPermission.View).WithSummary("Le comité : sièges, voix, invités, règle de majorité").Produces<CommitteeDto>();

        group.MapGet("/seats", async (Guid id, AgreementCommands commands, CancellationToken ct) =>
            await commands.LoadAsync(id, ct) is { } a ? TypedResults.Ok(CommitteeDto.From(a).Seats) : ApiSupport.NotFound())
            .RequireAgreement(AgreementPermission.View).WithSummary("Les sièges").Produces<IReadOnlyList<SeatDto>>();

        group.MapPost("/seats", async (Guid id, SeatInput input, AgreementCommands commands, CancellationToken ct) =>
        {
            var result = await commands.AddSeatAsync(id, input.Version, input.PartyId, input.Holder, input.Substitute, input.VoteWeight, input.IsBoardMember, ct);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/agreements/{id}/committee/seats/{result.Value.Id}", ToDto(result.Value))
                : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Ajouter un siège").Produces<SeatDto>(201).ProducesValidationProblem();

        group.MapPut("/seats/{seatId:guid}", async (Guid id, Guid seatId, SeatInput input, AgreementCommands commands, CancellationToken ct) =>
        {
            var result = await commands.UpdateSeatAsync(id, input.Version, seatId, input.Holder, input.Substitute, input.VoteWeight, input.IsBoardMember, ct);
            return result.IsSuccess ? TypedResults.Ok(ToDto(result.Value)) : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Modifier un siège").Produces<SeatDto>().ProducesValidationProblem();

        group.MapPut("/casting-vote", async (Guid id, CastingVoteInput input, AgreementCommands commands, CancellationToken ct) =>
        {
            var result = await commands.SetCastingVoteAsync(id, input.Version, input.SeatId, ct);
            return result.IsSuccess ? TypedResults.Ok(CommitteeDto.From(result.Value)) : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Choisir le siège à voix prépondérante (null : aucun)").Produces<CommitteeDto>().ProducesValidationProblem();

        group.MapPost("/invitees", async (Guid id, InviteeInput input, AgreementCommands commands, CancellationToken ct) =>
        {
            var result = await commands.AddInviteeAsync(id, input.Version, input.Name, input.Organisation, input.Capacity, ct);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/agreements/{id}/committee", new InviteeDto(result.Value.Id, result.Value.Name, result.Value.Organisation, result.Value.Capacity))
                : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.EditAgreement).WithSummary("Ajouter un invité sans voix").Produces<InviteeDto>(201).ProducesValidationProblem();
    }

    private static SeatDto ToDto(Copil.Domain.Agreements.CommitteeSeat s) => new(s.Id, s.PartyId, s.Holder, s.Substitute, s.VoteWeight, s.IsBoardMember);
}
